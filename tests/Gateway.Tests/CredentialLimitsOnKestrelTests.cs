using System.Net;
using System.Net.Http.Json;

namespace NewsPlatform.Gateway.Tests;

/// <summary>The gateway on a real port with its default credential limits: ten failures from an address, refilled one per 5 s.</summary>
public sealed class DefaultCredentialLimitsFixture : GatewayFixture
{
    protected override IReadOnlyDictionary<string, string?> Limits => new Dictionary<string, string?>(Generous)
    {
        ["RateLimits:Credentials:FailuresPerAddress:Burst"] = "10",
        ["RateLimits:Credentials:FailuresPerAddress:PerSecond"] = "0.2",
    };

    protected override bool OnKestrel => true;
    protected override bool TrustsAProxy => false;
}

public sealed class CredentialLimitsOnKestrelTests(DefaultCredentialLimitsFixture gateway) : IClassFixture<DefaultCredentialLimitsFixture>
{
    [Fact]
    public async Task An_address_stays_cut_off_once_its_failures_are_used_up_even_after_a_refill()
    {
        // The limiter refills by elapsed time, so after a refill a fraction of a token is left over — and it grants
        // "zero permits" on such a fraction: an empty bucket must be read from its count, or a guesser who waited
        // for one refill is never stopped again (as seen through the AppHost).
        Task<HttpStatusCode> GuessAsync(int i) => gateway.Client
            .PostAsJsonAsync("/api/auth/login", new { email = $"guess{i}@example.org", password = "wrong-password-1" })
            .ContinueWith(t => t.Result.StatusCode);
        for (var i = 0; i < 5; i++) Assert.Equal(HttpStatusCode.Unauthorized, await GuessAsync(i));
        await Task.Delay(TimeSpan.FromSeconds(5.5)); // one refill: 6 and a fraction left

        var statuses = new List<HttpStatusCode>();
        for (var i = 5; i < 14; i++) statuses.Add(await GuessAsync(i));

        Assert.Equal(6, statuses.Count(s => s == HttpStatusCode.Unauthorized));
        Assert.Equal(Enumerable.Repeat(HttpStatusCode.TooManyRequests, 3), statuses[6..]);
    }
}
