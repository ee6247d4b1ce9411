using System.Net;
using System.Net.Http.Json;

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
    public async Task A_service_that_does_not_answer_gives_a_problem_not_a_raw_proxy_error()
    {
        var response = await gateway.Client.GetAsync("/api/search?q=seoul");

        Assert.Equal(HttpStatusCode.BadGateway, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>();
        Assert.Equal(502, problem.GetProperty("status").GetInt32());
    }
}
