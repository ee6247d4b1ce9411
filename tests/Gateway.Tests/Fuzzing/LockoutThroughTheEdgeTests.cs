using System.Net;
using System.Net.Http.Json;

namespace NewsPlatform.Gateway.Tests.Fuzzing;

/// <summary>The real platform behind a gateway with its default credential limits.</summary>
public sealed class DefaultLimitsPlatformFixture : FuzzPlatformFixture
{
    protected override IReadOnlyDictionary<string, string?> Limits => new Dictionary<string, string?>();
}

public sealed class LockoutThroughTheEdgeTests(DefaultLimitsPlatformFixture platform) : IClassFixture<DefaultLimitsPlatformFixture>
{
    [Fact]
    public async Task Sixty_wrong_passwords_for_one_account_from_many_addresses_lock_it_as_they_always_did()
    {
        var email = $"target.{Guid.NewGuid():N}@example.org";
        (await platform.Gateway.PostAsJsonAsync("/api/auth/register", new { email, password = "the-right-password-1", displayName = "Target" })).EnsureSuccessStatusCode();

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 60; i++)
        {
            var guess = new HttpRequestMessage(HttpMethod.Post, "/api/auth/login") { Content = JsonContent.Create(new { email, password = $"wrong-{i}-password" }) };
            guess.Headers.Add(TestPeerAddress.Header, $"198.18.{i / 250}.{i % 250 + 1}"); // each from an address of its own
            statuses.Add((await platform.Gateway.SendAsync(guess)).StatusCode);
        }

        // Refused along the way, never let in: the identity service locked the account after five, the edge held the
        // account back after ten failures whatever address they came from.
        Assert.All(statuses, s => Assert.True(s is HttpStatusCode.Unauthorized or HttpStatusCode.Locked or HttpStatusCode.TooManyRequests, $"{s}"));
        Assert.Equal(5, statuses.Count(s => s == HttpStatusCode.Unauthorized));
        Assert.Contains(HttpStatusCode.TooManyRequests, statuses);
        // Locked, as before: even the right password is refused by the identity service itself.
        var right = await platform.Identity.PostAsJsonAsync("/api/auth/login", new { email, password = "the-right-password-1" });
        Assert.Equal(HttpStatusCode.Locked, right.StatusCode);
    }
}
