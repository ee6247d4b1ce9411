using System.Net;
using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;

namespace NewsPlatform.Gateway.Tests;

/// <summary>The gateway as the front door: it enforces roles itself, stamps every response, and speaks problem details.</summary>
public sealed class EdgeTests(GatewayFixture gateway) : IClassFixture<GatewayFixture>
{
    [Fact]
    public async Task Newsroom_routes_need_an_editor_at_the_gateway_before_any_service_is_called()
    {
        var path = $"/api/newsroom/articles?probe={Guid.NewGuid():N}";

        var anonymous = await gateway.Client.GetAsync(path);
        var reader = await gateway.ClientAs("r-1", "reader").GetAsync(path);
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, reader.StatusCode);
        Assert.Equal("application/problem+json", reader.Content.Headers.ContentType?.MediaType);
        Assert.DoesNotContain(gateway.Received, r => r.Path == path);

        var editor = await gateway.ClientAs("e-1", "editor").GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, editor.StatusCode);
        // The token travels on, so the service checks it too.
        Assert.Contains(gateway.Received, r => r.Path == path && r.Authorization == "Bearer dev:e-1:editor");
    }

    [Theory]
    [InlineData("/api/admin/api-keys", "editor", HttpStatusCode.Forbidden)]
    [InlineData("/api/admin/api-keys", "admin", HttpStatusCode.OK)]
    [InlineData("/api/admin/users?q=kim", null, HttpStatusCode.Unauthorized)]
    [InlineData("/api/admin/users?q=kim", "editor", HttpStatusCode.Forbidden)]
    [InlineData("/api/admin/users?q=kim", "admin", HttpStatusCode.OK)]
    [InlineData("/api/admin/users/00000000-0000-0000-0000-0000000000a1", "admin", HttpStatusCode.OK)]
    [InlineData("/api/admin/search/rebuild", null, HttpStatusCode.Unauthorized)]
    [InlineData("/api/admin/search/rebuild", "editor", HttpStatusCode.Forbidden)]
    [InlineData("/api/admin/search/rebuild", "admin", HttpStatusCode.ServiceUnavailable)] // the search cluster, down here
    [InlineData("/api/me/follows", null, HttpStatusCode.Unauthorized)]
    [InlineData("/api/me/follows", "reader", HttpStatusCode.OK)]
    [InlineData("/api/subscriptions/me", null, HttpStatusCode.Unauthorized)]
    [InlineData("/api/articles", null, HttpStatusCode.OK)]
    [InlineData("/api/plans", null, HttpStatusCode.OK)]
    [InlineData("/api/auth/login", null, HttpStatusCode.OK)]
    public async Task Each_route_family_has_its_policy(string path, string? role, HttpStatusCode expected)
    {
        var client = role is null ? gateway.Client : gateway.ClientAs("u-1", role);
        Assert.Equal(expected, (await client.GetAsync(path)).StatusCode);
    }

    [Fact]
    public async Task Every_response_carries_a_request_id_and_security_headers_and_the_id_reaches_the_service()
    {
        var path = $"/api/articles?probe={Guid.NewGuid():N}";
        var request = new HttpRequestMessage(HttpMethod.Get, path) { Headers = { { "X-Request-Id", "client-req-12345" } } };

        var response = await gateway.Client.SendAsync(request);
        var generated = await gateway.Client.GetAsync("/api/no-such-route");

        Assert.Equal("client-req-12345", response.Headers.GetValues("X-Request-Id").Single());
        Assert.Contains(gateway.Received, r => r.Path == path && r.RequestId == "client-req-12345");
        Assert.NotEmpty(generated.Headers.GetValues("X-Request-Id").Single());
        foreach (var r in new[] { response, generated })
        {
            Assert.Equal("nosniff", r.Headers.GetValues("X-Content-Type-Options").Single());
            Assert.Equal("DENY", r.Headers.GetValues("X-Frame-Options").Single());
            Assert.True(r.Headers.Contains("Referrer-Policy"));
            Assert.False(r.Headers.Contains("Server"));
        }
        Assert.Equal(HttpStatusCode.NotFound, generated.StatusCode);
        Assert.Equal("application/problem+json", generated.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task A_service_that_is_down_gives_a_503_problem_not_a_raw_proxy_error()
    {
        var response = await gateway.Client.GetAsync("/api/search?q=seoul");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>();
        Assert.Equal(503, problem.GetProperty("status").GetInt32());
        // Other services keep answering.
        Assert.Equal(HttpStatusCode.OK, (await gateway.Client.GetAsync($"/api/articles?probe={Guid.NewGuid():N}")).StatusCode);
    }

    [Fact]
    public async Task A_service_too_slow_for_the_route_timeout_gives_a_504_problem()
    {
        var response = await gateway.ClientAs("r-9", "reader").GetAsync($"/api/articles/slow?delay=20000&probe={Guid.NewGuid():N}");

        Assert.Equal(HttpStatusCode.GatewayTimeout, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Theory]
    [InlineData("/internal/api-keys/check")]
    [InlineData("/internal/anything")]
    [InlineData("/openapi/v1.json")]
    [InlineData("/api/no-such-route")] // an unknown page is the site's to answer (SiteRoutingTests)
    public async Task Internal_and_unknown_routes_are_404_problems_and_never_reach_a_service(string path)
    {
        var get = await gateway.Client.GetAsync(path);
        var post = await gateway.Client.PostAsJsonAsync(path, new { key = "np_x" });

        Assert.Equal(HttpStatusCode.NotFound, get.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, post.StatusCode);
        Assert.Equal("application/problem+json", get.Content.Headers.ContentType?.MediaType);
        Assert.DoesNotContain(gateway.Received, r => r.Path.StartsWith(path, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_body_over_the_limit_gets_413_before_any_service_sees_it()
    {
        var path = $"/api/newsroom/articles?probe={Guid.NewGuid():N}";
        var tooLarge = new ByteArrayContent(new byte[1024 * 1024 + 1]);
        tooLarge.Headers.ContentType = new("application/json");

        var response = await gateway.ClientAs("e-2", "editor").PostAsync(path, tooLarge);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.DoesNotContain(gateway.Received, r => r.Path == path);
        Assert.Equal(HttpStatusCode.OK, (await gateway.ClientAs("e-2", "editor").PostAsJsonAsync(path, new { headline = "Fits" })).StatusCode);
    }

    [Fact]
    public async Task A_photo_upload_over_20_MB_reaches_the_service_which_answers_for_its_own_limit()
    {
        var editor = gateway.ClientAs("e-3", "editor");
        ByteArrayContent Body(long size) => new(new byte[size]) { Headers = { ContentType = new("image/jpeg") } };
        const long overAPhoto = 20 * 1024 * 1024 + 1;

        var upload = await editor.PostAsync("/api/newsroom/photos", Body(overAPhoto));
        var article = await editor.PostAsync("/api/newsroom/articles", Body(overAPhoto));
        var beyond = await editor.PostAsync("/api/newsroom/photos", Body(22 * 1024 * 1024 + 1));
        var anonymous = await gateway.Client.PostAsync("/api/newsroom/photos", Body(1024));

        Assert.Equal(HttpStatusCode.OK, upload.StatusCode);
        Assert.Equal(overAPhoto, (await upload.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>()).GetProperty("received").GetInt64());
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, article.StatusCode); // every other route keeps the edge's 1 MB
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, beyond.StatusCode);
        Assert.Equal("application/problem+json", beyond.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
    }

    [Fact]
    public async Task The_desks_editing_form_may_bring_several_photos_through_the_edge_and_no_other_page_may()
    {
        ByteArrayContent Body(long size) => new(new byte[size]) { Headers = { ContentType = new("multipart/form-data") } };
        // More than a photo upload's own route allows (the stand-in site's server takes up to 30 MB).
        const long photos = 28L * 1024 * 1024;

        var editor = await gateway.Client.PostAsync($"/newsroom/articles/{Guid.NewGuid()}", Body(photos));
        var account = await gateway.Client.PostAsync("/account", Body(2 * 1024 * 1024));
        var beyond = await gateway.Client.PostAsync("/newsroom/new", Body(126L * 1024 * 1024 + 1));

        Assert.Equal(HttpStatusCode.OK, editor.StatusCode);
        Assert.Equal(photos, (await editor.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>()).GetProperty("received").GetInt64());
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, account.StatusCode);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, beyond.StatusCode);
    }

    [Fact]
    public async Task Photo_files_are_public_reads_of_the_articles_service_kept_briefly_at_the_edge()
    {
        var route = gateway.Services.GetRequiredService<Yarp.ReverseProxy.Configuration.IProxyConfigProvider>().GetConfig().Routes
            .Single(r => r.RouteId == "photos");
        var path = $"/photos/{Guid.NewGuid()}/640.jpg";

        var first = await gateway.Client.GetAsync(path);
        var second = await gateway.Client.GetAsync(path);

        Assert.Equal(("articles", null), (route.ClusterId, route.AuthorizationPolicy));
        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.OK), (first.StatusCode, second.StatusCode));
        Assert.Equal(1, gateway.HitsOn(path));
        Assert.Contains(gateway.Routed, r => r == (path, "photos"));
    }

    [Theory]
    [InlineData("/photos")]             // the Photos section's front
    [InlineData("/photos/photo-news")]  // and its subsections'
    [InlineData("/photos/darkroom")]
    public async Task The_Photos_sections_pages_stay_the_sites(string page)
    {
        var path = $"{page}?probe={Guid.NewGuid():N}";

        Assert.Equal(HttpStatusCode.OK, (await gateway.Client.GetAsync(path)).StatusCode);
        Assert.Contains(gateway.Routed, r => r == (path, "site"));
    }

    [Fact]
    public async Task Forwarded_headers_are_believed_only_from_a_known_proxy_and_services_get_the_client_address()
    {
        async Task<Hit> SendAsync(string peer)
        {
            var path = $"/api/plans?probe={Guid.NewGuid():N}";
            var request = new HttpRequestMessage(HttpMethod.Get, path)
            {
                Headers = { { "X-Forwarded-For", "203.0.113.7" }, { "X-Forwarded-Proto", "https" }, { "X-Forwarded-Host", "news.example" } },
            };
            await gateway.ClientFrom(peer).SendAsync(request);
            return gateway.Received.Single(r => r.Path == path);
        }

        var viaProxy = await SendAsync(GatewayFixture.TrustedProxy);
        var spoofed = await SendAsync("198.51.100.23");

        Assert.Equal("203.0.113.7", viaProxy.Headers["X-Forwarded-For"]);
        Assert.Equal("https", viaProxy.Headers["X-Forwarded-Proto"]);
        Assert.Equal("news.example", viaProxy.Headers["X-Forwarded-Host"]);
        Assert.Equal("198.51.100.23", spoofed.Headers["X-Forwarded-For"]);
        Assert.Equal("http", spoofed.Headers["X-Forwarded-Proto"]);
    }

    [Fact]
    public async Task Cors_preflight_from_a_configured_origin_is_allowed_and_others_are_not()
    {
        HttpRequestMessage Preflight(string origin) => new(HttpMethod.Options, "/api/newsroom/articles")
        {
            Headers =
            {
                { "Origin", origin }, { "Access-Control-Request-Method", "POST" },
                { "Access-Control-Request-Headers", "authorization,content-type" },
            },
        };

        var allowed = await gateway.Client.SendAsync(Preflight(GatewayFixture.AllowedOrigin));
        var refused = await gateway.Client.SendAsync(Preflight("https://evil.example"));
        var simple = await gateway.Client.SendAsync(new HttpRequestMessage(HttpMethod.Get, $"/api/sections?probe={Guid.NewGuid():N}")
        {
            Headers = { { "Origin", GatewayFixture.AllowedOrigin } },
        });

        Assert.Equal(HttpStatusCode.NoContent, allowed.StatusCode);
        Assert.Equal(GatewayFixture.AllowedOrigin, allowed.Headers.GetValues("Access-Control-Allow-Origin").Single());
        Assert.Contains("POST", allowed.Headers.GetValues("Access-Control-Allow-Methods").Single());
        Assert.False(refused.Headers.Contains("Access-Control-Allow-Origin"));
        Assert.Equal(GatewayFixture.AllowedOrigin, simple.Headers.GetValues("Access-Control-Allow-Origin").Single());
    }
}
