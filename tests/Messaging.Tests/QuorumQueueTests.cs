using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using NewsPlatform.Gateway;
using NewsPlatform.TestSupport;

namespace NewsPlatform.Messaging.Tests;

/// <summary>
/// <c>Messaging:QuorumQueues=true</c>, as the Kubernetes settings have it: every service's durable queue is declared a
/// quorum queue (replicated across a RabbitMQ cluster), a replica's own queue stays a classic one, removed when it stops,
/// and an article still travels from Articles to Search.
/// </summary>
public sealed class QuorumQueueTests : IAsyncLifetime
{
    private IsolatedVirtualHost _virtualHost = null!;
    private NewsroomToSearch _services = null!;
    private ServiceUnderTest<GatewayService> _gateway = null!;

    public async Task InitializeAsync()
    {
        _virtualHost = await IsolatedVirtualHost.CreateAsync("quorum");
        _services = await NewsroomToSearch.StartAsync("quorum", _virtualHost.AmqpUri,
            settings: new Dictionary<string, string?> { ["Messaging:QuorumQueues"] = "true" });
        _gateway = new(new Dictionary<string, string?>
        {
            ["ConnectionStrings:messaging"] = _virtualHost.AmqpUri, ["Messaging:QuorumQueues"] = "true",
        });
        _gateway.CreateClient(); // starts it: its bus declares its own queue
    }

    public async Task DisposeAsync()
    {
        await _gateway.DisposeAsync();
        await _services.DisposeAsync();
        await _virtualHost.DisposeAsync();
    }

    [Fact]
    public async Task Durable_queues_are_quorum_queues_a_replicas_own_stays_classic_and_articles_still_reach_search()
    {
        var queues = await Eventually.Until(() => _virtualHost.QueuesAsync(),
            found => found.Any(q => q.Name.StartsWith("gateway-", StringComparison.Ordinal)), TimeSpan.FromSeconds(30), "the gateway's queue declared");

        var durable = queues.Where(q => q.Durable).ToList();
        Assert.Contains(durable, q => q.Name.StartsWith("search-", StringComparison.Ordinal));
        Assert.All(durable, q => Assert.Equal("quorum", q.Type));
        var replicas = queues.Where(q => q.Name.StartsWith("gateway-", StringComparison.Ordinal)).ToList();
        Assert.All(replicas, q => Assert.Equal(("classic", false), (q.Type, q.Durable)));

        var desk = _services.Articles.CreateClientAs("editor-1", "editor");
        var drafted = await desk.PostAsJsonAsync("/api/newsroom/articles", new
        {
            headline = "Ferry timetable changes", body = "<p>The quorumferry sails at noon.</p>", section = "national", subsection = "society",
        });
        Assert.Equal(HttpStatusCode.Created, drafted.StatusCode);
        var id = (await drafted.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        using var publish = new HttpRequestMessage(HttpMethod.Post, $"/api/newsroom/articles/{id}/publish") { Headers = { { "If-Match", "\"1\"" } } };
        Assert.Equal(HttpStatusCode.OK, (await desk.SendAsync(publish)).StatusCode);

        var reader = _services.Search.CreateClient();
        await Eventually.Until(async () => (await reader.GetFromJsonAsync<JsonElement>("/api/search?q=quorumferry")).GetProperty("total").GetInt64(),
            total => total == 1, TimeSpan.FromSeconds(30), "the article found");

        // A replica's own queue goes with it: a restart leaves none behind to fill with every article event.
        await _gateway.DisposeAsync();
        await Eventually.Until(() => _virtualHost.QueuesAsync(), found => !found.Any(q => q.Name.StartsWith("gateway-", StringComparison.Ordinal)),
            TimeSpan.FromSeconds(30), "the stopped gateway's queue removed");
    }
}
