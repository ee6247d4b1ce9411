using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;
using NewsPlatform.EndToEnd.Tests.Site;
using NewsPlatform.TestSupport;

// The whole platform starts twice (one replica of everything, then three of each service): one after the other,
// never side by side on two cores.
[assembly: CollectionBehavior(DisableTestParallelization = true)]

namespace NewsPlatform.EndToEnd.Tests;

/// <summary>
/// The whole platform with three replicas of every service (<c>Replicas:Services=3</c>), two gateways sharing their
/// edge state in Redis (<c>Replicas:Gateways=2</c>) and two sites sharing their readers' sessions there
/// (<c>Replicas:Sites=2</c>), behind Aspire's proxy. Lookups of unknown API keys are held to
/// <see cref="KeyLookups"/> per address, barely refilled, so a limit counted once per gateway would show.
/// </summary>
public sealed class ReplicatedPlatformFixture : PlatformFixture
{
    public const int Replicas = 3;
    public const int Gateways = 2;
    public const int Sites = 2;
    public const int KeyLookups = 12;
    protected override string[] ExtraArguments =>
    [
        $"Replicas:Services={Replicas}", $"Replicas:Gateways={Gateways}", $"Replicas:Sites={Sites}",
        $"Overrides:gateway:RateLimits:KeyLookups:Burst={KeyLookups}", "Overrides:gateway:RateLimits:KeyLookups:PerSecond=0.01",
    ];
    protected override TimeSpan StartTimeout => TimeSpan.FromMinutes(5);
}

[CollectionDefinition(Name)]
public sealed class ReplicatedPlatformCollection : ICollectionFixture<ReplicatedPlatformFixture>
{
    public const string Name = "Replicated platform";
}

/// <summary>
/// The journeys that a second and third replica could break, against three of each: requests land on any replica
/// (Aspire's proxy spreads them), so each check is asked several times over.
/// </summary>
[Collection(ReplicatedPlatformCollection.Name)]
public sealed class ReplicaJourneyTests(ReplicatedPlatformFixture platform)
{
    private const int Asks = 3 * ReplicatedPlatformFixture.Replicas;

    private async Task<(string Email, string Token)> ReaderAsync()
    {
        const string password = "replicated-reader-2026";
        var email = $"replicated.{Guid.NewGuid():N}@example.org";
        (await platform.Gateway.PostAsJsonAsync("/api/auth/register", new { email, password, displayName = "Replicated Reader" })).EnsureSuccessStatusCode();
        return (email, await platform.LoginAsync(email, password));
    }

    [Fact(Timeout = 4 * 60_000)] // bounded: past it the journey fails rather than hangs
    public async Task Tokens_signed_by_any_identity_replica_are_accepted_by_every_replica_of_every_service()
    {
        var premium = await platform.PublishAsync($"Replicated premium outlook {Guid.NewGuid():N}"[..36], "business", premium: true,
            body: "<p>Opening paragraph.</p><p>Premium paragraph.</p>");
        for (var reader = 0; reader < 4; reader++)
        {
            var (_, token) = await ReaderAsync(); // logins spread over the identity replicas
            for (var ask = 0; ask < Asks; ask++)
            {
                Assert.Equal(HttpStatusCode.OK, (await platform.SendAsync(HttpMethod.Get, "/api/auth/me", token)).StatusCode);
                Assert.Equal(HttpStatusCode.OK, (await platform.SendAsync(HttpMethod.Get, "/api/me/follows", token)).StatusCode);
                var article = await platform.SendAsync(HttpMethod.Get, $"/api/articles/{premium}?fresh={Guid.NewGuid():N}", token);
                Assert.Equal(HttpStatusCode.OK, article.StatusCode);
                Assert.True((await article.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("locked").GetBoolean()); // a reader, not a subscriber
            }
        }
        var keys = await Task.WhenAll(Enumerable.Range(0, Asks).Select(_ => platform.Gateway.GetStringAsync("/.well-known/jwks.json")));
        Assert.Single(keys.Distinct()); // every replica publishes the same keys
    }

    [Fact(Timeout = 2 * 60_000)]
    public async Task A_limit_holds_for_the_whole_edge_not_once_per_gateway()
    {
        var gateways = platform.ReplicaAddresses["gateway"].Select(address => new HttpClient { BaseAddress = address }).ToArray();
        Assert.Equal(ReplicatedPlatformFixture.Gateways, gateways.Length);
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < ReplicatedPlatformFixture.KeyLookups + 6; i++)
        {
            // Keys nobody issued, from one address, to each gateway in turn: each costs the identity service a lookup.
            using var request = new HttpRequestMessage(HttpMethod.Get, "/api/sections");
            request.Headers.Add("X-Api-Key", $"sk_unknown_{Guid.NewGuid():N}");
            statuses.Add((await gateways[i % gateways.Length].SendAsync(request)).StatusCode);
        }
        Assert.Equal(ReplicatedPlatformFixture.KeyLookups, statuses.Count(s => s == HttpStatusCode.Unauthorized));
        Assert.Equal(6, statuses.Count(s => s == HttpStatusCode.TooManyRequests));
        Assert.All(statuses.Skip(ReplicatedPlatformFixture.KeyLookups), s => Assert.Equal(HttpStatusCode.TooManyRequests, s));
        foreach (var gateway in gateways) gateway.Dispose();
    }

    [Fact(Timeout = 3 * 60_000)]
    public async Task A_reader_who_logs_in_on_the_site_is_logged_in_at_every_site_replica_and_can_log_out_at_either()
    {
        var (email, _) = await ReaderAsync();
        var page = await (await platform.BrowserAsync()).NewReaderAsync();
        await page.LogInAsync(email, "replicated-reader-2026");
        await page.WaitForURLAsync(url => !url.Contains("/login"));

        // Through the gateway, whichever site replica the proxy picks; then at each replica by its own address.
        for (var ask = 0; ask < 4; ask++)
        {
            await page.GotoAsync($"/?fresh={ask}");
            Assert.Equal("Replicated Reader", await page.Locator(".reader-name").InnerTextAsync());
        }
        var cookie = string.Join("; ", (await page.Context.CookiesAsync()).Select(c => $"{c.Name}={c.Value}"));
        var sites = platform.ReplicaAddresses["web"];
        Assert.Equal(ReplicatedPlatformFixture.Sites, sites.Length);
        foreach (var site in sites)
        {
            using var direct = new HttpClient { BaseAddress = site };
            using var request = new HttpRequestMessage(HttpMethod.Get, "/account");
            request.Headers.Add("Cookie", cookie);
            var account = await direct.SendAsync(request);
            Assert.Equal(HttpStatusCode.OK, account.StatusCode); // not a redirect to the login page
            Assert.Contains("Replicated Reader", await account.Content.ReadAsStringAsync());
        }

        // The logout form one replica made is accepted by whichever takes it, and the session ends at all of them.
        await page.GetByRole(AriaRole.Button, new() { Name = "Log out" }).ClickAsync();
        await page.WaitForSelectorAsync("nav.account-bar >> text=Log in"); // the page the logout sends the reader back to
        for (var ask = 0; ask < 4; ask++)
        {
            await page.GotoAsync($"/?fresh=out{ask}");
            Assert.Equal(0, await page.Locator(".reader-name").CountAsync());
        }
    }

    [Fact(Timeout = 4 * 60_000)]
    public async Task A_publication_is_indexed_once_and_each_follower_notified_once_and_a_schedule_publishes_once()
    {
        var followers = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            var (_, token) = await ReaderAsync();
            Assert.Equal(HttpStatusCode.NoContent, (await platform.SendAsync(HttpMethod.Put, "/api/me/follows/sports", token)).StatusCode);
            followers.Add(token);
        }
        var word = $"replicated{Guid.NewGuid():N}"[..20];
        var slug = await platform.PublishAsync($"Rowing final on the Han {word}", "sports");

        // Every search replica finds it, once. Asked at most 45 times a second: the anonymous limit (100/s after a burst
        // of 200) answers 429 to a faster poll once indexing on a busy machine takes more than a few seconds.
        await Eventually.Until(async () =>
            {
                await Task.Delay(200);
                var totals = await Task.WhenAll(Enumerable.Range(0, Asks).Select(async _ =>
                    (await platform.Gateway.GetFromJsonAsync<JsonElement>($"/api/search?q={word}&fresh={Guid.NewGuid():N}")).GetProperty("total").GetInt64()));
                return string.Join(",", totals); // as the failure message shows them
            },
            totals => totals.Split(',').All(t => t == "1"), TimeSpan.FromSeconds(60), "the article found once on every search replica");

        // Scheduled a few seconds ahead: whichever replica's scheduler comes first publishes it, once.
        var editor = await platform.EditorTokenAsync();
        var drafted = await platform.SendAsync(HttpMethod.Post, "/api/newsroom/articles", editor,
            new { headline = $"Scheduled regatta results {word}", summary = "Results.", body = "<p>Results.</p>", section = "sports", byline = "Desk" });
        drafted.EnsureSuccessStatusCode();
        var scheduledId = (await drafted.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        (await platform.SendAsync(HttpMethod.Post, $"/api/newsroom/articles/{scheduledId}/publish", editor,
            new { publishAt = DateTimeOffset.UtcNow.AddSeconds(8) }, drafted.Headers.ETag!.Tag)).EnsureSuccessStatusCode();
        async Task<List<string>> EventsAsync() =>
            (await (await platform.SendAsync(HttpMethod.Get, $"/api/newsroom/articles/{scheduledId}/history", editor)).Content.ReadFromJsonAsync<JsonElement>())
            .EnumerateArray().Select(e => e.GetProperty("type").GetString()!).ToList();
        await Eventually.Until(EventsAsync, events => events.Contains("published"), TimeSpan.FromSeconds(60), "the scheduled article published");
        await Task.Delay(TimeSpan.FromSeconds(6)); // another scheduler's round, had it published again, would show by now
        Assert.Single(await EventsAsync(), type => type == "published");

        // One notification per follower and article, whichever identity replica consumed the events.
        foreach (var token in followers)
        {
            var inbox = await Eventually.Until(async () => (await (await platform.SendAsync(HttpMethod.Get, "/api/me/notifications?pageSize=50", token))
                    .Content.ReadFromJsonAsync<JsonElement>()).GetProperty("items").EnumerateArray().ToList(),
                items => items.Count(n => n.GetProperty("headline").GetString()!.EndsWith(word)) == 2, TimeSpan.FromSeconds(60), "both notifications");
            Assert.Single(inbox, n => n.GetProperty("slug").GetString() == slug);
        }
    }

    [Fact(Timeout = 4 * 60_000)]
    public async Task A_subscription_unlocks_premium_articles_on_every_articles_replica()
    {
        var premium = await platform.PublishAsync($"Replicated premium chip tables {Guid.NewGuid():N}"[..40], "business", premium: true,
            body: "<p>Opening paragraph.</p><p>The subscriber's paragraph.</p>");
        var (_, token) = await ReaderAsync();
        var subscribed = await platform.SendAsync(HttpMethod.Post, "/api/subscriptions", token, new { planCode = "digital-monthly", paymentToken = "tok_ok" });
        Assert.Equal(HttpStatusCode.Created, subscribed.StatusCode);

        await Eventually.Until(async () =>
            {
                await Task.Delay(200); // within the reader's limit (150/s after a burst of 300), as above
                return await Task.WhenAll(Enumerable.Range(0, Asks).Select(async _ =>
                    (await (await platform.SendAsync(HttpMethod.Get, $"/api/articles/{premium}?fresh={Guid.NewGuid():N}", token))
                        .Content.ReadFromJsonAsync<JsonElement>()).GetProperty("locked").GetBoolean()));
            },
            locked => locked.All(l => !l), TimeSpan.FromSeconds(60), "the whole article on every articles replica");
    }
}
