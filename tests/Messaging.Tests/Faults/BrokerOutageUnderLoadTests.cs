using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using NewsPlatform.Gateway;
using NewsPlatform.TestSupport;

namespace NewsPlatform.Messaging.Tests.Faults;

/// <summary>
/// Fault 1 of the replicas issue: RabbitMQ (a node of the test's own) stopped for 30 s while a thousand articles are
/// drafted, published and corrected through the gateway by eight desks at once. The API accepts every one; once the
/// broker is back, Search holds all thousand with their corrected text, each once, and no answer was a 5xx.
/// </summary>
public sealed class BrokerOutageUnderLoadTests : IAsyncLifetime
{
    private const int Articles = 1000;
    private const int Desks = 8;
    private static readonly TimeSpan Outage = TimeSpan.FromSeconds(30);

    private ThrowawayRabbitMq _broker = null!;
    private NewsroomToSearch _services = null!;
    private ServiceUnderTest<GatewayService> _gateway = null!;

    public async Task InitializeAsync()
    {
        _broker = await ThrowawayRabbitMq.StartNewAsync();
        _services = await NewsroomToSearch.StartAsync("load", _broker.AmqpUri, onPorts: true);
        _gateway = new(new Dictionary<string, string?>
        {
            ["ReverseProxy:Clusters:articles:Destinations:primary:Address"] = _services.Articles.Address!.ToString(),
            ["ReverseProxy:Clusters:search:Destinations:primary:Address"] = _services.Search.Address!.ToString(),
            ["OutputCaching:Enabled"] = "false", // every search is the index's answer, not one kept a few seconds
            ["RateLimits:Reader:Burst"] = "100000",
            ["RateLimits:Reader:PerSecond"] = "100000",
            ["RateLimits:Anonymous:Burst"] = "100000",
            ["RateLimits:Anonymous:PerSecond"] = "100000",
        });
    }

    public async Task DisposeAsync()
    {
        await _gateway.DisposeAsync();
        await _services.DisposeAsync();
        await _broker.DisposeAsync();
    }

    [Fact(Timeout = 8 * 60_000)] // bounded: past it the test fails rather than hangs
    public async Task A_thousand_articles_published_and_corrected_through_a_broker_outage_are_all_found_corrected_each_once()
    {
        // Letters only, so the analyser keeps each as one word.
        var run = new string(Guid.NewGuid().ToString("N").Select(c => (char)('a' + c % 26)).Take(10).ToArray());
        var (filed, corrected) = ($"filed{run}", $"corrected{run}");
        var statuses = new ConcurrentBag<HttpStatusCode>();
        var done = 0;

        var outage = Task.Run(async () =>
        {
            await Eventually.Until(() => Task.FromResult(Volatile.Read(ref done)), n => n >= Articles / 10, TimeSpan.FromMinutes(2), "the first hundred");
            await _broker.StopAsync();
            var down = Stopwatch.StartNew();
            await Task.Delay(Outage);
            var during = Volatile.Read(ref done);
            await _broker.StartAsync();
            return (down.Elapsed, during);
        });

        await Parallel.ForEachAsync(Enumerable.Range(0, Articles), new ParallelOptions { MaxDegreeOfParallelism = Desks }, async (i, _) =>
        {
            var desk = _gateway.CreateClientAs($"editor-{i % Desks}", "editor");
            var drafted = await desk.PostAsJsonAsync("/api/newsroom/articles", new
            {
                headline = $"Harbour report {i}", body = $"<p>The {filed} report number {i}.</p>", section = "national", subsection = "society",
            });
            statuses.Add(drafted.StatusCode);
            Assert.Equal(HttpStatusCode.Created, drafted.StatusCode);
            var id = (await drafted.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
            using var publish = new HttpRequestMessage(HttpMethod.Post, $"/api/newsroom/articles/{id}/publish") { Headers = { { "If-Match", "\"1\"" } } };
            var published = await desk.SendAsync(publish);
            statuses.Add(published.StatusCode);
            Assert.Equal(HttpStatusCode.OK, published.StatusCode);
            using var correct = new HttpRequestMessage(HttpMethod.Put, $"/api/newsroom/articles/{id}")
            {
                Headers = { { "If-Match", "\"2\"" } },
                Content = JsonContent.Create(new
                {
                    headline = $"Harbour report {i}", body = $"<p>The {corrected} report number {i}.</p>", section = "national", subsection = "society",
                }),
            };
            var correction = await desk.SendAsync(correct);
            statuses.Add(correction.StatusCode);
            Assert.Equal(HttpStatusCode.OK, correction.StatusCode);
            Interlocked.Increment(ref done);
        });

        var (downFor, writtenWhileDown) = await outage;
        Assert.True(downFor >= Outage, $"the broker was down {downFor}");
        Assert.True(writtenWhileDown > Articles / 10, "articles were accepted while the broker was down");
        Assert.DoesNotContain(statuses, s => (int)s >= 500);
        Assert.Equal(3 * Articles, statuses.Count);

        var reader = _gateway.CreateClient();
        await Eventually.Until(() => TotalAsync(reader, corrected), total => total >= Articles, TimeSpan.FromMinutes(4),
            "all thousand corrected articles searchable");
        Assert.Equal(Articles, await TotalAsync(reader, corrected)); // none twice
        Assert.Equal(0, await TotalAsync(reader, filed)); // and none with its first text
    }

    private static async Task<long> TotalAsync(HttpClient reader, string q) =>
        (await reader.GetFromJsonAsync<JsonElement>($"/api/search?q={q}")).GetProperty("total").GetInt64();
}
