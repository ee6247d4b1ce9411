using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Marten;
using Microsoft.Extensions.Logging.Abstractions;
using NewsPlatform.Contracts.Articles;
using NewsPlatform.Search.Indexing;
using NewsPlatform.Search.Querying;
using NewsPlatform.SearchBench;
using Npgsql;

// The search benchmark's steps; bench/search.sh runs them in order against running services.
//   load     --connection CS --count N --seed S       store N generated article events (no indexing)
//   rebuild  --api URL                                 rebuild the index through the admin API, report events/s
//   queries  --api URL --connection CS --engine E      query latency: HTTP API vs engine floor, 1 and 4 clients; suggest
//                                                      (for Lucene the floor is this process's own copy of the index, filled from the store)
//   publish  --gateway URL --api URL --rate R --count N    publish → searchable latency through the real path
//            [--articles-connection CS --search-connection CS]  and where the time goes, from both event stores
var options = Options.Parse(args);
return options.Command switch
{
    "load" => await Load(options),
    "rebuild" => await Rebuild(options),
    "queries" => await Queries(options),
    "publish" => await Publish(options),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("usage: SearchBench load|rebuild|queries|publish [--option value ...] (see bench/search.sh)");
    return 2;
}

static async Task<int> Load(Options options)
{
    var count = options.Int("count", 100_000);
    var seed = options.Int("seed", 20261129);
    var generator = new ArticleGenerator(seed);
    await using var store = DocumentStore.For(o =>
    {
        o.Connection(options.Text("connection"));
        o.Events.AddEventTypes([typeof(ArticlePublished), typeof(ArticleUpdated), typeof(ArticleUnpublished)]);
    });
    await store.Storage.ApplyAllConfiguredChangesToDatabaseAsync();

    // Events only, as the Search service would have stored them on receipt; the index is built
    // from them afterwards by the rebuild, which is measured.
    var stopwatch = Stopwatch.StartNew();
    const int batch = 500;
    for (var start = 0; start < count; start += batch)
    {
        await using var session = store.LightweightSession();
        for (var n = start; n < Math.Min(start + batch, count); n++)
        {
            var article = generator.Article(n, seed);
            session.Events.StartStream(article.ArticleId, article);
        }
        await session.SaveChangesAsync();
        if ((start / batch) % 20 == 0) Console.Error.Write($"\r  stored {start + batch:N0} of {count:N0} events");
    }
    Console.Error.WriteLine();
    Console.WriteLine($"load: {count:N0} article events (seed {seed}) stored in {stopwatch.Elapsed.TotalSeconds:F1} s");
    return 0;
}

static async Task<int> Rebuild(Options options)
{
    using var api = Client(options.Text("api"), "dev:bench-admin:admin");
    var started = await api.PostAsync("/api/admin/search/rebuild", null);
    if (!started.IsSuccessStatusCode) throw new InvalidOperationException($"rebuild refused: {(int)started.StatusCode}");
    while (true)
    {
        await Task.Delay(1000);
        var status = await api.GetFromJsonAsync<JsonElement>("/api/admin/search/rebuild");
        var phase = status.GetProperty("phase").GetString();
        if (phase == "running") continue;
        if (phase != "completed") throw new InvalidOperationException($"rebuild {phase}: {status}");
        var seconds = (status.GetProperty("finishedAt").GetDateTimeOffset() - status.GetProperty("startedAt").GetDateTimeOffset()).TotalSeconds;
        Console.WriteLine($"rebuild: {status.GetProperty("events").GetInt64():N0} events in {seconds:F1} s = " +
                          $"{status.GetProperty("eventsPerSecond").GetDouble():N0} events/s");
        return 0;
    }
}

static async Task<int> Queries(Options options)
{
    var engine = Enum.Parse<SearchEngine>(options.Text("engine", "Lucene"), ignoreCase: true);
    var rounds = options.Int("rounds", 20);
    await using var dataSource = NpgsqlDataSource.Create(options.Text("connection"));
    await using var floor = await Floor.OpenAsync(engine, options.Text("connection"), dataSource);
    using var api = Client(options.Text("api"), null);

    var mix = await QueryMix.ChooseAsync(dataSource);
    Console.WriteLine($"queries on {engine}: {mix.Articles:N0} articles indexed; {rounds} rounds of each query");
    foreach (var (kind, q, share) in mix.Queries) Console.WriteLine($"  {kind,-10} {q,-40} matches {share:P1}");

    var modes = new (string Name, Func<string, SearchRequest> Request)[]
    {
        ("relevance", q => new SearchRequest(q, null, null, null, null, SearchOrder.Relevance, 1, 20)),
        ("filtered", q => new SearchRequest(q, "national", null, mix.FilterFrom, mix.FilterFrom.AddYears(1), SearchOrder.Relevance, 1, 20)),
        ("newest", q => new SearchRequest(q, null, null, null, null, SearchOrder.Newest, 1, 20)),
    };

    Console.WriteLine();
    Console.WriteLine("| mode | engine floor p50 / p95 / p99 (ms) | API p50 / p95 / p99 (ms) | API p95 ÷ floor p95 | API p95, 4 clients (ms) |");
    Console.WriteLine("|---|---|---|---|---|");
    foreach (var (name, build) in modes)
    {
        var requests = mix.Queries.Select(x => build(x.Query)).ToList();
        // Warm both paths before measuring: plans, caches, and .NET's tiered JIT (methods are
        // recompiled optimised, with profile data, after enough calls; on two busy cores that takes
        // a few hundred requests), so the figures are the steady state.
        for (var warm = 0; warm < 40; warm++)
            foreach (var r in requests) { await floor.Queries.SearchAsync(r, CancellationToken.None); await Get(api, Url(r)); }

        var floorTimes = await Measure(requests, rounds, 1, r => floor.Queries.SearchAsync(r, CancellationToken.None));
        var apiTimes = await Measure(requests, rounds, 1, r => Get(api, Url(r)));
        var concurrentTimes = await Measure(requests, rounds, 4, r => Get(api, Url(r)));
        Console.WriteLine($"| {name} | {Stats(floorTimes)} | {Stats(apiTimes)} | {P(apiTimes, 95) / P(floorTimes, 95):F2}× | {P(concurrentTimes, 95):F1} |");
    }

    // Search-as-you-type: prefixes of headline words, some with a typo.
    var typed = mix.SuggestInputs;
    for (var warm = 0; warm < 10; warm++)
        foreach (var t in typed) await Get(api, $"/api/search/suggest?q={Uri.EscapeDataString(t)}");
    var suggestTimes = await Measure(typed, rounds * 3, 1, t => Get(api, $"/api/search/suggest?q={Uri.EscapeDataString(t)}"));
    Console.WriteLine();
    Console.WriteLine($"suggest ({typed.Count} inputs, e.g. '{typed[0]}', '{typed[^1]}'): API p50 / p95 / p99 = {Stats(suggestTimes)} ms");
    return 0;

    static string Url(SearchRequest r) =>
        $"/api/search?q={Uri.EscapeDataString(r.Query)}&sort={r.Order.ToString().ToLowerInvariant()}" +
        (r.Section is null ? "" : $"&section={r.Section}") +
        (r.From is null ? "" : $"&from={r.From:yyyy-MM-dd}&to={r.Before!.Value.AddDays(-1):yyyy-MM-dd}");
}

static async Task Get(HttpClient api, string url)
{
    using var response = await api.GetAsync(url);
    if (!response.IsSuccessStatusCode) throw new InvalidOperationException($"{url} answered {(int)response.StatusCode}");
    await response.Content.ReadAsByteArrayAsync();
}

static async Task<List<double>> Measure<T>(IReadOnlyList<T> inputs, int rounds, int clients, Func<T, Task> call)
{
    var work = new ConcurrentQueue<T>(Enumerable.Range(0, rounds).SelectMany(_ => inputs));
    var times = new ConcurrentBag<double>();
    await Task.WhenAll(Enumerable.Range(0, clients).Select(async _ =>
    {
        while (work.TryDequeue(out var input))
        {
            var started = Stopwatch.GetTimestamp();
            await call(input);
            times.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }
    }));
    return times.Order().ToList();
}

static double P(List<double> sorted, double percentile) =>
    sorted[Math.Clamp((int)Math.Ceiling(percentile / 100 * sorted.Count) - 1, 0, sorted.Count - 1)];

static string Stats(List<double> sorted) => $"{P(sorted, 50):F1} / {P(sorted, 95):F1} / {P(sorted, 99):F1}";

static async Task<int> Publish(Options options)
{
    var rate = options.Int("rate", 20);
    var count = options.Int("count", 400);
    using var gateway = Client(options.Text("gateway"), "dev:bench-editor:editor");
    var published = new ConcurrentDictionary<Guid, long>(); // article id → when its publish was answered
    var answeredAt = new ConcurrentDictionary<Guid, DateTimeOffset>(); // the same, by the wall clock
    var searchableAt = new ConcurrentDictionary<Guid, DateTimeOffset>(); // when the watcher first found it
    var tokens = new ConcurrentDictionary<Guid, string>();   // article id → the word only its headline has
    var latencies = new ConcurrentBag<double>();
    var failures = 0;

    // One watcher for all articles: every 5 ms, one search through the Search API for the words only
    // the still-pending articles' headlines carry (w1 OR w2 ...); an article counts as searchable when
    // it is in the results. Asking only for the pending ones keeps the watcher's own load small.
    var runWord = "dispatch" + new string(Guid.NewGuid().ToString("N").Where(char.IsLetter).Take(6).ToArray());
    static string Letters(int n) => n < 0 ? "w" + Letters(-n) : string.Concat(n.ToString().Select(d => (char)('a' + d - '0')));
    using var searchApi = Client(options.Text("api"), null);
    using var stop = new CancellationTokenSource();
    var watcher = Task.Run(async () =>
    {
        while (!stop.IsCancellationRequested || !published.IsEmpty)
        {
            if (!published.IsEmpty)
            {
                // The first warm-up article's word is always there too, so the search is never empty
                // (an empty one would also look for a spelling correction, which the readers' searches rarely need).
                var pending = string.Join(" OR ", published.Keys.Select(id => tokens.GetValueOrDefault(id)).OfType<string>().Order().Take(20)
                    .Prepend($"{runWord}{Letters(-1)}"));
                var results = await searchApi.GetFromJsonAsync<JsonElement>($"/api/search?q={Uri.EscapeDataString(pending)}&pageSize=50");
                var now = Stopwatch.GetTimestamp();
                var wallNow = DateTimeOffset.UtcNow;
                foreach (var item in results.GetProperty("items").EnumerateArray())
                    if (published.TryRemove(item.GetProperty("id").GetGuid(), out var since))
                    {
                        latencies.Add(Stopwatch.GetElapsedTime(since, now).TotalMilliseconds);
                        searchableAt[item.GetProperty("id").GetGuid()] = wallNow;
                    }
            }
            await Task.Delay(5);
        }
    });

    // Warm-up, not measured, at the same rate: the path's first articles wait for the forwarder's
    // leadership and cold code, and the next ones for the JIT's second, optimising pass.
    var warmup = options.Int("warmup", 1200);
    var warmClock = Stopwatch.StartNew();
    var warming = new List<Task>();
    for (var i = 0; i < warmup; i++)
    {
        var due = TimeSpan.FromSeconds(i / (double)rate);
        if (due > warmClock.Elapsed) await Task.Delay(due - warmClock.Elapsed);
        warming.Add(PublishOne(-1 - i));
    }
    await Task.WhenAll(warming);
    var warmDeadline = Stopwatch.StartNew();
    while (!published.IsEmpty && warmDeadline.Elapsed < TimeSpan.FromSeconds(60)) await Task.Delay(50);
    latencies.Clear();
    searchableAt.Clear();

    // One article every 1/rate s, each drafted then published through the gateway.
    var interval = TimeSpan.FromSeconds(1.0 / rate);
    var clock = Stopwatch.StartNew();
    var runs = new List<Task>();
    for (var i = 0; i < count; i++)
    {
        var due = interval * i;
        if (due > clock.Elapsed) await Task.Delay(due - clock.Elapsed);
        runs.Add(PublishOne(i));
    }
    await Task.WhenAll(runs);
    stop.CancelAfter(TimeSpan.FromSeconds(30)); // the watcher ends when all are found (or gives up after 30 s)
    var stopped = await Task.WhenAny(watcher, Task.Delay(TimeSpan.FromSeconds(35)));
    var missing = published.Count;

    var sorted = latencies.Order().ToList();
    if (sorted.Count == 0) { Console.WriteLine($"publish → searchable: nothing became searchable ({failures} publishes failed)"); return 1; }
    Console.WriteLine($"publish → searchable at {rate}/s ({sorted.Count} articles; {failures} publishes failed, {missing} never searchable): " +
                      $"p50 {P(sorted, 50):F0} ms, p90 {P(sorted, 90):F0} ms, p99 {P(sorted, 99):F0} ms, max {sorted[^1]:F0} ms " +
                      $"(from the publish response through the gateway to the article in the Search API's results; after {warmup} warm-up articles)");
    if (options.Values.ContainsKey("articles-connection") && options.Values.ContainsKey("search-connection"))
        await ReportStages(options.Text("articles-connection"), options.Text("search-connection"), answeredAt, searchableAt);
    return failures == 0 && missing == 0 ? 0 : 1;

    async Task PublishOne(int i)
    {
        try
        {
            var draft = await gateway.PostAsJsonAsync("/api/newsroom/articles", new
            {
                headline = $"Benchmark {runWord} number {runWord}{Letters(i)} from the wire",
                summary = "Publish to searchable benchmark.",
                body = "<p>This article is part of the publish to searchable benchmark.</p>",
                section = "national",
                subsection = "society",
                byline = "Bench Desk",
                tags = new[] { "benchmark" },
            });
            draft.EnsureSuccessStatusCode();
            var id = (await draft.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
            var publish = new HttpRequestMessage(HttpMethod.Post, $"/api/newsroom/articles/{id}/publish")
            {
                Content = JsonContent.Create(new { }),
            };
            publish.Headers.TryAddWithoutValidation("If-Match", draft.Headers.ETag?.Tag);
            var response = await gateway.SendAsync(publish);
            response.EnsureSuccessStatusCode();
            tokens[id] = $"{runWord}{Letters(i)}";
            answeredAt[id] = DateTimeOffset.UtcNow;
            published[id] = Stopwatch.GetTimestamp();
        }
        catch (Exception e)
        {
            Interlocked.Increment(ref failures);
            Console.Error.WriteLine($"  article {i}: {e.Message}");
        }
    }
}

// Where the publish → searchable time goes, from the timestamps both services' event stores gave the
// article's publication (PostgreSQL's clock: the start of the storing transaction) beside the
// benchmark's own clock (same machine): Articles stored it → Search stored its copy (the forwarder's
// poll, RabbitMQ, the consumer) → the watcher found it (the replica's feed, the refresh, the watcher's poll).
static async Task ReportStages(string articlesConnection, string searchConnection,
    IReadOnlyDictionary<Guid, DateTimeOffset> answeredAt, IReadOnlyDictionary<Guid, DateTimeOffset> searchableAt)
{
    var ids = searchableAt.Keys.ToArray();
    var storedByArticles = await Timestamps(articlesConnection, "article_published");
    var storedBySearch = await Timestamps(searchConnection, "article_published");
    var toSearch = new List<double>(); var toVisible = new List<double>(); var toAnswer = new List<double>();
    foreach (var id in ids)
    {
        if (!storedByArticles.TryGetValue(id, out var a) || !storedBySearch.TryGetValue(id, out var s)) continue;
        toAnswer.Add((answeredAt[id] - a).TotalMilliseconds);
        toSearch.Add((s - a).TotalMilliseconds);
        toVisible.Add((searchableAt[id] - s).TotalMilliseconds);
    }
    if (toSearch.Count == 0) { Console.WriteLine("  stages: no stored timestamps found"); return; }
    Console.WriteLine($"  stages, p50 / p95 / p99 ms over {toSearch.Count} articles: " +
                      $"Articles stored → publish answered {Stats(Sorted(toAnswer))}; " +
                      $"Articles stored → Search stored {Stats(Sorted(toSearch))}; " +
                      $"Search stored → found by the watcher {Stats(Sorted(toVisible))}");

    static List<double> Sorted(List<double> values) => values.Order().ToList();

    async Task<Dictionary<Guid, DateTimeOffset>> Timestamps(string connection, string type)
    {
        await using var data = NpgsqlDataSource.Create(connection);
        await using var command = data.CreateCommand("select stream_id, timestamp from mt_events where type = $1 and stream_id = any($2)");
        command.Parameters.Add(new() { Value = type });
        command.Parameters.Add(new() { Value = ids });
        var found = new Dictionary<Guid, DateTimeOffset>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync()) found[reader.GetGuid(0)] = reader.GetFieldValue<DateTimeOffset>(1);
        return found;
    }
}

static HttpClient Client(string baseAddress, string? bearer)
{
    var client = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 64 }) { BaseAddress = new Uri(baseAddress) };
    if (bearer is not null) client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
    return client;
}

/// <summary>--name value pairs after the command.</summary>
internal sealed record Options(string Command, Dictionary<string, string> Values)
{
    public static Options Parse(string[] args)
    {
        var values = new Dictionary<string, string>();
        for (var i = 1; i + 1 < args.Length; i += 2) values[args[i].TrimStart('-')] = args[i + 1];
        return new Options(args.FirstOrDefault() ?? "", values);
    }

    public string Text(string name, string? fallback = null) =>
        Values.GetValueOrDefault(name) ?? fallback ?? throw new ArgumentException($"--{name} is required");

    public int Int(string name, int fallback) => Values.TryGetValue(name, out var v) ? int.Parse(v) : fallback;
}
