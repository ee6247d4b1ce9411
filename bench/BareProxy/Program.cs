using Microsoft.AspNetCore.Server.Kestrel.Transport.Sockets;
using Yarp.ReverseProxy.Configuration;

// YARP and nothing else: one route to one destination ("Destination"), no middleware, no telemetry, no logging,
// with the gateway's socket settings (inline scheduling here; bench/gateway.sh gives both the same event-loop
// environment). What the gateway costs above this is what its features cost; what this costs above nginx is
// the framework's (Kestrel, HttpClient, YARP), which no setting of the gateway reaches.
var builder = WebApplication.CreateSlimBuilder(args);
builder.Logging.ClearProviders();
builder.WebHost.ConfigureKestrel(kestrel => kestrel.AddServerHeader = false);
builder.Services.Configure<SocketTransportOptions>(sockets => sockets.UnsafePreferInlineScheduling = true);
builder.Services.AddReverseProxy().LoadFromMemory(
    [new RouteConfig { RouteId = "all", ClusterId = "service", Match = new RouteMatch { Path = "{**rest}" } }],
    [new ClusterConfig
    {
        ClusterId = "service",
        Destinations = new Dictionary<string, DestinationConfig>
        {
            ["primary"] = new() { Address = builder.Configuration["Destination"] ?? throw new InvalidOperationException("Set Destination.") },
        },
    }]);

var app = builder.Build();
app.MapReverseProxy();
app.Run();
