using System.Net;
using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;

namespace NewsPlatform.Gateway.Tests;

/// <summary>A gateway with small limits: 3 credential attempts and 20 anonymous requests per client, slowly refilled.</summary>
public sealed class LimitedGatewayFixture : GatewayFixture
{
    protected override IReadOnlyDictionary<string, string?> Limits => new Dictionary<string, string?>
    {
        ["RateLimits:Anonymous:Burst"] = "20",
        ["RateLimits:Anonymous:PerSecond"] = "0.01",
        ["RateLimits:Credentials:Burst"] = "3",
        ["RateLimits:Credentials:PerSecond"] = "0.01",
    };
}

public sealed class RateLimitTests(LimitedGatewayFixture gateway) : IClassFixture<LimitedGatewayFixture>
{
    private MetricCollector<long> Rejections() => new(gateway.Services.GetRequiredService<System.Diagnostics.Metrics.IMeterFactory>(),
        GatewayMetrics.MeterName, "newsplatform.gateway.rate_limit.rejections");

    [Fact]
    public async Task Login_attempts_past_the_strict_limit_get_429_with_retry_after()
    {
        using var rejections = Rejections();
        for (var i = 0; i < 3; i++)
        {
            var allowed = await gateway.ClientAs("x", "reader").PostAsJsonAsync("/api/auth/login", new { email = "a@b.org", password = "whatever-123" });
            Assert.Equal(HttpStatusCode.OK, allowed.StatusCode);
        }

        var refused = await gateway.ClientAs("x", "reader").PostAsJsonAsync("/api/auth/login", new { email = "a@b.org", password = "whatever-123" });

        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.True(refused.Headers.RetryAfter?.Delta >= TimeSpan.FromSeconds(1));
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
        // Other routes are not held back by the login limit.
        Assert.Equal(HttpStatusCode.OK, (await gateway.ClientAs("x", "reader").GetAsync("/api/plans")).StatusCode);
        Assert.Equal(RateLimits.Credentials, Assert.Single(rejections.GetMeasurementSnapshot()).Tags["newsplatform.policy"]);
    }

    [Fact]
    public async Task The_sites_login_and_registration_forms_share_the_credentials_bucket_and_are_passed_on_marked_when_over_it()
    {
        var client = gateway.ClientFrom("198.51.100.7");
        client.DefaultRequestHeaders.Authorization = new("Bearer", "dev:form-user:reader"); // past the anonymous limit
        Task<HttpResponseMessage> PostFormAsync(string path) =>
            client.PostAsync($"{path}?probe={Guid.NewGuid():N}", new FormUrlEncodedContent([new("Form.Email", "a@b.org")]));

        for (var i = 0; i < 3; i++) Assert.Equal(HttpStatusCode.OK, (await PostFormAsync(i % 2 == 0 ? "/login" : "/register")).StatusCode);
        var throttled = await PostFormAsync("/login");

        // The form reaches the site, which answers the person; the edge tells it how long to wait.
        Assert.Equal(HttpStatusCode.OK, throttled.StatusCode);
        var marked = gateway.Received.Where(r => r.Path.StartsWith("/login?", StringComparison.Ordinal) || r.Path.StartsWith("/register?", StringComparison.Ordinal))
            .Where(r => r.Headers.ContainsKey("X-Forwarded-For") && r.Headers["X-Forwarded-For"].Contains("198.51.100.7")).ToList();
        Assert.Equal(4, marked.Count);
        Assert.Equal(3, marked.Count(r => !r.Headers.ContainsKey("X-Edge-Retry-After")));
        Assert.True(int.Parse(marked.Single(r => r.Headers.ContainsKey("X-Edge-Retry-After")).Headers["X-Edge-Retry-After"]) >= 1);

        // The same address's API login is in the same bucket.
        var api = await client.PostAsJsonAsync("/api/auth/login", new { email = "a@b.org", password = "whatever-123" });
        Assert.Equal(HttpStatusCode.TooManyRequests, api.StatusCode);
        // Reading pages is not held back.
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/login")).StatusCode);
    }

    [Fact]
    public async Task Anonymous_callers_have_a_per_client_limit_and_signed_in_ones_are_not_held_to_it()
    {
        using var rejections = Rejections();
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 25; i++) statuses.Add((await gateway.Client.GetAsync("/api/articles")).StatusCode);

        Assert.Contains(HttpStatusCode.TooManyRequests, statuses);
        Assert.True(statuses.Count(s => s == HttpStatusCode.OK) <= 20);
        Assert.All(rejections.GetMeasurementSnapshot(), m => Assert.Equal(RateLimits.Anonymous, m.Tags["newsplatform.policy"]));
        Assert.Equal(statuses.Count(s => s == HttpStatusCode.TooManyRequests), rejections.GetMeasurementSnapshot().Count);
        Assert.Equal(HttpStatusCode.OK, (await gateway.ClientAs("r-2", "reader").GetAsync("/api/articles")).StatusCode);
    }
}
