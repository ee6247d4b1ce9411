using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

// The mixed soak (bench/soak.sh starts the platform, then this): an open load at a fixed rate through the gateway,
// whatever the answers' speed, so a slowing platform shows as latency, not as less load. Every minute it prints the
// operations, errors and latencies of that minute and the memory (RSS) of every platform process; at the end it
// judges: no errors, each process's memory after the warm-up within ±10 % of where the warm-up left it, p99 stable.
var gateway = new Uri(Setting("SOAK_GATEWAY", "http://localhost:5000"));
var duration = TimeSpan.FromSeconds(double.Parse(Setting("SOAK_SECONDS", "600"), CultureInfo.InvariantCulture));
var warmup = TimeSpan.FromSeconds(double.Parse(Setting("SOAK_WARMUP_SECONDS", "120"), CultureInfo.InvariantCulture));
var rate = double.Parse(Setting("SOAK_RATE", "15"), CultureInfo.InvariantCulture); // operations per second
const string LiveHeap = "dotnet.gc.last_collection.heap.size";
const string CommittedHeap = "dotnet.gc.last_collection.memory.committed_size";
var adminEmail = Setting("SOAK_ADMIN_EMAIL", "admin@newsplatform.local");
var adminPassword = Environment.GetEnvironmentVariable("SOAK_ADMIN_PASSWORD") ?? throw new InvalidOperationException("SOAK_ADMIN_PASSWORD is required");

using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 64 }) { BaseAddress = gateway, Timeout = TimeSpan.FromSeconds(30) };
var random = new Random(2026);
var words = new[] { "harbour", "budget", "election", "rowing", "festival", "museum", "railway", "council", "drought", "vaccine" };
const string readerPassword = "soak-reader-password-1";

Console.WriteLine($"Soak: {rate} operations/s for {duration.TotalSeconds:0} s through {gateway} (warm-up {warmup.TotalSeconds:0} s)");

// The cast: an editor (registered, made one by the admin), readers to log in, and an edition to read and search.
var admin = await LoginAsync(adminEmail, adminPassword);
var editorEmail = $"soak.editor.{Guid.NewGuid():N}@example.org";
var editorId = await RegisterAsync(editorEmail);
(await SendAsync(HttpMethod.Post, $"/api/admin/users/{editorId}/roles", admin, new { role = "editor" })).EnsureSuccessStatusCode();
// An access token lasts 15 minutes: the editor logs in again every ten, as the newsroom desk renews its own.
var editor = (Token: await LoginAsync(editorEmail, readerPassword), At: Stopwatch.StartNew());
var editorRenewal = new SemaphoreSlim(1, 1);
var readers = new List<string>();
for (var i = 0; i < 20; i++)
{
    var email = $"soak.reader.{Guid.NewGuid():N}@example.org";
    await RegisterAsync(email);
    readers.Add(email);
}
var slugs = new ConcurrentBag<string>();
for (var i = 0; i < 30; i++) slugs.Add(await PublishAsync(i));
var slugList = slugs.ToArray();

var processes = PlatformProcesses();
Console.WriteLine($"Watching {processes.Count} processes: {string.Join(", ", processes.Select(p => $"{p.Name} ({p.Pid})"))}");
// RSS alone cannot tell a leak (the managed heap left after each collection climbing) from a collector that keeps
// memory it once needed: with SOAK_COUNTERS (the dotnet-counters tool; soak.sh installs it) each .NET process's heap
// is recorded too, every 15 s.
var startedAt = DateTime.Now;
var heapRecorders = StartHeapRecorders(Setting("SOAK_COUNTERS", ""), processes.Where(p => p.Name != "rabbitmq"), duration + TimeSpan.FromSeconds(20));

// Operation mix, by weight.
(string Name, int Weight, Func<Task<bool>> Run)[] mix =
[
    ("read", 40, async () => Ok(await http.GetAsync($"/api/articles/{slugList[Next(slugList.Length)]}"))),
    // The site's pages, as a reader's browser asks for them: the home page, a section front, an article.
    ("page", 12, async () => Ok(await http.GetAsync(Next(3) switch { 0 => "/", 1 => "/national", _ => $"/articles/{slugList[Next(slugList.Length)]}" }))),
    ("front", 10, async () => Ok(await http.GetAsync("/api/articles?section=national"))),
    ("search", 18, async () => Ok(await http.GetAsync($"/api/search?q={words[Next(words.Length)]}"))),
    ("login", 8, async () => (await LoginOrNullAsync(readers[Next(readers.Count)], readerPassword)) is not null),
    ("publish", 7, async () => { await PublishAsync(Next(1_000_000)); return true; }),
    ("subscribe", 5, SubscribeAsync),
];
var totalWeight = mix.Sum(m => m.Weight);

var samples = new ConcurrentQueue<(TimeSpan At, string Operation, double Ms, bool Ok)>();
var memory = new List<(TimeSpan At, Dictionary<string, (long Rss, long Private)> Of)>();
var clock = Stopwatch.StartNew();
var inFlight = new ConcurrentDictionary<Task, byte>();
var sampler = Task.Run(async () =>
{
    while (clock.Elapsed < duration)
    {
        memory.Add((clock.Elapsed, processes.ToDictionary(p => p.Name, p => Resident(p.Pid))));
        await Task.Delay(TimeSpan.FromSeconds(5));
    }
});
var reporter = Task.Run(async () =>
{
    Console.WriteLine($"| minute | operations | errors | p50 ms | p99 ms | {string.Join(" | ", processes.Select(p => p.Name + " MB"))} |");
    Console.WriteLine($"| --- | --- | --- | --- | --- | {string.Join(" | ", processes.Select(_ => "---"))} |");
    for (var minute = 1; minute <= Math.Ceiling(duration.TotalMinutes); minute++)
    {
        var end = TimeSpan.FromMinutes(minute);
        while (clock.Elapsed < end && clock.Elapsed < duration) await Task.Delay(500);
        await Task.Delay(TimeSpan.FromSeconds(2)); // the minute's last answers
        var window = samples.Where(s => s.At >= end - TimeSpan.FromMinutes(1) && s.At < end).ToList();
        var rss = memory.LastOrDefault().Of ?? [];
        Console.WriteLine($"| {minute} | {window.Count} | {window.Count(s => !s.Ok)} | {Percentile(window, 0.50):0} | {Percentile(window, 0.99):0} | " +
            $"{string.Join(" | ", processes.Select(p => (rss.GetValueOrDefault(p.Name).Rss / 1024.0 / 1024).ToString("0", CultureInfo.InvariantCulture)))} |");
    }
});

// The open load: one operation every 1/rate seconds, on schedule.
var interval = TimeSpan.FromSeconds(1 / rate);
for (var next = TimeSpan.Zero; next < duration; next += interval)
{
    var wait = next - clock.Elapsed;
    if (wait > TimeSpan.Zero) await Task.Delay(wait);
    var pick = Next(totalWeight);
    var operation = mix.First(m => (pick -= m.Weight) < 0);
    var started = clock.Elapsed;
    var task = Task.Run(async () =>
    {
        var ok = false;
        try { ok = await operation.Run(); }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or JsonException or InvalidOperationException)
        {
            Console.Error.WriteLine($"{operation.Name}: {e.Message}");
        }
        samples.Enqueue((started, operation.Name, (clock.Elapsed - started).TotalMilliseconds, ok));
    });
    inFlight[task] = 0;
    _ = task.ContinueWith(t => inFlight.TryRemove(t, out _), TaskScheduler.Default);
}
await Task.WhenAll(inFlight.Keys);
await sampler;
await reporter;

// The verdict.
var all = samples.ToList();
var errors = all.Count(s => !s.Ok);
Console.WriteLine();
Console.WriteLine($"Operations: {all.Count} ({all.Count / duration.TotalSeconds:0.0}/s), errors: {errors}");
foreach (var group in all.GroupBy(s => s.Operation).OrderBy(g => g.Key))
    Console.WriteLine($"  {group.Key,-10} {group.Count(),6}  p50 {Percentile(group.ToList(), 0.5),6:0} ms  p99 {Percentile(group.ToList(), 0.99),6:0} ms  errors {group.Count(s => !s.Ok)}");

var afterWarmup = memory.Where(m => m.At >= warmup).ToList();
var flat = true;
Console.WriteLine($"Memory after the warm-up (RSS; start of the measured part → end, and the range against the start):");
foreach (var process in processes)
{
    var series = afterWarmup.Select(m => m.Of.GetValueOrDefault(process.Name).Rss).Where(v => v > 0).ToList();
    if (series.Count == 0) continue;
    var start = series[0];
    var deviation = series.Max(v => Math.Abs(v - start)) / (double)start;
    flat &= deviation <= 0.10;
    Console.WriteLine($"  {process.Name,-14} {start / 1048576.0,6:0} MB → {series[^1] / 1048576.0,6:0} MB  (max {series.Max() / 1048576.0:0}, min {series.Min() / 1048576.0:0}; at most {deviation:P1} from the start) {(deviation <= 0.10 ? "flat" : "NOT FLAT")}");
    var own = afterWarmup.Select(m => m.Of.GetValueOrDefault(process.Name).Private).Where(v => v > 0).ToList();
    if (own.Count > 0)
        Console.WriteLine($"  {"",-14} {own[0] / 1048576.0,6:0} MB → {own[^1] / 1048576.0,6:0} MB  of it private (max {own.Max() / 1048576.0:0}, min {own.Min() / 1048576.0:0})");
}
if (heapRecorders.Count > 0)
{
    foreach (var recorder in heapRecorders) await recorder.Process.WaitForExitAsync();
    Console.WriteLine("The .NET runtime's own figures after the warm-up (start → end, and the last of each minute):");
    foreach (var recorder in heapRecorders)
        foreach (var (counter, label) in new[] { (LiveHeap, "managed heap after the last collection"), (CommittedHeap, "committed by the collector") })
        {
            var series = ReadCounter(recorder.File, counter).Where(h => h.At - startedAt >= warmup).ToList();
            if (series.Count == 0) { Console.WriteLine($"  {recorder.Name,-14} {label}: none recorded"); continue; }
            Console.WriteLine($"  {recorder.Name,-14} {series[0].Value / 1048576.0,4:0} → {series[^1].Value / 1048576.0,4:0} MB {label}; per minute: " +
                string.Join(" ", series.GroupBy(h => (int)(h.At - startedAt).TotalMinutes).Select(g => (g.Last().Value / 1048576.0).ToString("0", CultureInfo.InvariantCulture))));
        }
}
// Whole minutes only: the last operations may start a moment past the end, a "minute" of a few.
var minutes = all.Where(s => s.At >= warmup && s.At < TimeSpan.FromMinutes(Math.Floor(duration.TotalMinutes)))
    .GroupBy(s => (int)s.At.TotalMinutes).Select(g => Percentile(g.ToList(), 0.99)).ToList();
var p99Stable = minutes.Count > 0 && minutes.Max() <= 2 * Median(minutes);
Console.WriteLine($"p99 per minute after the warm-up: {string.Join(", ", minutes.Select(m => m.ToString("0", CultureInfo.InvariantCulture)))} ms — " +
    (p99Stable ? "stable (no minute above twice the median)" : "NOT STABLE"));
var met = errors == 0 && flat && p99Stable;
Console.WriteLine(met ? "SOAK MET: no errors, memory flat within ±10 %, p99 stable" : "SOAK NOT MET");
return met ? 0 : 1;

// ---------------------------------------------------------------------------------------------------------------

static string Setting(string name, string fallback) => Environment.GetEnvironmentVariable(name) is { Length: > 0 } value ? value : fallback;

int Next(int max) { lock (random) return random.Next(max); }

static bool Ok(HttpResponseMessage response)
{
    using (response) return response.IsSuccessStatusCode;
}

static double Percentile(IReadOnlyList<(TimeSpan At, string Operation, double Ms, bool Ok)> window, double p)
{
    if (window.Count == 0) return 0;
    var sorted = window.Select(s => s.Ms).Order().ToArray();
    return sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(p * sorted.Length) - 1)];
}

static double Median(List<double> values) => values.Order().ElementAt(values.Count / 2);

Task<HttpResponseMessage> SendAsync(HttpMethod method, string url, string? token, object? body, string? ifMatch = null)
{
    var request = new HttpRequestMessage(method, url);
    if (token is not null) request.Headers.Authorization = new("Bearer", token);
    if (body is not null) request.Content = JsonContent.Create(body);
    if (ifMatch is not null) request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
    return http.SendAsync(request);
}

async Task<Guid> RegisterAsync(string email)
{
    using var registered = await http.PostAsJsonAsync("/api/auth/register", new { email, password = readerPassword, displayName = "Soak reader" });
    registered.EnsureSuccessStatusCode();
    return (await registered.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
}

async Task<string?> LoginOrNullAsync(string email, string password)
{
    using var response = await http.PostAsJsonAsync("/api/auth/login", new { email, password });
    return response.IsSuccessStatusCode ? (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString() : null;
}

async Task<string> LoginAsync(string email, string password) =>
    await LoginOrNullAsync(email, password) ?? throw new InvalidOperationException($"{email} could not log in");

async Task<string> EditorTokenAsync()
{
    await editorRenewal.WaitAsync();
    try
    {
        if (editor.At.Elapsed > TimeSpan.FromMinutes(10)) editor = (await LoginAsync(editorEmail, readerPassword), Stopwatch.StartNew());
        return editor.Token;
    }
    finally
    {
        editorRenewal.Release();
    }
}

async Task<string> PublishAsync(int n)
{
    var token = await EditorTokenAsync();
    var word = words[n % words.Length];
    using var drafted = await SendAsync(HttpMethod.Post, "/api/newsroom/articles", token, new
    {
        headline = $"The {word} report, part {n}", summary = "A soak article.", body = $"<p>All about the {word}, part {n}.</p>",
        section = "national", subsection = "society", byline = "Soak desk",
    });
    drafted.EnsureSuccessStatusCode();
    var id = (await drafted.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
    using var published = await SendAsync(HttpMethod.Post, $"/api/newsroom/articles/{id}/publish", token, new { }, drafted.Headers.ETag!.Tag);
    published.EnsureSuccessStatusCode();
    return (await published.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("slug").GetString()!;
}

async Task<bool> SubscribeAsync()
{
    var email = $"soak.subscriber.{Guid.NewGuid():N}@example.org";
    await RegisterAsync(email);
    var token = await LoginAsync(email, readerPassword);
    using var subscribed = await SendAsync(HttpMethod.Post, "/api/subscriptions", token, new { planCode = "digital-monthly", paymentToken = "tok_ok" });
    return subscribed.IsSuccessStatusCode;
}

// The platform's own processes: each service, the site and the gateway (the largest process naming it: not a build
// or `dotnet run` wrapper), and the AppHost's broker's Erlang VM (its home is in the AppHost's run folder). PostgreSQL is left out: its backends come and go with pools.
static List<(string Name, int Pid)> PlatformProcesses()
{
    var found = new List<(string Name, int Pid)>();
    var candidates = Directory.GetDirectories("/proc").Select(d => int.TryParse(Path.GetFileName(d), out var pid) ? pid : 0).Where(pid => pid > 0)
        .Select(pid => (Pid: pid, CommandLine: CommandLine(pid))).Where(p => p.CommandLine.Length > 0).ToList();
    foreach (var name in new[] { "Articles", "Subscriptions", "Search", "Web", "Gateway" })
    {
        var matches = candidates.Where(c => c.CommandLine.Contains($"NewsPlatform.{name}", StringComparison.Ordinal)
            && !c.CommandLine.Contains("MSBuild", StringComparison.Ordinal) && !c.CommandLine.Contains(" run ", StringComparison.Ordinal)).ToList();
        var index = 0;
        foreach (var match in matches.OrderByDescending(m => Resident(m.Pid).Rss))
            found.Add((matches.Count > 1 ? $"{name.ToLowerInvariant()}-{++index}" : name.ToLowerInvariant(), match.Pid));
    }
    foreach (var broker in candidates.Where(c => c.CommandLine.Contains("beam.smp", StringComparison.Ordinal) && c.CommandLine.Contains("apphost", StringComparison.Ordinal)))
        found.Add(("rabbitmq", broker.Pid));
    return found;
}

static List<(string Name, Process Process, string File)> StartHeapRecorders(string tool, IEnumerable<(string Name, int Pid)> watched, TimeSpan length)
{
    if (tool.Length == 0 || !File.Exists(tool)) return [];
    var folder = Directory.CreateTempSubdirectory("soak-counters").FullName;
    return watched.Select(p =>
    {
        var file = Path.Combine(folder, p.Name + ".csv");
        var start = new ProcessStartInfo(tool) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in new[] { "collect", "-p", p.Pid.ToString(CultureInfo.InvariantCulture), "--refresh-interval", "15", "--format", "csv",
                     "-o", file, "--duration", length.ToString(@"dd\:hh\:mm\:ss", CultureInfo.InvariantCulture),
                     "--counters", $"System.Runtime[{LiveHeap},{CommittedHeap}]" })
            start.ArgumentList.Add(argument);
        var process = Process.Start(start)!;
        // Its console output is of no use here, but unread it would fill the pipe and stop it.
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return (p.Name, process, file);
    }).ToList();
}

// dotnet-counters' CSV: one row per counter (per generation for the heap: "…heap.size (By)[gc.heap.generation=gen2],Metric,123")
// per sample; a sample's value is the sum of its rows.
static List<(DateTime At, double Value)> ReadCounter(string file, string counter) =>
    !File.Exists(file) ? [] : File.ReadLines(file).Skip(1).Select(line => line.Split(','))
        .Where(cells => cells.Length >= 5 && cells[2].StartsWith(counter + " ", StringComparison.Ordinal))
        .GroupBy(cells => DateTime.ParseExact(cells[0], "MM/dd/yyyy HH:mm:ss", CultureInfo.InvariantCulture))
        .Select(g => (g.Key, g.Sum(cells => double.Parse(cells[4], CultureInfo.InvariantCulture))))
        .OrderBy(h => h.Item1).ToList();

static string CommandLine(int pid)
{
    try { return File.ReadAllText($"/proc/{pid}/cmdline").Replace('\0', ' '); }
    catch (IOException) { return ""; }
    catch (UnauthorizedAccessException) { return ""; }
}

// RSS, and of it what the process itself holds (RssAnon: without the mapped files and the shared memory, the JIT's
// code): one read of /proc for both.
static (long Rss, long Private) Resident(int pid)
{
    try
    {
        var status = File.ReadAllLines($"/proc/{pid}/status");
        long Field(string name) => status.FirstOrDefault(l => l.StartsWith(name, StringComparison.Ordinal)) is { } line
            ? long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) * 1024
            : 0;
        return (Field("VmRSS:"), Field("RssAnon:"));
    }
    catch (IOException) { return (0, 0); }
}
