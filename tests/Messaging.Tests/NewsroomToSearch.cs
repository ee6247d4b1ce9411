using NewsPlatform.Articles;
using NewsPlatform.Search;
using NewsPlatform.TestSupport;

namespace NewsPlatform.Messaging.Tests;

/// <summary>
/// Articles and Search on databases of their own and one broker, started in the order delivery needs (Search binds
/// its durable queue before anything is published): the path every test here follows.
/// </summary>
public sealed class NewsroomToSearch : IAsyncDisposable
{
    private readonly IsolatedDatabase _articlesDb;
    private readonly IsolatedDatabase _searchDb;
    private readonly string _searchIndex = Path.Combine(Path.GetTempPath(), "newsplatform-test-index", Guid.NewGuid().ToString("N"));

    private NewsroomToSearch(string name, string amqpUri, IReadOnlyDictionary<string, string?> settings)
    {
        _articlesDb = IsolatedDatabase.Named($"{name}_articles");
        _searchDb = IsolatedDatabase.Named($"{name}_search");
        Search = new(new Dictionary<string, string?>(settings)
        {
            ["ConnectionStrings:searchdb"] = _searchDb.ConnectionString, ["ConnectionStrings:messaging"] = amqpUri,
            ["Search:IndexPath"] = _searchIndex,
        });
        Articles = new(new Dictionary<string, string?>(settings)
        {
            ["ConnectionStrings:articlesdb"] = _articlesDb.ConnectionString, ["ConnectionStrings:messaging"] = amqpUri,
        });
    }

    public ServiceUnderTest<ArticlesService> Articles { get; }
    public ServiceUnderTest<SearchService> Search { get; }

    /// <param name="onPorts">Both on real ports (Kestrel), for a proxy in front to reach over TCP.</param>
    /// <param name="settings">Further settings of both services.</param>
    public static async Task<NewsroomToSearch> StartAsync(string name, string amqpUri, bool onPorts = false,
        IReadOnlyDictionary<string, string?>? settings = null)
    {
        var services = new NewsroomToSearch(name, amqpUri, settings ?? new Dictionary<string, string?>());
        if (onPorts)
        {
            await services.Search.StartOnPortAsync();
            await services.Articles.StartOnPortAsync();
        }
        else
        {
            await services.Search.StartAsync();
            await services.Articles.StartAsync();
        }
        return services;
    }

    public async ValueTask DisposeAsync()
    {
        await Articles.DisposeAsync();
        await Search.DisposeAsync();
        await _articlesDb.DisposeAsync();
        await _searchDb.DisposeAsync();
        try { Directory.Delete(_searchIndex, recursive: true); } catch (DirectoryNotFoundException) { }
    }
}
