using System.Net;
using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;

namespace NewsPlatform.Gateway.Tests;

/// <summary>
/// A gateway with small limits, slowly refilled: 20 anonymous requests and 5 of a reader per client, 3 failed
/// logins per address, 4 per account — and, as by default, no proxy whose forwarded headers it believes.
/// </summary>
public sealed class LimitedGatewayFixture : GatewayFixture
{
    protected override IReadOnlyDictionary<string, string?> Limits => new Dictionary<string, string?>(Generous)
    {
        ["RateLimits:Anonymous:Burst"] = "20",
        ["RateLimits:Anonymous:PerSecond"] = "0.01",
        ["RateLimits:Reader:Burst"] = "5",
        ["RateLimits:Reader:PerSecond"] = "0.01",
        ["RateLimits:KeyLookups:Burst"] = "5",
        ["RateLimits:KeyLookups:PerSecond"] = "0.01",
        ["RateLimits:Credentials:Attempts:Burst"] = "80",
        ["RateLimits:Credentials:Attempts:PerSecond"] = "0.01",
        ["RateLimits:Credentials:FailuresPerAddress:Burst"] = "3",
        ["RateLimits:Credentials:FailuresPerAddress:PerSecond"] = "0.01",
        ["RateLimits:Credentials:FailuresPerAccount:Burst"] = "4",
        ["RateLimits:Credentials:FailuresPerAccount:PerSecond"] = "0.01",
    };

    protected override bool TrustsAProxy => false;
}

public sealed class RateLimitTests(LimitedGatewayFixture gateway) : IClassFixture<LimitedGatewayFixture>
{
    private MetricCollector<long> Rejections() => new(gateway.Services.GetRequiredService<System.Diagnostics.Metrics.IMeterFactory>(),
        GatewayMetrics.MeterName, "newsplatform.gateway.rate_limit.rejections");

    private static Task<HttpResponseMessage> LoginAsync(HttpClient client, string email, string password) =>
        client.PostAsJsonAsync("/api/auth/login", new { email, password });

    [Fact]
    public async Task Failed_logins_from_one_address_are_cut_off_with_429_whatever_X_Forwarded_For_claims()
    {
        using var rejections = Rejections();
        var client = gateway.ClientFrom("203.0.113.10");
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 6; i++)
        {
            // Each guess claims another address: believed from no one, since no proxy is configured.
            var request = new HttpRequestMessage(HttpMethod.Post, "/api/auth/login")
            {
                Content = JsonContent.Create(new { email = $"victim{i}@example.org", password = "wrong-password-1" }),
            };
            request.Headers.Add("X-Forwarded-For", $"198.18.{i}.{i + 1}");
            statuses.Add((await client.SendAsync(request)).StatusCode);
        }

        Assert.Equal([HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized,
            HttpStatusCode.TooManyRequests, HttpStatusCode.TooManyRequests, HttpStatusCode.TooManyRequests], statuses);
        var refused = await LoginAsync(client, "someone@example.org", "right-password-1");
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.True(refused.Headers.RetryAfter?.Delta >= TimeSpan.FromSeconds(1));
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
        // The services heard of the client's real address only.
        Assert.All(gateway.Received.Where(r => r.Path == "/api/auth/login" && r.Headers.GetValueOrDefault("X-Forwarded-For")?.Contains("203.0.113.10") == true),
            hit => Assert.Equal("203.0.113.10", hit.Headers["X-Forwarded-For"]));
        Assert.All(rejections.GetMeasurementSnapshot(), m => Assert.Equal(RateLimits.Credentials, m.Tags["newsplatform.policy"]));
        // Other routes are not held back by it.
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/plans")).StatusCode);
    }

    [Fact]
    public async Task Fifty_editors_logging_in_correctly_from_one_office_address_all_succeed()
    {
        var office = gateway.ClientFrom("203.0.113.20");
        var statuses = await Task.WhenAll(Enumerable.Range(0, 50).Select(i => LoginAsync(office, $"editor{i}@example.org", "right-password-1")));
        Assert.All(statuses, s => Assert.Equal(HttpStatusCode.OK, s.StatusCode));
        // And two failures among them leave the rest of the newsroom alone.
        Assert.Equal(HttpStatusCode.Unauthorized, (await LoginAsync(office, "editor0@example.org", "wrong-password-1")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await LoginAsync(office, "editor1@example.org", "wrong-password-1")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await LoginAsync(office, "editor51@example.org", "right-password-1")).StatusCode);
    }

    [Fact]
    public async Task Failed_logins_to_one_account_from_many_addresses_hold_that_account_back_and_no_other()
    {
        using var failures = new MetricCollector<long>(gateway.Services.GetRequiredService<System.Diagnostics.Metrics.IMeterFactory>(),
            GatewayMetrics.MeterName, "newsplatform.gateway.credential_failures");
        for (var i = 0; i < 4; i++)
            Assert.Equal(HttpStatusCode.Unauthorized, (await LoginAsync(gateway.ClientFrom($"192.0.2.{100 + i}"), "Target@Example.org ", "wrong-password-1")).StatusCode);

        var fresh = gateway.ClientFrom("192.0.2.150");
        Assert.Equal(HttpStatusCode.TooManyRequests, (await LoginAsync(fresh, "target@example.org", "right-password-1")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await LoginAsync(fresh, "bystander@example.org", "right-password-1")).StatusCode);
        Assert.Equal(4, failures.GetMeasurementSnapshot().Count(m => Equals(m.Tags["newsplatform.action"], "login")));
    }

    [Fact]
    public async Task The_sites_login_form_shares_the_buckets_and_is_passed_on_marked_when_held_back()
    {
        var client = gateway.ClientFrom("198.51.100.7");
        Task<HttpResponseMessage> PostFormAsync(string email, string password) => client.PostAsync($"/login?probe={Guid.NewGuid():N}",
            new FormUrlEncodedContent([new("Form.Email", email), new("Form.Password", password)]));

        // The form's failures and the API's count in the same bucket of the address.
        Assert.Equal(HttpStatusCode.Unauthorized, (await PostFormAsync("a@example.org", "wrong-password-1")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await LoginAsync(client, "b@example.org", "wrong-password-1")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await PostFormAsync("c@example.org", "wrong-password-1")).StatusCode);
        var held = await PostFormAsync("d@example.org", "right-password-1");

        // The form reaches the site, which answers the person; the edge tells it how long to wait and why.
        Assert.Equal(HttpStatusCode.OK, held.StatusCode);
        var marked = gateway.Received.Where(r => r.Path.StartsWith("/login?", StringComparison.Ordinal)
            && r.Headers.GetValueOrDefault("X-Forwarded-For") == "198.51.100.7").ToList();
        Assert.Equal(3, marked.Count);
        Assert.Equal(2, marked.Count(r => !r.Headers.ContainsKey("X-Edge-Retry-After")));
        var last = marked.Single(r => r.Headers.ContainsKey("X-Edge-Retry-After"));
        Assert.True(int.Parse(last.Headers["X-Edge-Retry-After"]) >= 1);
        Assert.Equal("address", last.Headers["X-Edge-Throttle-Scope"]);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/login")).StatusCode); // reading pages is not held back
    }

    [Fact]
    public async Task Anonymous_requests_are_limited_per_real_address_whatever_X_Forwarded_For_claims()
    {
        var client = gateway.ClientFrom("203.0.113.30");
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 25; i++)
        {
            var request = new HttpRequestMessage(HttpMethod.Get, $"/api/articles?probe={Guid.NewGuid():N}");
            request.Headers.Add("X-Forwarded-For", $"198.19.0.{i}");
            statuses.Add((await client.SendAsync(request)).StatusCode);
        }
        Assert.Equal(20, statuses.Count(s => s == HttpStatusCode.OK));
        Assert.Equal(5, statuses.Count(s => s == HttpStatusCode.TooManyRequests));
    }

    [Fact]
    public async Task A_verified_reader_is_limited_per_reader_wherever_they_read_from()
    {
        var home = gateway.ClientFrom("203.0.113.40");
        home.DefaultRequestHeaders.Authorization = new("Bearer", "dev:limited-reader:reader");
        for (var i = 0; i < 5; i++) Assert.Equal(HttpStatusCode.OK, (await home.GetAsync("/api/me/follows")).StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, (await home.GetAsync("/api/me/follows")).StatusCode);

        var elsewhere = gateway.ClientFrom("203.0.113.41");
        elsewhere.DefaultRequestHeaders.Authorization = new("Bearer", "dev:limited-reader:reader");
        Assert.Equal(HttpStatusCode.TooManyRequests, (await elsewhere.GetAsync("/api/me/follows")).StatusCode);
        var housemate = gateway.ClientFrom("203.0.113.40");
        housemate.DefaultRequestHeaders.Authorization = new("Bearer", "dev:other-reader:reader");
        Assert.Equal(HttpStatusCode.OK, (await housemate.GetAsync("/api/me/follows")).StatusCode);
    }

    [Fact]
    public async Task Keys_the_edge_has_not_seen_are_limited_per_address_before_any_lookup()
    {
        var guesser = gateway.ClientFrom("203.0.113.50");
        var before = gateway.KeyChecks.Count;
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 10; i++)
        {
            var request = new HttpRequestMessage(HttpMethod.Get, "/api/sections");
            request.Headers.Add("X-Api-Key", $"sk_guess_{Guid.NewGuid():N}");
            statuses.Add((await guesser.SendAsync(request)).StatusCode);
        }
        Assert.Equal(5, statuses.Count(s => s == HttpStatusCode.Unauthorized));
        Assert.Equal(5, statuses.Count(s => s == HttpStatusCode.TooManyRequests));
        Assert.Equal(5, gateway.KeyChecks.Count - before); // no lookup for the refused ones
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
