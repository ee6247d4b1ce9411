using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using NewsPlatform.Articles;
using NewsPlatform.Search;
using NewsPlatform.Subscriptions;
using Microsoft.Extensions.DependencyInjection;
using NewsPlatform.TestSupport;

namespace NewsPlatform.Gateway.Tests.Fuzzing;

/// <summary>
/// The gateway in front of the three real services, each on a real port and in the Development environment, as
/// ./start.sh runs them (Development is where minimal APIs throw on a body they cannot read): the platform a
/// fuzzer can reach end to end. Limits are raised so that what the fuzzer sends reaches the services.
/// </summary>
public class FuzzPlatformFixture : IAsyncLifetime
{
    /// <summary>The gateway's limits: by default far out of reach, so what the fuzzer sends reaches the services.</summary>
    protected virtual IReadOnlyDictionary<string, string?> Limits => new Dictionary<string, string?>
    {
        ["RateLimits:Anonymous:Burst"] = "1000000", ["RateLimits:Anonymous:PerSecond"] = "1000000",
        ["RateLimits:Reader:Burst"] = "1000000", ["RateLimits:Reader:PerSecond"] = "1000000",
        ["RateLimits:KeyLookups:Burst"] = "1000000", ["RateLimits:KeyLookups:PerSecond"] = "1000000",
        ["RateLimits:Credentials:Attempts:Burst"] = "1000000", ["RateLimits:Credentials:Attempts:PerSecond"] = "1000000",
        ["RateLimits:Credentials:FailuresPerAddress:Burst"] = "1000000", ["RateLimits:Credentials:FailuresPerAddress:PerSecond"] = "1000000",
        ["RateLimits:Credentials:FailuresPerAccount:Burst"] = "1000000", ["RateLimits:Credentials:FailuresPerAccount:PerSecond"] = "1000000",
        ["RateLimits:Tiers:basic:Burst"] = "1000000",
    };

    /// <summary>The identity service itself, past the gateway.</summary>
    public HttpClient Identity => _subscriptions.CreateClient();
    public const string AdminEmail = "fuzz-admin@example.org";
    public const string AdminPassword = "fuzzing-admin-password-1";

    private readonly IsolatedDatabase _articlesDb = IsolatedDatabase.Named("fz_articles");
    private readonly IsolatedDatabase _subscriptionsDb = IsolatedDatabase.Named("fz_subscriptions");
    private readonly IsolatedDatabase _searchDb = IsolatedDatabase.Named("fz_search");
    private readonly string _searchIndex = Path.Combine(Path.GetTempPath(), "newsplatform-test-index", Guid.NewGuid().ToString("N"));
    private IsolatedVirtualHost _virtualHost = null!;
    private ServiceUnderTest<ArticlesService> _articles = null!;
    private ServiceUnderTest<SubscriptionsService> _subscriptions = null!;
    private ServiceUnderTest<SearchService> _search = null!;
    private ServiceUnderTest<GatewayService> _gateway = null!;

    public HttpClient Gateway { get; private set; } = null!;

    /// <summary>Bearer tokens of each kind of caller: a reader, an editor, an admin.</summary>
    public IReadOnlyDictionary<string, string> Tokens { get; private set; } = new Dictionary<string, string>();

    public async Task InitializeAsync()
    {
        _virtualHost = await IsolatedVirtualHost.CreateAsync("fuzz");
        _subscriptions = new(new Dictionary<string, string?>
        {
            ["ConnectionStrings:subscriptionsdb"] = _subscriptionsDb.ConnectionString, ["ConnectionStrings:messaging"] = _virtualHost.AmqpUri,
            ["Identity:InitialAdmin:Email"] = AdminEmail, ["Identity:InitialAdmin:Password"] = AdminPassword,
        }, environment: "Development");
        var identity = await _subscriptions.StartOnPortAsync();
        _articles = new(new Dictionary<string, string?>
        {
            ["ConnectionStrings:articlesdb"] = _articlesDb.ConnectionString, ["ConnectionStrings:messaging"] = _virtualHost.AmqpUri,
            ["Identity:Authority"] = identity.ToString(), ["Demo:Seed"] = "false",
        }, environment: "Development");
        _search = new(new Dictionary<string, string?>
        {
            ["ConnectionStrings:searchdb"] = _searchDb.ConnectionString, ["ConnectionStrings:messaging"] = _virtualHost.AmqpUri,
            ["Identity:Authority"] = identity.ToString(), ["Search:IndexPath"] = _searchIndex,
        }, environment: "Development");
        var articles = _articles.StartOnPortAsync();
        var search = _search.StartOnPortAsync();
        await Task.WhenAll(articles, search);

        var settings = new Dictionary<string, string?>(Limits)
        {
            ["services:articles:http:0"] = articles.Result.ToString(),
            ["services:subscriptions:http:0"] = identity.ToString(),
            ["services:search:http:0"] = search.Result.ToString(),
            ["services:web:http:0"] = "http://127.0.0.1:9", // no site here: the fuzzer aims at the API
            ["Identity:Authority"] = identity.ToString(),
        };
        // Requests may name their peer address with X-Test-Peer (many callers from one test).
        _gateway = new ServiceUnderTest<GatewayService>(settings,
            services => services.AddSingleton<Microsoft.AspNetCore.Hosting.IStartupFilter, TestPeerAddress>(), environment: "Development");
        // On a real port too: Kestrel reads (and refuses) malformed request lines as it does in production.
        Gateway = new HttpClient { BaseAddress = await _gateway.StartOnPortAsync(), Timeout = TimeSpan.FromSeconds(30) };
        await WaitUntilTheGatewayReachesTheServicesAsync();
        Tokens = await TokensAsync();
    }

    private async Task WaitUntilTheGatewayReachesTheServicesAsync()
    {
        await Eventually.Until(async () => (await Gateway.GetAsync("/api/sections")).StatusCode, s => s == System.Net.HttpStatusCode.OK,
            TimeSpan.FromSeconds(30), "the gateway reaching Articles");
        await Eventually.Until(async () => (await Gateway.GetAsync("/api/plans")).StatusCode, s => s == System.Net.HttpStatusCode.OK,
            TimeSpan.FromSeconds(30), "the gateway reaching Subscriptions");
        await Eventually.Until(async () => (await Gateway.GetAsync("/api/search?q=x")).StatusCode, s => s == System.Net.HttpStatusCode.OK,
            TimeSpan.FromSeconds(30), "the gateway reaching Search");
    }

    private async Task<Dictionary<string, string>> TokensAsync()
    {
        async Task<string> LoginAsync(string email, string password) =>
            (await (await Gateway.PostAsJsonAsync("/api/auth/login", new { email, password })).Content.ReadFromJsonAsync<JsonElement>())
            .GetProperty("accessToken").GetString()!;
        async Task<(Guid Id, string Email)> RegisterAsync(string name)
        {
            var email = $"{name}.{Guid.NewGuid():N}@example.org";
            var registered = await Gateway.PostAsJsonAsync("/api/auth/register", new { email, password = "fuzzing-reader-pass-1", displayName = name });
            registered.EnsureSuccessStatusCode();
            return ((await registered.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid(), email);
        }

        var admin = await LoginAsync(AdminEmail, AdminPassword);
        var reader = await RegisterAsync("fuzz-reader");
        var editor = await RegisterAsync("fuzz-editor");
        var grant = new HttpRequestMessage(HttpMethod.Post, $"/api/admin/users/{editor.Id}/roles") { Content = JsonContent.Create(new { role = "editor" }) };
        grant.Headers.Authorization = new AuthenticationHeaderValue("Bearer", admin);
        (await Gateway.SendAsync(grant)).EnsureSuccessStatusCode();
        return new()
        {
            ["reader"] = await LoginAsync(reader.Email, "fuzzing-reader-pass-1"),
            ["editor"] = await LoginAsync(editor.Email, "fuzzing-reader-pass-1"),
            ["admin"] = admin,
        };
    }

    public async Task DisposeAsync()
    {
        Gateway.Dispose();
        await _gateway.DisposeAsync();
        await _articles.DisposeAsync();
        await _search.DisposeAsync();
        await _subscriptions.DisposeAsync();
        if (Directory.Exists(_searchIndex)) Directory.Delete(_searchIndex, recursive: true);
        await _virtualHost.DisposeAsync();
        await _articlesDb.DisposeAsync();
        await _subscriptionsDb.DisposeAsync();
        await _searchDb.DisposeAsync();
    }
}
