using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using NewsPlatform.Gateway;
using NewsPlatform.TestSupport;

namespace NewsPlatform.Gateway.Tests;

/// <summary>What reached the stand-in service.</summary>
public sealed record Hit(string Path, string? Authorization, string? RequestId, IReadOnlyDictionary<string, string> Headers);

/// <summary>
/// The gateway with every cluster pointed at one stand-in service (a tiny HTTP server that answers
/// 200 and records what reached it), and the search cluster at a port nobody listens on. The stand-in
/// also answers the API-key check for a few fixed keys, serves a "premium" article whose body depends
/// on whether a bearer token came with the request, and answers late when asked (<c>?delay=ms</c>).
/// Requests may name their peer address with <c>X-Test-Peer</c> (the in-process server has none).
/// </summary>
public class GatewayFixture : IAsyncLifetime
{
    public const string TrustedProxy = "10.9.9.9";
    public const string AllowedOrigin = "https://reader.example";

    /// <summary>Stand-in partner keys and their tiers; <c>sk_revoked</c> was revoked.</summary>
    public static readonly IReadOnlyDictionary<string, (Guid Id, string Tier)> StandInKeys = new Dictionary<string, (Guid, string)>
    {
        ["sk_basic_one"] = (Guid.Parse("00000000-0000-0000-0000-0000000000b1"), "basic"),
        ["sk_basic_two"] = (Guid.Parse("00000000-0000-0000-0000-0000000000b2"), "basic"),
        ["sk_premium"] = (Guid.Parse("00000000-0000-0000-0000-0000000000f1"), "premium"),
    };

    /// <summary>Limits generous enough that only the rate-limit tests meet them.</summary>
    protected virtual IReadOnlyDictionary<string, string?> Limits => Generous;

    /// <summary>Every limit far out of reach.</summary>
    public static IReadOnlyDictionary<string, string?> Generous { get; } = new Dictionary<string, string?>
    {
        ["RateLimits:Anonymous:Burst"] = "10000",
        ["RateLimits:Reader:Burst"] = "10000",
        ["RateLimits:KeyLookups:Burst"] = "10000",
        ["RateLimits:Credentials:Attempts:Burst"] = "10000",
        ["RateLimits:Credentials:FailuresPerAddress:Burst"] = "10000",
        ["RateLimits:Credentials:FailuresPerAccount:Burst"] = "10000",
        ["RateLimits:Tiers:basic:Burst"] = "10000",
        ["RateLimits:Tiers:premium:Burst"] = "10000",
    };

    /// <summary>Whether the gateway believes the forwarded headers of <see cref="TrustedProxy"/> (else it is configured with none, its default).</summary>
    protected virtual bool TrustsAProxy => true;

    /// <summary>Whether the gateway runs on a real port (Kestrel, as deployed) rather than the in-process test server.</summary>
    protected virtual bool OnKestrel => false;

    protected virtual string Environment => "Testing";

    /// <summary>Further gateway settings of a derived fixture.</summary>
    protected virtual IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>();

    /// <summary>Runs before the gateway is built (a derived fixture starts real services here).</summary>
    protected virtual Task BeforeGatewayAsync() => Task.CompletedTask;

    protected virtual void ConfigureGateway(IServiceCollection services) { }

    /// <summary>How many gateways run with these settings, in front of the one stand-in (replica 0 is <see cref="Client"/>'s).</summary>
    protected virtual int Replicas => 1;

    private WebApplication _downstream = null!;
    private readonly List<ServiceUnderTest<GatewayService>> _replicas = [];
    private ServiceUnderTest<GatewayService> First => _replicas[0];

    public ConcurrentQueue<Hit> Received { get; } = new();
    public ConcurrentQueue<string> KeyChecks { get; } = new();

    /// <summary>Which gateway route (YARP route id) each request took, by path and query; null where none did.</summary>
    public ConcurrentQueue<(string Path, string? Route)> Routed { get; } = new();
    public HttpClient Client { get; private set; } = null!;
    public IServiceProvider Services => First.Services;

    public async Task InitializeAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        _downstream = builder.Build();
        _downstream.Run(StandInAsync);
        await _downstream.StartAsync();
        var address = _downstream.Urls.First();

        await BeforeGatewayAsync();
        var settings = new Dictionary<string, string?>(Limits)
        {
            ["ReverseProxy:Clusters:articles:Destinations:primary:Address"] = address,
            ["ReverseProxy:Clusters:subscriptions:Destinations:primary:Address"] = address,
            ["ReverseProxy:Clusters:web:Destinations:primary:Address"] = address,
            ["ReverseProxy:Clusters:search:Destinations:primary:Address"] = $"http://127.0.0.1:{LocalPorts.Free()}",
            ["ApiKeys:CheckAddress"] = address,
            ["Edge:CorsOrigins:0"] = AllowedOrigin,
            ["Edge:Timeouts:read"] = "00:00:03",
        };
        if (TrustsAProxy) settings["Edge:KnownProxies:0"] = TrustedProxy;
        foreach (var (key, value) in Settings) settings[key] = value;
        for (var i = 0; i < Replicas; i++)
        {
            _replicas.Add(new ServiceUnderTest<GatewayService>(settings, services =>
            {
                services.AddSingleton<IStartupFilter, TestPeerAddress>();
                services.AddSingleton<IStartupFilter>(new RouteRecorder(Routed));
                ConfigureGateway(services);
            }, Environment));
        }
        Client = OnKestrel ? new HttpClient { BaseAddress = await First.StartOnPortAsync() } : First.CreateClient();
    }

    public HttpClient ClientAs(string subject, params string[] roles) => First.CreateClientAs(subject, roles);

    /// <summary>A client whose requests arrive from <paramref name="peer"/>, optionally with an API key, at one gateway.</summary>
    public HttpClient ClientFrom(string peer, string? apiKey = null, int replica = 0)
    {
        var client = _replicas[replica].CreateClient();
        client.DefaultRequestHeaders.Add(TestPeerAddress.Header, peer);
        if (apiKey is not null) client.DefaultRequestHeaders.Add("X-Api-Key", apiKey);
        return client;
    }

    public int HitsOn(string path) => Received.Count(r => r.Path == path);

    private async Task StandInAsync(HttpContext http)
    {
        var path = http.Request.Path.Value ?? "";
        if (path == "/internal/api-keys/check")
        {
            var key = (await JsonSerializer.DeserializeAsync<JsonElement>(http.Request.Body)).GetProperty("key").GetString() ?? "";
            KeyChecks.Enqueue(key);
            if (StandInKeys.TryGetValue(key, out var known))
            {
                await http.Response.WriteAsJsonAsync(new { id = known.Id, name = $"partner {key}", tier = known.Tier });
                return;
            }
            http.Response.StatusCode = 401;
            await http.Response.WriteAsJsonAsync(new
            {
                status = 401,
                type = key == "sk_revoked" ? "https://newsplatform.dev/problems/revoked-api-key" : "https://newsplatform.dev/problems/invalid-api-key",
            });
            return;
        }

        // Like the identity service and the site's form: a login with a wrong password is refused.
        if (HttpMethods.IsPost(http.Request.Method) && path is "/api/auth/login" or "/login")
        {
            http.Request.EnableBuffering();
            var body = await new StreamReader(http.Request.Body).ReadToEndAsync();
            http.Request.Body.Position = 0;
            if (body.Contains("wrong-password", StringComparison.Ordinal)) http.Response.StatusCode = StatusCodes.Status401Unauthorized;
        }

        Received.Enqueue(new Hit(path + http.Request.QueryString, http.Request.Headers.Authorization.ToString(),
            http.Request.Headers["X-Request-Id"].ToString(),
            http.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase)));

        // Like the site: a page may say how it may be cached, set a cookie, or bring its own security policy.
        if (http.Request.Query["cache"].ToString() is { Length: > 0 } cacheControl) http.Response.Headers.CacheControl = cacheControl;
        if (http.Request.Query.ContainsKey("setcookie")) http.Response.Headers.SetCookie = "np_antiforgery=t; path=/; httponly";
        if (http.Request.Query.ContainsKey("csp")) http.Response.Headers.ContentSecurityPolicy = "default-src 'self'; frame-ancestors 'none'";
        // Like the services and the site: an answer names what it shows, for the edge's cache (CachePurge).
        if (http.Request.Query["tags"].ToString() is { Length: > 0 } tags) http.Response.Headers["Surrogate-Key"] = tags;

        if (int.TryParse(http.Request.Query["delay"], out var delay))
        {
            try { await Task.Delay(delay, http.RequestAborted); }
            catch (OperationCanceledException) { return; }
        }
        // Like the Articles service: an article's answer may depend on who asks, and says so.
        if (path.StartsWith("/api/articles/", StringComparison.Ordinal)) http.Response.Headers.Vary = "Authorization";
        if (path.StartsWith("/api/articles/premium-", StringComparison.Ordinal))
        {
            // Like the Articles service: the full body only for a subscriber, a teaser for everyone else.
            var subscriber = http.Request.Headers.Authorization.Count > 0;
            await http.Response.WriteAsJsonAsync(subscriber
                ? new { slug = path[14..], locked = false, body = "<p>The whole premium story.</p>" }
                : new { slug = path[14..], locked = true, body = "<p>First paragraph only.</p>" });
            return;
        }
        if (await ServeBodyShapeAsync(http, path)) return;
        // Like the Articles service's photo upload (and the desk's editing form with photos): the body is read whole,
        // and the answer says how much came.
        if (HttpMethods.IsPost(http.Request.Method) && (path == "/api/newsroom/photos" || path.StartsWith("/newsroom/", StringComparison.Ordinal)))
        {
            long received = 0;
            var buffer = new byte[81920];
            for (int read; (read = await http.Request.Body.ReadAsync(buffer)) > 0;) received += read;
            await http.Response.WriteAsJsonAsync(new { received });
            return;
        }
        await http.Response.WriteAsJsonAsync(new { ok = true });
    }

    /// <summary>Released by a test to let the stand-in's live blog send its second event.</summary>
    public TaskCompletionSource LiveBlogMayContinue { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>A long read's body: larger than the gateway's response buffer.</summary>
    public static readonly string LongReadBody = string.Concat(Enumerable.Range(0, 4000).Select(i => $"<p>Paragraph {i} of a long read.</p>"));

    /// <summary>Answers whose shape on the wire matters to the edge's response buffering.</summary>
    private async Task<bool> ServeBodyShapeAsync(HttpContext http, string path)
    {
        switch (path)
        {
            case "/api/articles/long-read": // written in pieces, chunked
                http.Response.ContentType = "application/json";
                await http.Response.WriteAsync("{\"body\":\"");
                foreach (var piece in LongReadBody.Chunk(8 * 1024)) await http.Response.WriteAsync(new string(piece));
                await http.Response.WriteAsync("\"}");
                return true;
            case "/api/articles/with-length":
                var known = "{\"ok\":true,\"length\":\"known\"}"u8.ToArray();
                http.Response.ContentType = "application/json";
                http.Response.ContentLength = known.Length;
                await http.Response.Body.WriteAsync(known);
                return true;
            case "/api/articles/live-blog": // an event stream: each event is meant to arrive when it is sent
                http.Response.ContentType = "text/event-stream";
                await http.Response.WriteAsync("data: first\n\n");
                await http.Response.Body.FlushAsync();
                await LiveBlogMayContinue.Task.WaitAsync(TimeSpan.FromSeconds(30), http.RequestAborted);
                await http.Response.WriteAsync("data: second\n\n");
                return true;
            case "/api/articles/broken-off": // the service fails halfway through its answer
                http.Response.ContentType = "application/json";
                await http.Response.WriteAsync("{\"body\":\"The first half of");
                await http.Response.Body.FlushAsync();
                await Task.Delay(200); // long enough for the gateway to have the first half in hand
                http.Abort();
                return true;
            default:
                return false;
        }
    }

    /// <summary>A client of one gateway replica.</summary>
    public HttpClient ClientOf(int replica) => _replicas[replica].CreateClient();

    public IServiceProvider ServicesOf(int replica) => _replicas[replica].Services;

    public virtual async Task DisposeAsync()
    {
        foreach (var replica in _replicas) await replica.DisposeAsync();
        await _downstream.StopAsync();
        await _downstream.DisposeAsync();
    }

}

/// <summary>Gives a request the peer address its <c>X-Test-Peer</c> header names, before any gateway middleware.</summary>
public sealed class TestPeerAddress : IStartupFilter
{
    public const string Header = "X-Test-Peer";

    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        app.Use(async (http, following) =>
        {
            if (http.Request.Headers.TryGetValue(Header, out var peer)) http.Connection.RemoteIpAddress = IPAddress.Parse(peer.ToString());
            await following(http);
        });
        next(app);
    };
}

/// <summary>Notes the gateway route each request was matched to (known once the request has been through routing).</summary>
public sealed class RouteRecorder(ConcurrentQueue<(string Path, string? Route)> routed) : IStartupFilter
{
    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        app.Use(async (http, following) =>
        {
            try
            {
                await following(http);
            }
            finally
            {
                var route = http.GetEndpoint()?.Metadata.GetMetadata<Yarp.ReverseProxy.Model.RouteModel>()?.Config.RouteId;
                routed.Enqueue((http.Request.Path + http.Request.QueryString, route));
            }
        });
        next(app);
    };
}

/// <summary>Counts the gateway's API-key rejections by reason (only this gateway's meter, not a parallel test's).</summary>
public sealed class RejectionCounter : IDisposable
{
    private readonly MeterListener _listener = new();
    private readonly ConcurrentQueue<string> _reasons = new();

    public RejectionCounter(IServiceProvider gateway)
    {
        var meters = gateway.GetRequiredService<IMeterFactory>();
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == GatewayMetrics.MeterName && instrument.Meter.Scope == meters
                && instrument.Name == "newsplatform.gateway.api_key.rejections")
                listener.EnableMeasurementEvents(instrument);
        };
        _listener.SetMeasurementEventCallback<long>((_, value, tags, _) =>
        {
            foreach (var tag in tags)
                if (tag.Key == "newsplatform.reason") for (var i = 0; i < value; i++) _reasons.Enqueue(tag.Value?.ToString() ?? "");
        });
        _listener.Start();
    }

    public int Count(string reason) => _reasons.Count(r => r == reason);

    public void Dispose() => _listener.Dispose();
}
