using System.Net.Http.Json;
using System.Text.Json;
using NewsPlatform.Contracts.Articles;
using NewsPlatform.TestSupport;

namespace NewsPlatform.Search.Tests.Faults;

/// <summary>The Search service as a process of its own, killed with SIGKILL while article events stream in.</summary>
public sealed class SearchCrashTests
{
    private const int Articles = 300;

    [Fact(Timeout = 4 * 60_000)] // bounded: a fault test that hangs fails instead
    public async Task Killed_mid_stream_and_started_again_it_loses_no_article_and_indexes_none_twice()
    {
        await using var database = IsolatedDatabase.Named("searchcrash");
        await using var virtualHost = await IsolatedVirtualHost.CreateAsync("searchcrash");
        var indexRoot = Path.Combine(Path.GetTempPath(), "newsplatform-test-index", Guid.NewGuid().ToString("N"));
        await using var search = new ServiceProcess("services/Search", "NewsPlatform.Search", new Dictionary<string, string>
        {
            ["ConnectionStrings:searchdb"] = database.ConnectionString,
            ["ConnectionStrings:messaging"] = virtualHost.AmqpUri,
            ["Search:Engine"] = "Lucene",
            ["Search:IndexPath"] = indexRoot,
            ["EventStore:DaemonMode"] = "Solo",
            ["Authentication:DevelopmentTokens"] = "true",
        });
        await search.StartAsync();
        await using var bus = await TestBus.StartAsync(virtualHost.AmqpUri);
        var run = $"crash{Guid.NewGuid():N}"[..13];

        async Task<long> TotalAsync(string q) =>
            (await search.Client.GetFromJsonAsync<JsonElement>($"/api/search?q={q}&pageSize=1")).GetProperty("total").GetInt64();

        // Half published; killed once it is indexing them, before it is through; the rest arrives while it is down.
        for (var i = 0; i < Articles / 2; i++) await bus.PublishAsync(Article(run, i));
        await Eventually.Until(() => TotalAsync(run), total => total > 0, TimeSpan.FromSeconds(30), "indexing under way");
        await search.KillAsync();
        for (var i = Articles / 2; i < Articles; i++) await bus.PublishAsync(Article(run, i));
        await search.StartAsync(TimeSpan.FromSeconds(90));

        await Eventually.Until(() => TotalAsync(run), total => total >= Articles, TimeSpan.FromSeconds(90), $"all {Articles} articles searchable");
        Assert.Equal(Articles, await TotalAsync(run)); // none twice
        foreach (var i in new[] { 0, Articles / 2 - 1, Articles / 2, Articles - 1 })
            Assert.Equal(1, await TotalAsync($"{run}n{i}")); // each article once, including the ones around the kill
        try { Directory.Delete(indexRoot, recursive: true); } catch (IOException) { }
    }

    private static ArticlePublished Article(string run, int i) => new(Guid.NewGuid(), 2,
        new ArticleContent($"{run}-{i}", $"Harbour story {i}", "Summary.", $"Body of {run} with the marker {run}n{i}.", "national", null, [run],
            "Desk", null, false), new DateTimeOffset(2026, 11, 20, 9, 0, 0, TimeSpan.Zero).AddMinutes(i), null);
}
