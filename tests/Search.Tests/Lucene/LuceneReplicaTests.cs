using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using NewsPlatform.Contracts.Articles;
using NewsPlatform.Search.Indexing;
using NewsPlatform.Search.Lucene;
using NewsPlatform.TestSupport;

namespace NewsPlatform.Search.Tests.Lucene;

/// <summary>
/// Two replicas of the Search service on one database and one queue, as they run in production:
/// each keeps its own copy of the index from the shared event store, so an article consumed by
/// either one is found on both; a stopped replica resumes from its last commit; a rebuild on one
/// refills the other.
/// </summary>
public sealed class LuceneReplicaTests : IAsyncLifetime
{
    private readonly IsolatedDatabase _database = IsolatedDatabase.Named("searchreplicas");
    private readonly string _indexRoot = Path.Combine(Path.GetTempPath(), "newsplatform-test-index", Guid.NewGuid().ToString("N"));
    private IsolatedVirtualHost _virtualHost = null!;
    private TestBus _bus = null!;
    private ServiceUnderTest<SearchService> _first = null!, _second = null!;
    private HttpClient _firstClient = null!, _secondClient = null!;

    private Dictionary<string, string?> Settings => new()
    {
        ["ConnectionStrings:searchdb"] = _database.ConnectionString,
        ["ConnectionStrings:messaging"] = _virtualHost.AmqpUri,
        ["Search:Engine"] = "Lucene",
        ["Search:IndexPath"] = _indexRoot, // the same root: each replica takes its own numbered folder
    };

    public async Task InitializeAsync()
    {
        _virtualHost = await IsolatedVirtualHost.CreateAsync("searchreplicas");
        _first = new ServiceUnderTest<SearchService>(Settings);
        _firstClient = await _first.StartAsync();
        _second = new ServiceUnderTest<SearchService>(Settings);
        _secondClient = await _second.StartAsync();
        _bus = await TestBus.StartAsync(_virtualHost.AmqpUri);
    }

    public async Task DisposeAsync()
    {
        await _bus.DisposeAsync();
        await _first.DisposeAsync();
        await _second.DisposeAsync();
        await _virtualHost.DisposeAsync();
        await _database.DisposeAsync();
        if (Directory.Exists(_indexRoot)) Directory.Delete(_indexRoot, recursive: true);
    }

    private static ArticlePublished Article(string headline) => new(Guid.NewGuid(), 2,
        new ArticleContent($"story-{Guid.NewGuid():N}", headline, "Summary.", "Body text.", "national", "society", ["news"], "Desk", null, false),
        new DateTimeOffset(2026, 11, 20, 9, 0, 0, TimeSpan.Zero), null);

    private static async Task<long> TotalAsync(HttpClient client, string q) =>
        (await client.GetFromJsonAsync<JsonElement>($"/api/search?q={Uri.EscapeDataString(q)}")).GetProperty("total").GetInt64();

    private static Task FoundAsync(HttpClient client, string q, string replica) =>
        Eventually.Until(() => TotalAsync(client, q), total => total == 1, TimeSpan.FromSeconds(15), $"'{q}' searchable on the {replica} replica");

    [Fact]
    public async Task Every_replica_finds_an_article_whichever_consumed_it_each_from_its_own_folder()
    {
        var folders = new[] { _first, _second }.Select(s => s.Services.GetRequiredService<ArticleIndex>().Location).ToList();
        Assert.NotEqual(folders[0], folders[1]);

        // Several articles, so that both replicas consume some (the queue is shared).
        var articles = Enumerable.Range(0, 6).Select(i => Article($"Replica check harbour{i} lighthouse")).ToList();
        foreach (var article in articles) await _bus.PublishAsync(article);

        for (var i = 0; i < articles.Count; i++)
        {
            await FoundAsync(_firstClient, $"harbour{i}", "first");
            await FoundAsync(_secondClient, $"harbour{i}", "second");
        }
    }

    [Fact]
    public async Task A_stopped_replica_keeps_its_copy_and_resumes_from_its_last_commit()
    {
        await _bus.PublishAsync(Article("Before the restart: quayside market"));
        await FoundAsync(_secondClient, "quayside", "second");
        var folder = _second.Services.GetRequiredService<ArticleIndex>().Location;
        await _second.DisposeAsync(); // commits its copy on the way down

        await _bus.PublishAsync(Article("During the restart: boatyard reopens"));
        await FoundAsync(_firstClient, "boatyard", "first");

        // What the stopped replica left on disk: a committed copy that knows how far it got.
        using (var copy = ArticleIndex.Open(Path.GetDirectoryName(folder)!))
        {
            Assert.Equal(folder, copy.Location);
            Assert.True(copy.Checkpoint > 0, "the copy recorded the stored event it had reached");
            Assert.Equal(1, copy.Read(searcher => searcher.IndexReader.NumDocs));
        }

        _second = new ServiceUnderTest<SearchService>(Settings);
        _secondClient = await _second.StartAsync();
        Assert.Equal(folder, _second.Services.GetRequiredService<ArticleIndex>().Location);
        await FoundAsync(_secondClient, "boatyard", "restarted second");
        Assert.Equal(1, await TotalAsync(_secondClient, "quayside"));
    }

    [Fact]
    public async Task A_replica_whose_copy_on_disk_is_broken_starts_with_an_empty_copy_and_refills_it()
    {
        await _bus.PublishAsync(Article("Broken copy: estuary ferry"));
        await FoundAsync(_secondClient, "estuary", "second");
        var folder = _second.Services.GetRequiredService<ArticleIndex>().Location;
        await _second.DisposeAsync();

        // As a killed process or a clean-up under it can leave a copy: its commit names a segment file that is gone.
        foreach (var segmentInfo in Directory.GetFiles(folder, "*.si")) File.Delete(segmentInfo);

        _second = new ServiceUnderTest<SearchService>(Settings);
        _secondClient = await _second.StartAsync();
        var reopened = _second.Services.GetRequiredService<ArticleIndex>();
        Assert.Equal(folder, reopened.Location);
        Assert.NotNull(reopened.Discarded);
        await FoundAsync(_secondClient, "estuary", "second, refilled from the event store");
    }

    [Fact]
    public async Task A_rebuild_started_on_one_replica_refills_every_replicas_copy()
    {
        await _bus.PublishAsync(Article("Rebuild across replicas: tidal barrier"));
        await FoundAsync(_secondClient, "tidal", "second");
        var secondIndex = _second.Services.GetRequiredService<ArticleIndex>();
        var generationBefore = secondIndex.Origin;

        var status = await _first.Services.GetRequiredService<IndexRebuild>().RunToEndAsync();
        Assert.Equal(RebuildStatus.Completed, status.Phase);

        await Eventually.Until(() => Task.FromResult(secondIndex.Origin), origin => origin != generationBefore,
            TimeSpan.FromSeconds(15), "the second replica on the new index generation");
        await FoundAsync(_secondClient, "tidal", "second, refilled");
        Assert.Equal(_first.Services.GetRequiredService<ArticleIndex>().Origin, secondIndex.Origin);
    }

    [Fact]
    public async Task Two_admins_starting_a_rebuild_on_two_replicas_at_once_start_one_rebuild()
    {
        await _bus.PublishAsync(Article("Rebuild guard: harbour crane"));
        await FoundAsync(_firstClient, "crane", "first");
        var admins = new[] { _first.CreateClientAs("admin-1", "admin"), _second.CreateClientAs("admin-2", "admin") };

        var answers = await Task.WhenAll(admins.Select(admin => admin.PostAsync("/api/admin/search/rebuild", null)));

        Assert.Single(answers, a => a.StatusCode == System.Net.HttpStatusCode.Accepted);
        var refused = Assert.Single(answers, a => a.StatusCode == System.Net.HttpStatusCode.Conflict);
        Assert.Equal("https://newsplatform.dev/problems/rebuild-running",
            (await refused.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("type").GetString());
        var running = admins[Array.FindIndex(answers, a => a.StatusCode == System.Net.HttpStatusCode.Accepted)];
        await Eventually.Until(() => running.GetFromJsonAsync<JsonElement>("/api/admin/search/rebuild"),
            status => status.GetProperty("phase").GetString() == RebuildStatus.Completed, TimeSpan.FromSeconds(60), "the one rebuild completed");
        // Once it has ended, either replica may start the next.
        Assert.Equal(System.Net.HttpStatusCode.Accepted, (await admins[1].PostAsync("/api/admin/search/rebuild", null)).StatusCode);
        await Eventually.Until(() => admins[1].GetFromJsonAsync<JsonElement>("/api/admin/search/rebuild"),
            status => status.GetProperty("phase").GetString() == RebuildStatus.Completed, TimeSpan.FromSeconds(60), "the second rebuild completed");
    }

    [Fact]
    public async Task A_rebuild_run_by_one_replica_is_reported_alike_by_the_other()
    {
        await _bus.PublishAsync(Article("Rebuild status: lighthouse keeper"));
        await FoundAsync(_firstClient, "lighthouse", "first");
        var rebuild = _first.Services.GetRequiredService<IndexRebuild>();
        var run = rebuild.RunToEndAsync();
        var admin = _second.CreateClientAs("admin-2", "admin");

        await run;
        var ran = rebuild.Status;
        var reported = await Eventually.Until(() => admin.GetFromJsonAsync<JsonElement>("/api/admin/search/rebuild"),
            status => status.GetProperty("phase").GetString() == RebuildStatus.Completed
                && status.GetProperty("startedAt").GetDateTimeOffset() == ran.StartedAt,
            TimeSpan.FromSeconds(30), "the second replica reporting the first's rebuild");
        Assert.Equal(ran.Events, reported.GetProperty("events").GetInt64());
        Assert.Equal(100, reported.GetProperty("percent").GetDouble());
    }

    [Fact]
    public async Task A_rebuild_left_running_by_a_replica_that_stopped_is_reported_failed()
    {
        // As a replica killed mid-rebuild leaves it: "running" stored, and its lease gone with its connection.
        await using (var session = _second.Services.GetRequiredService<Marten.IDocumentStore>().LightweightSession())
        {
            session.Store(new StoredRebuildStatus { Status = RebuildStatus.RunningAt(DateTimeOffset.UtcNow.AddMinutes(-3), 400, 1, 100) });
            await session.SaveChangesAsync();
        }

        var status = await _first.CreateClientAs("admin-1", "admin").GetFromJsonAsync<JsonElement>("/api/admin/search/rebuild");
        Assert.Equal(RebuildStatus.Failed, status.GetProperty("phase").GetString());
        Assert.Contains("stopped", status.GetProperty("error").GetString());
        Assert.Equal(500, status.GetProperty("processed").GetInt64()); // where it stopped
    }
}
