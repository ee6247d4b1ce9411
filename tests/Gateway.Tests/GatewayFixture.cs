using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Hosting;
using NewsPlatform.Gateway;
using NewsPlatform.TestSupport;

namespace NewsPlatform.Gateway.Tests;

/// <summary>
/// The gateway with every cluster pointed at one stand-in service (a tiny HTTP server that answers
/// 200 and records what reached it), and one route's cluster at a port nobody listens on.
/// </summary>
public class GatewayFixture : IAsyncLifetime
{
    /// <summary>Limits generous enough that only the rate-limit tests meet them.</summary>
    protected virtual IReadOnlyDictionary<string, string?> Limits => new Dictionary<string, string?>
    {
        ["RateLimits:Anonymous:Burst"] = "10000",
        ["RateLimits:Credentials:Burst"] = "10000",
    };

    private WebApplication _downstream = null!;
    private ServiceUnderTest<GatewayService> _gateway = null!;

    public ConcurrentQueue<(string Path, string? Authorization, string? RequestId)> Received { get; } = new();
    public HttpClient Client { get; private set; } = null!;
    public IServiceProvider Services => _gateway.Services;

    public async Task InitializeAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        _downstream = builder.Build();
        _downstream.Run(async http =>
        {
            Received.Enqueue((http.Request.Path + http.Request.QueryString, http.Request.Headers.Authorization.ToString(),
                http.Request.Headers["X-Request-Id"].ToString()));
            await http.Response.WriteAsJsonAsync(new { ok = true });
        });
        await _downstream.StartAsync();
        var address = _downstream.Urls.First();

        var settings = new Dictionary<string, string?>(Limits)
        {
            ["ReverseProxy:Clusters:articles:Destinations:primary:Address"] = address,
            ["ReverseProxy:Clusters:subscriptions:Destinations:primary:Address"] = address,
            ["ReverseProxy:Clusters:search:Destinations:primary:Address"] = $"http://127.0.0.1:{ClosedPort()}",
        };
        _gateway = new ServiceUnderTest<GatewayService>(settings);
        Client = _gateway.CreateClient();
    }

    public HttpClient ClientAs(string subject, params string[] roles) => _gateway.CreateClientAs(subject, roles);

    public async Task DisposeAsync()
    {
        await _gateway.DisposeAsync();
        await _downstream.StopAsync();
        await _downstream.DisposeAsync();
    }

    private static int ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
