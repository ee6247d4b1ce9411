using System.Collections.Concurrent;
using Marten;
using Npgsql;
using NpgsqlTypes;
using Weasel.Postgresql.Tables;

namespace NewsPlatform.Articles.Reading;

/// <summary>
/// Counts article reads for "most read". A read must not write into the article's stream, and the
/// site must take 1,000 reads a second: so reads are counted in memory and added to a small table of
/// per-article hourly counts about once a second, in one statement.
/// </summary>
public sealed class ArticleViews(TimeProvider clock)
{
    public const string Table = "article_views";

    private ConcurrentDictionary<(Guid Article, string Section, DateTimeOffset Hour), long> _pending = new();

    public void Record(Guid articleId, string section)
    {
        var now = clock.GetUtcNow();
        var hour = new DateTimeOffset(now.Year, now.Month, now.Day, now.Hour, 0, 0, TimeSpan.Zero);
        _pending.AddOrUpdate((articleId, section, hour), 1, (_, count) => count + 1);
    }

    /// <summary>Takes the counts gathered so far.</summary>
    public IReadOnlyList<KeyValuePair<(Guid Article, string Section, DateTimeOffset Hour), long>> Drain() =>
        Interlocked.Exchange(ref _pending, new()).ToArray();

    /// <summary>Puts counts back after a failed flush, so no read is lost.</summary>
    public void Restore(IEnumerable<KeyValuePair<(Guid Article, string Section, DateTimeOffset Hour), long>> counts)
    {
        foreach (var (key, count) in counts) _pending.AddOrUpdate(key, count, (_, c) => c + count);
    }

    public static Table Schema()
    {
        var table = new Table(Table);
        table.AddColumn<Guid>("article_id").AsPrimaryKey();
        table.AddColumn("hour", "timestamptz").AsPrimaryKey();
        table.AddColumn<string>("section").NotNull();
        table.AddColumn<long>("views").NotNull();
        table.Indexes.Add(new IndexDefinition("ix_article_views_hour") { Columns = ["hour", "section"] });
        return table;
    }
}

/// <summary>Adds the gathered counts to the database about once a second, and once more at shutdown.</summary>
public sealed class ArticleViewsFlusher(ArticleViews views, IDocumentStore store, TimeProvider clock, ILogger<ArticleViewsFlusher> logger)
    : BackgroundService
{
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval, clock);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken)) await FlushAsync(stoppingToken);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested) { }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        await FlushAsync(cancellationToken);
    }

    public async Task FlushAsync(CancellationToken cancellationToken)
    {
        var counts = views.Drain();
        if (counts.Count == 0) return;
        try
        {
            await using var connection = store.Storage.Database.CreateConnection();
            await connection.OpenAsync(cancellationToken);
            await using var upsert = new NpgsqlCommand($"""
                insert into {ArticleViews.Table} (article_id, hour, section, views)
                select * from unnest($1, $2, $3, $4)
                on conflict (article_id, hour) do update set views = {ArticleViews.Table}.views + excluded.views
                """, connection)
            {
                Parameters =
                {
                    new() { Value = counts.Select(c => c.Key.Article).ToArray() },
                    new() { Value = counts.Select(c => c.Key.Hour.UtcDateTime).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.TimestampTz },
                    new() { Value = counts.Select(c => c.Key.Section).ToArray() },
                    new() { Value = counts.Select(c => c.Value).ToArray() },
                },
            };
            await upsert.ExecuteNonQueryAsync(cancellationToken);
        }
        catch (Exception e) when (e is NpgsqlException or OperationCanceledException or TimeoutException)
        {
            views.Restore(counts);
            logger.LogWarning("Could not store {Count} view counts yet: {Error}", counts.Count, e.Message);
        }
    }
}
