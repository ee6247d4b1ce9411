using System.Net;

namespace NewsPlatform.Gateway.Tests;

/// <summary>Identity before limits: a caller that names itself with a header the edge cannot verify gets no further.</summary>
public sealed class EdgeIdentityTests(GatewayFixture gateway) : IClassFixture<GatewayFixture>
{
    [Theory]
    [InlineData("x")]
    [InlineData("Bearer")]
    [InlineData("Bearer not-a-token")]
    [InlineData("Bearer eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4In0.")]
    [InlineData("Basic YWRtaW46YWRtaW4=")]
    public async Task An_authorization_header_that_does_not_verify_is_refused_at_the_edge_even_on_public_reads(string authorization)
    {
        foreach (var path in new[] { "/api/sections", $"/api/articles/premium-{Guid.NewGuid():N}", $"/api/search?q=x&probe={Guid.NewGuid():N}", "/national" })
        {
            var request = new HttpRequestMessage(HttpMethod.Get, path);
            request.Headers.TryAddWithoutValidation("Authorization", authorization);
            var response = await gateway.Client.SendAsync(request);

            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            Assert.Equal(0, gateway.HitsOn(path));
        }
    }

    [Fact]
    public async Task A_verified_token_still_goes_through()
    {
        var path = $"/api/articles/premium-{Guid.NewGuid():N}";
        Assert.Equal(HttpStatusCode.OK, (await gateway.ClientAs("subscriber-9", "reader").GetAsync(path)).StatusCode);
        Assert.Equal(1, gateway.HitsOn(path));
    }
}
