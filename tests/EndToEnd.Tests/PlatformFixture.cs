using System.Net.Http.Json;
using System.Text.Json;
using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using NewsPlatform.EndToEnd.Tests.Site;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace NewsPlatform.EndToEnd.Tests;

/// <summary>
/// The whole platform as the AppHost starts it — PostgreSQL, RabbitMQ, three services, gateway —
/// once for all journeys in this assembly. On a machine without a container runtime the AppHost
/// runs the installed servers itself, on ports of its own, so this never clashes with the shared
/// servers the other test projects use.
/// </summary>
public class PlatformFixture : IAsyncLifetime
{
    /// <summary>How long the platform may take to come up: every replica of every service starts on two cores.</summary>
    protected virtual TimeSpan StartTimeout => TimeSpan.FromMinutes(3);

    public DistributedApplication App { get; private set; } = null!;
    public HttpClient Gateway { get; private set; } = null!;

    private SiteBrowser? _browser;

    /// <summary>AppHost settings a derived fixture adds (e.g. replicas).</summary>
    protected virtual string[] ExtraArguments => [];

    /// <summary>Chromium on the site behind the gateway, started on first use.</summary>
    public async Task<SiteBrowser> BrowserAsync() => _browser ??= await SiteBrowser.LaunchAsync(Gateway.BaseAddress!);

    public async Task InitializeAsync()
    {
        var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.NewsPlatform_AppHost>(
            ["Infrastructure:Ephemeral=true", $"Parameters:initial-admin-password={AdminPassword}", .. ExtraArguments],
            // As `./start.sh` runs it: Development (demo content, development tokens until identity lands).
            (_, host) => host.EnvironmentName = "Development");
        builder.Services.AddLogging(logging => logging.SetMinimumLevel(LogLevel.Warning));

        App = await builder.BuildAsync();
        await using (var report = StartupReport.Watch(App))
        {
            using var timeout = new CancellationTokenSource(StartTimeout);
            try
            {
                await App.StartAsync(timeout.Token);
                await App.ResourceNotifications.WaitForResourceHealthyAsync("gateway", timeout.Token);
                await EveryReplicaHealthyAsync(timeout.Token);
            }
            catch (OperationCanceledException stuck) when (timeout.IsCancellationRequested)
            {
                throw new PlatformDidNotStartException(StartTimeout, report.Describe(), stuck);
            }
        }
        Gateway = App.CreateHttpClient("gateway");
        Inbox = new NewsPlatform.TestSupport.SmtpInbox(new HttpClient { BaseAddress = App.GetEndpoint("smtp4dev", "http") });
    }

    /// <summary>
    /// The gateway is healthy once one replica of each service answers (Aspire's WaitFor is met by the first), and
    /// the proxy in front of the replicas sends requests to the others too: a journey that began then would meet
    /// a 503 from a replica still starting. So the platform is up when every replica reports healthy.
    /// </summary>
    private async Task EveryReplicaHealthyAsync(CancellationToken cancellation)
    {
        // The replica counts are the AppHost's own (WithReplicas), read from its model rather than restated here.
        var expected = App.Services.GetRequiredService<DistributedApplicationModel>().Resources
            .Select(r => (r.Name, Replicas: r.TryGetLastAnnotation<ReplicaAnnotation>(out var replicas) ? replicas.Replicas : 0))
            .Where(r => r.Replicas > 0)
            .ToDictionary(r => r.Name, r => r.Replicas);
        var healthy = expected.Keys.ToDictionary(name => name, _ => new Dictionary<string, Uri?>());
        await foreach (var change in App.ResourceNotifications.WatchAsync(cancellation))
        {
            if (!healthy.TryGetValue(change.Resource.Name, out var replicas)) continue;
            var up = change.Snapshot.State?.Text == KnownResourceStates.Running
                && change.Snapshot.HealthStatus == Microsoft.Extensions.Diagnostics.HealthChecks.HealthStatus.Healthy;
            if (up) replicas[change.ResourceId] = OwnAddress(change.Snapshot); else replicas.Remove(change.ResourceId);
            if (healthy.All(h => h.Value.Count >= expected[h.Key]))
            {
                ReplicaAddresses = healthy.ToDictionary(h => h.Key, h => h.Value.Values.OfType<Uri>().ToArray());
                return;
            }
        }
    }

    /// <summary>Each replica's own address, past Aspire's proxy, by resource name: to ask one replica in particular.</summary>
    public IReadOnlyDictionary<string, Uri[]> ReplicaAddresses { get; private set; } = new Dictionary<string, Uri[]>();

    // The port the orchestrator gave this replica, as it was told to listen on it.
    private static Uri? OwnAddress(CustomResourceSnapshot snapshot) =>
        snapshot.EnvironmentVariables.FirstOrDefault(v => v.Name == "ASPNETCORE_URLS")?.Value?.Split(';')
            .Select(url => Uri.TryCreate(url.Replace("://+", "://localhost").Replace("://*", "://localhost"), UriKind.Absolute, out var uri) ? uri : null)
            .FirstOrDefault(uri => uri?.Scheme == Uri.UriSchemeHttp);

    /// <summary>The inbox of the platform's SMTP catcher (smtp4dev, as on the dashboard): every mail the platform sent.</summary>
    public NewsPlatform.TestSupport.SmtpInbox Inbox { get; private set; } = null!;

    private string? _editorToken;

    /// <summary>
    /// An editor's access token, got as people get one: the configured admin (the AppHost's
    /// development default) makes a newly registered reader an editor, who then logs in.
    /// </summary>
    public async Task<string> EditorTokenAsync()
    {
        if (_editorToken is not null) return _editorToken;
        const string password = "newsroom-desk-password-1";
        var email = $"editor.{Guid.NewGuid():N}@example.org";
        var registered = await CredentialsAsync("/api/auth/register", new { email, password, displayName = "Desk editor" });
        registered.EnsureSuccessStatusCode();
        var id = (await registered.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();

        var admin = await AdminTokenAsync();
        var grant = new HttpRequestMessage(HttpMethod.Post, $"/api/admin/users/{id}/roles") { Content = JsonContent.Create(new { role = "editor" }) };
        grant.Headers.Authorization = new("Bearer", admin);
        (await Gateway.SendAsync(grant)).EnsureSuccessStatusCode();

        return _editorToken = await LoginAsync(email, password);
    }

    /// <summary>
    /// A newly registered reader whom the admin has made an editor, for a browser to log in as: email and password.
    /// Roles are read at login, so the grant comes first.
    /// </summary>
    public async Task<(string Email, string Password)> NewEditorAsync(string displayName = "Desk editor")
    {
        const string password = "newsroom-browser-editor-1";
        var email = $"desk.{Guid.NewGuid():N}@example.org";
        var registered = await CredentialsAsync("/api/auth/register", new { email, password, displayName });
        registered.EnsureSuccessStatusCode();
        var id = (await registered.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        var granted = await SendAsync(HttpMethod.Post, $"/api/admin/users/{id}/roles", await AdminTokenAsync(), new { role = "editor" });
        granted.EnsureSuccessStatusCode();
        return (email, password);
    }

    /// <summary>The initial admin's password for this run (the AppHost generates one unless it is given).</summary>
    public const string AdminPassword = "journeys-admin-password-2026";

    public Task<string> AdminTokenAsync() => LoginAsync("admin@newsplatform.local", AdminPassword);

    /// <summary>A newly registered reader: account id and access token.</summary>
    public async Task<(Guid Id, string Token)> NewReaderAsync()
    {
        const string password = "first-light-reader-1";
        var email = $"reader.{Guid.NewGuid():N}@example.org";
        var registered = await CredentialsAsync("/api/auth/register", new { email, password, displayName = "Reader" });
        registered.EnsureSuccessStatusCode();
        var id = (await registered.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        return (id, await LoginAsync(email, password));
    }

    public async Task<string> LoginAsync(string email, string password)
    {
        var response = await CredentialsAsync("/api/auth/login", new { email, password });
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString()!;
    }

    /// <summary>
    /// Login and register share a strict per-address limit at the gateway, and the brute-force journey
    /// empties it on purpose: journeys wait their turn as a person would, as long as Retry-After says.
    /// </summary>
    private async Task<HttpResponseMessage> CredentialsAsync(string url, object body)
    {
        for (var attempt = 0; ; attempt++)
        {
            var response = await Gateway.PostAsJsonAsync(url, body);
            if (response.StatusCode != System.Net.HttpStatusCode.TooManyRequests || attempt == 20) return response;
            await Task.Delay(response.Headers.RetryAfter?.Delta ?? TimeSpan.FromSeconds(5));
        }
    }

    /// <summary>An article the newsroom publishes through the API, once its public page answers; its slug.</summary>
    public async Task<string> PublishAsync(string headline, string section, string? subsection = null, bool premium = false,
        string body = "<p>Opening paragraph for everyone.</p>", string summary = "A summary for the front.", string byline = "Desk reporter")
    {
        var editor = await EditorTokenAsync();
        var drafted = await SendAsync(HttpMethod.Post, "/api/newsroom/articles", editor,
            new { headline, summary, body, section, subsection, byline, isPremium = premium, tags = new[] { "journey" } });
        drafted.EnsureSuccessStatusCode();
        var id = (await drafted.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        var published = await SendAsync(HttpMethod.Post, $"/api/newsroom/articles/{id}/publish", editor, new { }, drafted.Headers.ETag!.Tag);
        published.EnsureSuccessStatusCode();
        var slug = (await published.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("slug").GetString()!;
        await NewsPlatform.TestSupport.Eventually.Until(() => Gateway.GetAsync($"/api/articles/{slug}?fresh={Guid.NewGuid():N}"),
            r => r.IsSuccessStatusCode, TimeSpan.FromSeconds(15), $"article {slug} readable");
        return slug;
    }

    /// <summary>A request through the gateway, with a bearer token, JSON body and If-Match when given.</summary>
    public Task<HttpResponseMessage> SendAsync(HttpMethod method, string url, string? token = null, object? body = null, string? ifMatch = null)
    {
        var request = new HttpRequestMessage(method, url);
        if (token is not null) request.Headers.Authorization = new("Bearer", token);
        if (body is not null) request.Content = JsonContent.Create(body);
        if (ifMatch is not null) request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        return Gateway.SendAsync(request);
    }

    public async Task DisposeAsync()
    {
        if (_browser is not null) await _browser.DisposeAsync();
        Gateway?.Dispose();
        if (App is not null)
        {
            await App.StopAsync();
            await App.DisposeAsync();
        }
    }
}

[CollectionDefinition(Name)]
public sealed class PlatformCollection : ICollectionFixture<PlatformFixture>
{
    public const string Name = "Platform";
}
