using NewsPlatform.TestSupport;
using Bus = NewsPlatform.Contracts.Articles;

namespace NewsPlatform.Articles.Tests;

/// <summary>The Articles service in-process on its own database and virtual host, with a bus observer.</summary>
public sealed class ArticlesServiceFixture : IAsyncLifetime
{
    private readonly IsolatedDatabase _database = IsolatedDatabase.Named("articles");
    private IsolatedVirtualHost _virtualHost = null!;
    private ServiceUnderTest<ArticlesService> _service = null!;

    public TestBus Bus { get; private set; } = null!;
    public HttpClient Client { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        _virtualHost = await IsolatedVirtualHost.CreateAsync("articles");
        Bus = await TestBus.StartAsync(_virtualHost.AmqpUri, TestBus.Observe<Bus.ArticlePublished>());
        _service = new ServiceUnderTest<ArticlesService>(new Dictionary<string, string?>
        {
            ["ConnectionStrings:articlesdb"] = _database.ConnectionString,
            ["ConnectionStrings:messaging"] = _virtualHost.AmqpUri,
        });
        Client = _service.CreateClient();
    }

    public async Task DisposeAsync()
    {
        await _service.DisposeAsync();
        await Bus.DisposeAsync();
        await _virtualHost.DisposeAsync();
        await _database.DisposeAsync();
    }
}
