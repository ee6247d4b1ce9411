using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using NewsPlatform.TestSupport;

namespace NewsPlatform.Gateway.Tests;

/// <summary>
/// <c>Edge:UnixSockets</c>: a destination listed there is reached over its Unix domain socket; the cluster's
/// TCP address (closed here) is only its name. The others stay on TCP.
/// </summary>
public sealed class UnixSocketForwardingTests : IAsyncLifetime
{
    private readonly string _socket = Path.Combine(Path.GetTempPath(), $"np-articles-{Guid.NewGuid():N}.sock");
    private WebApplication _service = null!;

    public async Task InitializeAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.ListenUnixSocket(_socket));
        _service = builder.Build();
        _service.Run(http => http.Response.WriteAsync($"over the socket: {http.Request.Path}"));
        await _service.StartAsync();
    }

    public async Task DisposeAsync()
    {
        await _service.DisposeAsync();
        File.Delete(_socket);
    }

    private static int ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private async Task<HttpResponseMessage> ReadThroughGatewayAsync(bool listed)
    {
        var articles = $"http://127.0.0.1:{ClosedPort()}";
        var elsewhere = $"http://127.0.0.1:{ClosedPort()}";
        var settings = new Dictionary<string, string?>
        {
            ["ReverseProxy:Clusters:articles:Destinations:primary:Address"] = articles,
            ["ReverseProxy:Clusters:subscriptions:Destinations:primary:Address"] = elsewhere,
            ["ReverseProxy:Clusters:search:Destinations:primary:Address"] = elsewhere,
            ["ReverseProxy:Clusters:web:Destinations:primary:Address"] = elsewhere,
        };
        if (listed)
        {
            settings["Edge:UnixSockets:0:Address"] = articles;
            settings["Edge:UnixSockets:0:Path"] = _socket;
        }
        await using var gateway = new ServiceUnderTest<GatewayService>(settings);
        return await gateway.CreateClient().GetAsync("/api/articles/harbour-reopens");
    }

    [Fact]
    public async Task A_listed_destination_is_reached_over_its_unix_socket()
    {
        var answer = await ReadThroughGatewayAsync(listed: true);
        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        Assert.Equal("over the socket: /api/articles/harbour-reopens", await answer.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task An_unlisted_destination_is_reached_over_tcp_as_before()
    {
        // The same closed TCP address, not listed: nobody answers there.
        Assert.Equal(HttpStatusCode.ServiceUnavailable, (await ReadThroughGatewayAsync(listed: false)).StatusCode);
    }
}
