using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Json.Schema;
using Microsoft.Extensions.DependencyInjection;
using NewsPlatform.Articles;
using NewsPlatform.Search;
using NewsPlatform.Subscriptions;
using NewsPlatform.TestSupport;

namespace NewsPlatform.Gateway.Tests;

/// <summary>
/// The gateway with the real Articles, Subscriptions and Search services in-process (each on its own
/// database, one virtual host): the gateway reaches them by their service-discovery names
/// (http://articles …) for their API descriptions and the API-key check; proxied requests still go
/// to the stand-in.
/// </summary>
public sealed class RealServicesFixture : GatewayFixture
{
    public const string AdminEmail = "admin@example.org";
    public const string AdminPassword = "correct-horse-battery-77";

    private readonly IsolatedDatabase _articlesDb = IsolatedDatabase.Named("gw_articles");
    private readonly IsolatedDatabase _subscriptionsDb = IsolatedDatabase.Named("gw_subscriptions");
    private readonly IsolatedDatabase _searchDb = IsolatedDatabase.Named("gw_search");
    private readonly string _searchIndex = Path.Combine(Path.GetTempPath(), "newsplatform-test-index", Guid.NewGuid().ToString("N"));
    private IsolatedVirtualHost _virtualHost = null!;

    public ServiceUnderTest<ArticlesService> Articles { get; private set; } = null!;
    public ServiceUnderTest<SubscriptionsService> Subscriptions { get; private set; } = null!;
    public ServiceUnderTest<SearchService> Search { get; private set; } = null!;

    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["ApiKeys:CheckAddress"] = "http://subscriptions",
        ["ApiKeys:CacheSeconds"] = "1",
        ["ApiKeys:NegativeCacheSeconds"] = "1",
    };

    protected override async Task BeforeGatewayAsync()
    {
        _virtualHost = await IsolatedVirtualHost.CreateAsync("gateway");
        Articles = new(new Dictionary<string, string?>
        {
            ["ConnectionStrings:articlesdb"] = _articlesDb.ConnectionString, ["ConnectionStrings:messaging"] = _virtualHost.AmqpUri,
        });
        Subscriptions = new(new Dictionary<string, string?>
        {
            ["ConnectionStrings:subscriptionsdb"] = _subscriptionsDb.ConnectionString, ["ConnectionStrings:messaging"] = _virtualHost.AmqpUri,
            ["Identity:InitialAdmin:Email"] = AdminEmail, ["Identity:InitialAdmin:Password"] = AdminPassword,
        });
        Search = new(new Dictionary<string, string?>
        {
            ["ConnectionStrings:searchdb"] = _searchDb.ConnectionString, ["ConnectionStrings:messaging"] = _virtualHost.AmqpUri,
            ["Search:IndexPath"] = _searchIndex,
        });
        // Ready before the gateway's first health probe, so it routes to them from the start.
        await Task.WhenAll(Articles.StartAsync(), Subscriptions.StartAsync(), Search.StartAsync());
    }

    protected override void ConfigureGateway(IServiceCollection services)
    {
        HttpMessageHandler ByName() => new ByHost(new Dictionary<string, Func<HttpMessageHandler>>
        {
            ["articles"] = () => Articles.Server.CreateHandler(),
            ["subscriptions"] = () => Subscriptions.Server.CreateHandler(),
            ["search"] = () => Search.Server.CreateHandler(),
        });
        services.AddHttpClient(PlatformApiDocument.ClientName).ConfigurePrimaryHttpMessageHandler(ByName);
        services.AddHttpClient<ApiKeyChecker>().ConfigurePrimaryHttpMessageHandler(ByName);
    }

    public async Task<HttpClient> AdminAsync()
    {
        var client = Subscriptions.CreateClient();
        var login = await (await client.PostAsJsonAsync("/api/auth/login", new { email = AdminEmail, password = AdminPassword }))
            .Content.ReadFromJsonAsync<JsonElement>();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", login.GetProperty("accessToken").GetString());
        return client;
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        await Articles.DisposeAsync();
        await Subscriptions.DisposeAsync();
        await Search.DisposeAsync();
        if (Directory.Exists(_searchIndex)) Directory.Delete(_searchIndex, recursive: true);
        await _virtualHost.DisposeAsync();
        await _articlesDb.DisposeAsync();
        await _subscriptionsDb.DisposeAsync();
        await _searchDb.DisposeAsync();
    }

    /// <summary>Sends each request to the in-process service its host names, as service discovery would.</summary>
    private sealed class ByHost(IReadOnlyDictionary<string, Func<HttpMessageHandler>> services) : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
            services.TryGetValue(request.RequestUri!.Host, out var service)
                ? new HttpMessageInvoker(service(), disposeHandler: false).SendAsync(request, cancellationToken)
                : throw new HttpRequestException($"No service called {request.RequestUri.Host}.", null, HttpStatusCode.BadGateway);
    }
}

public sealed class RealServicesTests(RealServicesFixture platform) : IClassFixture<RealServicesFixture>
{
    [Fact]
    public async Task A_key_issued_by_an_admin_works_at_the_gateway_until_it_is_revoked()
    {
        using var rejections = new RejectionCounter(platform.Services);
        var admin = await platform.AdminAsync();
        var issued = await (await admin.PostAsJsonAsync("/api/admin/api-keys", new { name = "Morning Briefing app", tier = "standard" }))
            .Content.ReadFromJsonAsync<JsonElement>();
        var partner = platform.ClientFrom("192.0.2.50", issued.GetProperty("key").GetString());
        var path = $"/api/articles?probe={Guid.NewGuid():N}";

        Assert.Equal(HttpStatusCode.OK, (await partner.GetAsync(path)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await partner.GetAsync(path)).StatusCode);
        Assert.Empty(platform.KeyChecks); // the real service answered, not the stand-in

        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync($"/api/admin/api-keys/{issued.GetProperty("id").GetGuid()}")).StatusCode);
        // Revocation takes effect once the gateway's cached answer (1 s here) has expired.
        var refused = await Eventually.Until(() => partner.GetAsync(path), r => r.StatusCode == HttpStatusCode.Unauthorized,
            TimeSpan.FromSeconds(10), "revoked key refused");
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
        Assert.True(rejections.Count("revoked") >= 1);
        Assert.Equal(HttpStatusCode.Unauthorized, (await platform.ClientFrom("192.0.2.50", "np_00000000_guessed").GetAsync(path)).StatusCode);
        Assert.Equal(1, rejections.Count("unknown"));
    }

    [Fact]
    public async Task The_merged_api_description_is_valid_openapi_with_every_services_public_paths_as_seen_through_the_gateway()
    {
        var response = await platform.Client.GetAsync("/openapi.json");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var text = await response.Content.ReadAsStringAsync();
        var document = JsonNode.Parse(text)!.AsObject();

        var results = OpenApiSchema.Value.Evaluate(JsonDocument.Parse(text).RootElement, new EvaluationOptions { OutputFormat = OutputFormat.List });
        Assert.True(results.IsValid, string.Join("\n", (results.Details ?? []).Where(d => d.Errors is { Count: > 0 })
            .Take(20).Select(d => $"{d.InstanceLocation}: {string.Join("; ", d.Errors!.Values)}")));

        var paths = document["paths"]!.AsObject();
        Assert.False(document.ContainsKey("x-unavailable-services"));
        // From Articles, Subscriptions and Search.
        Assert.Contains("/api/articles/{slug}", paths.Select(p => p.Key));
        Assert.Contains("/api/newsroom/articles/{id}", paths.Select(p => p.Key));
        Assert.Contains("/rss/{section}", paths.Select(p => p.Key));
        Assert.Contains("/api/auth/login", paths.Select(p => p.Key));
        Assert.Contains("/api/admin/api-keys", paths.Select(p => p.Key));
        Assert.Contains("/api/search", paths.Select(p => p.Key));
        Assert.DoesNotContain(paths, p => p.Key.StartsWith("/internal") || p.Key.StartsWith("/health") || p.Key.StartsWith("/alive"));

        var schemes = document["components"]!["securitySchemes"]!.AsObject();
        Assert.Equal("bearer", schemes["Bearer"]!["scheme"]!.GetValue<string>());
        Assert.Equal("X-Api-Key", schemes["ApiKey"]!["name"]!.GetValue<string>());
        // Routes the gateway guards need a token; public reads take a token or a key, or nothing.
        Assert.Equal("""[{"Bearer":[]}]""", paths["/api/newsroom/articles/{id}"]!["get"]!["security"]!.ToJsonString());
        Assert.Equal("""[{},{"Bearer":[]},{"ApiKey":[]}]""", paths["/api/search"]!["get"]!["security"]!.ToJsonString());

        // Every reference points at a schema the document has.
        var schemas = document["components"]!["schemas"]!.AsObject();
        foreach (var reference in References(document))
            Assert.True(schemas.ContainsKey(reference["#/components/schemas/".Length..]), $"{reference} is dangling");
    }

    [Fact]
    public void The_schema_check_is_not_vacuous()
    {
        var broken = JsonDocument.Parse("""{"openapi":"3.1.1","info":{"title":"x"},"paths":{"/a":{"get":{"responses":"none"}}}}""").RootElement;
        Assert.False(OpenApiSchema.Value.Evaluate(broken).IsValid);
    }

    [Fact]
    public async Task The_api_reference_ui_is_served_at_docs_and_points_at_the_merged_document()
    {
        var response = await platform.Client.GetAsync("/docs");
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        // The page names its document relative to itself; that resolves to the merged document.
        var source = System.Text.RegularExpressions.Regex.Match(html, "\"url\":\"([^\"]+)\"").Groups[1].Value;
        var resolved = new Uri(response.RequestMessage!.RequestUri!, source);
        Assert.Equal("/openapi.json", resolved.AbsolutePath);
        Assert.Equal(HttpStatusCode.OK, (await platform.Client.GetAsync(resolved)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await platform.Client.GetAsync(new Uri(response.RequestMessage.RequestUri!, "scalar.js"))).StatusCode);
    }

    private static readonly Lazy<JsonSchema> OpenApiSchema = new(() =>
    {
        using var stream = typeof(RealServicesTests).Assembly.GetManifestResourceStream("openapi-3.1-schema.json")!;
        // JsonSchema.Net 8.0.5 fails on a patternProperties key containing "/" (it looks the key up
        // JSON-pointer-escaped): the paths' pattern "^/" is given as the same regex "^\x2F".
        var schema = new StreamReader(stream).ReadToEnd().Replace("\"^/\":", "\"^\\\\x2F\":");
        return JsonSchema.FromText(schema);
    });

    private static IEnumerable<string> References(JsonNode? node) => node switch
    {
        JsonObject obj => obj.SelectMany(p => p.Key == "$ref" && p.Value is JsonValue v && v.TryGetValue(out string? r) && r.StartsWith("#/components/schemas/")
            ? [r] : References(p.Value)),
        JsonArray array => array.SelectMany(References),
        _ => [],
    };
}
