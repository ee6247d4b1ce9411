using Microsoft.Extensions.DependencyInjection;
using NewsPlatform.TestSupport;

namespace NewsPlatform.Search.Tests;

/// <summary>The Search service in-process on its own database and virtual host, on one search engine.</summary>
public abstract class SearchServiceFixtureBase(string engine) : IAsyncLifetime
{
    private readonly IsolatedDatabase _database = IsolatedDatabase.Named("search");
    private readonly string _indexPath = Path.Combine(Path.GetTempPath(), "newsplatform-test-index", Guid.NewGuid().ToString("N"));
    private IsolatedVirtualHost _virtualHost = null!;
    private ServiceUnderTest<SearchService> _service = null!;

    public TestBus Bus { get; private set; } = null!;
    public HttpClient Client { get; private set; } = null!;
    public IServiceProvider Services => _service.Services;
    public Marten.IDocumentStore Store => Services.GetRequiredService<Marten.IDocumentStore>();
    public HttpClient ClientAs(string subject, params string[] roles) => _service.CreateClientAs(subject, roles);
    public IsolatedVirtualHost VirtualHost => _virtualHost;

    /// <summary>Configuration a derived fixture adds for its tests.</summary>
    protected virtual IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>();

    public async Task InitializeAsync()
    {
        _virtualHost = await IsolatedVirtualHost.CreateAsync("search");
        var settings = new Dictionary<string, string?>
        {
            ["ConnectionStrings:searchdb"] = _database.ConnectionString,
            ["ConnectionStrings:messaging"] = _virtualHost.AmqpUri,
            ["Search:Engine"] = engine,
            ["Search:IndexPath"] = _indexPath,
        };
        foreach (var (key, value) in Settings) settings[key] = value;
        _service = new ServiceUnderTest<SearchService>(settings);
        Client = await _service.StartAsync(); // the service binds its queue before the test bus publishes
        Bus = await TestBus.StartAsync(_virtualHost.AmqpUri);
    }

    public async Task DisposeAsync()
    {
        await Bus.DisposeAsync();
        await _service.DisposeAsync();
        await _virtualHost.DisposeAsync();
        await _database.DisposeAsync();
        if (Directory.Exists(_indexPath)) Directory.Delete(_indexPath, recursive: true);
    }
}

/// <summary>The default engine: a Lucene index in the service's process, kept from its event store.</summary>
public class SearchServiceFixture() : SearchServiceFixtureBase("Lucene");

/// <summary>PostgreSQL full text ordered by a RUM index.</summary>
public sealed class RumSearchServiceFixture() : SearchServiceFixtureBase("Rum");

/// <summary>The fallback engine (a server without the RUM extension): GIN and ranking by ts_rank.</summary>
public sealed class GinSearchServiceFixture() : SearchServiceFixtureBase("Gin");
