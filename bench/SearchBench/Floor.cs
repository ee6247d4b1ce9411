using System.Diagnostics;
using Marten;
using Microsoft.Extensions.Logging.Abstractions;
using NewsPlatform.Contracts.Articles;
using NewsPlatform.Search.Indexing;
using NewsPlatform.Search.Lucene;
using NewsPlatform.Search.Querying;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace NewsPlatform.SearchBench;

/// <summary>
/// The engine floor: the service's own query code run in this process, without HTTP. For the
/// PostgreSQL engines it queries the same database; for Lucene it fills a copy of the index from the
/// same event store (as a new replica would; the time is reported) and queries that.
/// </summary>
internal sealed class Floor : IAsyncDisposable
{
    private readonly Func<ValueTask> _dispose;

    private Floor(ISearchQueries queries, Func<ValueTask> dispose) => (Queries, _dispose) = (queries, dispose);

    public ISearchQueries Queries { get; }

    public static async Task<Floor> OpenAsync(SearchEngine engine, string connection, NpgsqlDataSource dataSource)
    {
        if (engine != SearchEngine.Lucene)
        {
            var index = new SearchIndex(dataSource, new SearchIndexOptions { Engine = engine }, NullLogger<SearchIndex>.Instance);
            return new Floor(new SearchQueries(dataSource, index), () => ValueTask.CompletedTask);
        }

        var folder = Path.Combine(Path.GetTempPath(), $"newsplatform-bench-index-{Environment.ProcessId}");
        var store = DocumentStore.For(o =>
        {
            o.Connection(connection);
            o.Events.AddEventTypes([typeof(ArticlePublished), typeof(ArticleUpdated), typeof(ArticleUnpublished)]);
            // The document as the service maps it; the service owns the schema, this only reads.
            o.Projections.Add<SearchableArticleProjection>(JasperFx.Events.Projections.ProjectionLifecycle.Inline);
            o.AutoCreateSchemaObjects = JasperFx.AutoCreate.None;
        });
        var articleIndex = ArticleIndex.Open(folder);
        var feed = new ArticleIndexFeed(articleIndex, store, dataSource,
            LoggerFactory.Create(b => b.AddSimpleConsole().SetMinimumLevel(LogLevel.Warning)).CreateLogger<ArticleIndexFeed>());
        var filling = Stopwatch.StartNew();
        await feed.StartAsync(CancellationToken.None);
        await feed.Ready;
        Console.WriteLine($"floor: this process's copy of the Lucene index filled from the event store and merged in {filling.Elapsed.TotalSeconds:F1} s " +
                          $"(to stored event {feed.Checkpoint:N0})");
        return new Floor(new LuceneSearchQueries(articleIndex), async () =>
        {
            await feed.StopAsync(CancellationToken.None);
            articleIndex.Dispose();
            await store.DisposeAsync();
            Directory.Delete(folder, recursive: true);
        });
    }

    public ValueTask DisposeAsync() => _dispose();
}
