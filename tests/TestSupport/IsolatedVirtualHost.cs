using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text;

namespace NewsPlatform.TestSupport;

/// <summary>
/// A RabbitMQ virtual host of its own for one test class: its exchanges and queues cannot see
/// another test's messages. Made and removed through the management API.
/// </summary>
public sealed class IsolatedVirtualHost : IAsyncDisposable
{
    private readonly HttpClient _management;

    private IsolatedVirtualHost(string name, HttpClient management)
    {
        Name = name;
        _management = management;
        var broker = new UriBuilder(TestServers.RabbitMq) { Path = "/" + Uri.EscapeDataString(name) };
        AmqpUri = broker.Uri.ToString();
    }

    public string Name { get; }

    /// <summary>The broker URI with this virtual host, as the services' "messaging" connection string.</summary>
    public string AmqpUri { get; }

    public static async Task<IsolatedVirtualHost> CreateAsync(string prefix)
    {
        var management = ManagementClient();
        var name = TestServers.UniqueName(prefix);
        var user = Uri.UnescapeDataString(TestServers.RabbitMqManagement.UserInfo.Split(':')[0]);
        (await management.PutAsync($"api/vhosts/{name}", null)).EnsureSuccessStatusCode();
        (await management.PutAsync($"api/permissions/{name}/{user}",
            new StringContent("""{"configure":".*","write":".*","read":".*"}""", Encoding.UTF8, "application/json")))
            .EnsureSuccessStatusCode();
        return new IsolatedVirtualHost(name, management);
    }

    /// <summary>
    /// Up to <paramref name="count"/> messages waiting in a queue of this virtual host, read through the
    /// management API and left in place; none when the queue does not exist (yet).
    /// </summary>
    public async Task<IReadOnlyList<JsonElement>> PeekAsync(string queue, int count = 10)
    {
        using var response = await _management.PostAsync($"api/queues/{Uri.EscapeDataString(Name)}/{Uri.EscapeDataString(queue)}/get",
            new StringContent($$"""{"count":{{count}},"ackmode":"ack_requeue_true","encoding":"auto"}""", Encoding.UTF8, "application/json"));
        if (response.StatusCode == System.Net.HttpStatusCode.NotFound) return [];
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).EnumerateArray().ToList();
    }

    /// <summary>The queues of this virtual host as the broker declares them: name, type (classic, quorum) and whether durable.</summary>
    public async Task<IReadOnlyList<(string Name, string Type, bool Durable)>> QueuesAsync()
    {
        var queues = await _management.GetFromJsonAsync<JsonElement>($"api/queues/{Uri.EscapeDataString(Name)}");
        return queues.EnumerateArray()
            .Select(q => (q.GetProperty("name").GetString()!, q.GetProperty("type").GetString()!, q.GetProperty("durable").GetBoolean()))
            .ToList();
    }

    public async ValueTask DisposeAsync()
    {
        using (_management) await _management.DeleteAsync($"api/vhosts/{Name}");
    }

    private static HttpClient ManagementClient()
    {
        var uri = TestServers.RabbitMqManagement;
        var client = new HttpClient { BaseAddress = new UriBuilder(uri) { UserName = "", Password = "", Path = "/" }.Uri };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic",
            Convert.ToBase64String(Encoding.UTF8.GetBytes(Uri.UnescapeDataString(uri.UserInfo))));
        return client;
    }
}
