using NewsPlatform.TestSupport;
using Bus = NewsPlatform.Contracts.Articles;

namespace NewsPlatform.Articles.Tests;

/// <summary>The Articles service in-process on its own database and virtual host, with a bus observer.</summary>
public class ArticlesServiceFixture : IAsyncLifetime
{
    private readonly IsolatedDatabase _database = IsolatedDatabase.Named("articles");
    private IsolatedVirtualHost _virtualHost = null!;
    private ServiceUnderTest<ArticlesService> _service = null!;

    public TestBus Bus { get; private set; } = null!;

    /// <summary>An editor's client (newsroom routes need the editor role).</summary>
    public HttpClient Client { get; private set; } = null!;

    /// <summary>An anonymous reader's client.</summary>
    public HttpClient Anonymous { get; private set; } = null!;

    public ServiceUnderTest<ArticlesService> Service => _service;

    /// <summary>Services a derived fixture adds or replaces for its tests.</summary>
    protected virtual void ConfigureServices(Microsoft.Extensions.DependencyInjection.IServiceCollection services) { }

    /// <summary>Whether the service runs on a real port (Kestrel, as deployed, with its request limits) rather than the in-process test server.</summary>
    protected virtual bool OnKestrel => false;

    /// <summary>Configuration a derived fixture adds for its tests.</summary>
    protected virtual IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>();

    public async Task InitializeAsync()
    {
        _virtualHost = await IsolatedVirtualHost.CreateAsync("articles");
        Bus = await TestBus.StartAsync(_virtualHost.AmqpUri, TestBus.Observe<Bus.ArticlePublished>(),
            TestBus.Observe<Bus.ArticleUpdated>(), TestBus.Observe<Bus.ArticleUnpublished>());
        var settings = new Dictionary<string, string?>
        {
            ["ConnectionStrings:articlesdb"] = _database.ConnectionString,
            ["ConnectionStrings:messaging"] = _virtualHost.AmqpUri,
        };
        foreach (var (key, value) in Settings) settings[key] = value;
        _service = new ServiceUnderTest<ArticlesService>(settings, ConfigureServices);
        if (OnKestrel)
        {
            var address = await _service.StartOnPortAsync();
            Client = new HttpClient { BaseAddress = address, DefaultRequestHeaders = { Authorization = new("Bearer", "dev:editor-1:editor") } };
            Anonymous = new HttpClient { BaseAddress = address };
            return;
        }
        Client = _service.CreateClientAs("editor-1", "editor");
        Anonymous = _service.CreateClient();
    }

    public async Task DisposeAsync()
    {
        await _service.DisposeAsync();
        await Bus.DisposeAsync();
        await _virtualHost.DisposeAsync();
        await _database.DisposeAsync();
    }
}

/// <summary>
/// The Articles service on a real port: Kestrel enforces request-body limits and frames answers as deployed; the
/// in-process test server does neither.
/// </summary>
public sealed class ArticlesOnKestrelFixture : ArticlesServiceFixture
{
    protected override bool OnKestrel => true;
}
