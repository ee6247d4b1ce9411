using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace NewsPlatform.Gateway.Tests;

/// <summary>The site behind the gateway: every path outside the API is a page, anonymous pages are cached, a reader's never.</summary>
public sealed class SiteRoutingTests(GatewayFixture gateway) : IClassFixture<GatewayFixture>
{
    [Theory]
    [InlineData("/")]
    [InlineData("/national")]
    [InlineData("/entertainment-arts/k-pop")]
    [InlineData("/articles/han-river-ferry-trial-begins")]
    [InlineData("/search?q=ferry")]
    [InlineData("/login")]
    [InlineData("/css/site.abc123.css")]
    public async Task Every_path_outside_the_api_is_the_sites(string path)
    {
        var probe = $"{path}{(path.Contains('?') ? '&' : '?')}probe={Guid.NewGuid():N}";
        Assert.Equal(HttpStatusCode.OK, (await gateway.Client.GetAsync(probe)).StatusCode);
        Assert.Equal(1, gateway.HitsOn(probe));
    }

    [Theory]
    [InlineData("/api/no-such-route")]
    [InlineData("/api")]
    [InlineData("/internal/api-keys/check")]
    [InlineData("/openapi/v1.json")]
    public async Task The_apis_own_prefixes_answer_a_problem_document_even_where_no_route_matches(string path)
    {
        var response = await gateway.Client.GetAsync(path);
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(0, gateway.HitsOn(path));
    }

    [Fact]
    public async Task Anonymous_pages_are_cached_and_the_readers_session_cookie_bypasses_the_cache()
    {
        var page = $"/business/tech?probe={Guid.NewGuid():N}";
        for (var i = 0; i < 3; i++) await gateway.Client.GetAsync(page);
        Assert.Equal(1, gateway.HitsOn(page));

        // A logged-in reader's page comes from the site each time, never from the anonymous copy.
        for (var i = 0; i < 2; i++) await SendWithCookieAsync(page, "np_session=reader-session-key");
        Assert.Equal(3, gateway.HitsOn(page));

        // Any other cookie of an anonymous reader (a form's antiforgery cookie) changes nothing on a public page.
        await SendWithCookieAsync(page, "np_antiforgery=token");
        Assert.Equal(3, gateway.HitsOn(page));
    }

    [Fact]
    public async Task A_page_is_one_cache_entry_whatever_parameters_it_does_not_read_and_one_per_parameter_it_does()
    {
        var front = $"/finance/markets-{Guid.NewGuid():N}";
        await gateway.Client.GetAsync($"{front}?utm_source=newsletter");
        await gateway.Client.GetAsync($"{front}?fbclid={Guid.NewGuid():N}");
        await gateway.Client.GetAsync(front);
        Assert.Equal(1, gateway.Received.Count(r => r.Path.StartsWith(front, StringComparison.Ordinal)));
        await gateway.Client.GetAsync($"{front}?page=2");
        await gateway.Client.GetAsync($"{front}?page=2&utm_source=x");
        Assert.Equal(2, gateway.Received.Count(r => r.Path.StartsWith(front, StringComparison.Ordinal)));
    }

    [Theory]
    [InlineData("cache=private,%20no-store")]
    [InlineData("cache=no-store")]
    [InlineData("setcookie=1")]
    public async Task A_page_the_site_marked_private_or_that_sets_a_cookie_is_never_kept(string query)
    {
        var page = $"/account?{query}&probe={Guid.NewGuid():N}";
        await gateway.Client.GetAsync(page);
        await gateway.Client.GetAsync(page);
        Assert.Equal(2, gateway.HitsOn(page));
    }

    [Fact]
    public async Task The_pages_own_security_policy_is_kept_and_other_answers_forbid_framing()
    {
        var page = await gateway.Client.GetAsync($"/national-{Guid.NewGuid():N}?csp=1");
        Assert.Equal("default-src 'self'; frame-ancestors 'none'", page.Headers.GetValues("Content-Security-Policy").Single());
        var api = await gateway.Client.GetAsync("/api/sections");
        Assert.Equal("frame-ancestors 'none'", api.Headers.GetValues("Content-Security-Policy").Single());
    }

    [Fact]
    public async Task Only_the_edge_may_say_a_form_was_throttled()
    {
        var page = $"/login?probe={Guid.NewGuid():N}";
        var request = new HttpRequestMessage(HttpMethod.Post, page) { Content = new FormUrlEncodedContent([new("Form.Email", "a@b.org")]) };
        request.Headers.Add("X-Edge-Retry-After", "60");
        await gateway.Client.SendAsync(request);
        var hit = gateway.Received.Single(r => r.Path == page);
        Assert.False(hit.Headers.ContainsKey("X-Edge-Retry-After"));
    }

    private Task<HttpResponseMessage> SendWithCookieAsync(string path, string cookie) =>
        gateway.Client.SendAsync(new HttpRequestMessage(HttpMethod.Get, path) { Headers = { { "Cookie", cookie } } });
}
