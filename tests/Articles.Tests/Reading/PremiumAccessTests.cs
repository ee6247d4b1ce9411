using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using NewsPlatform.Contracts.Subscriptions;
using NewsPlatform.TestSupport;

namespace NewsPlatform.Articles.Tests.Reading;

/// <summary>
/// Premium bodies only for entitled readers, where entitlement comes from the subscription events on
/// the bus (sent here as the Subscriptions service would send them), never from asking that service.
/// </summary>
public sealed class PremiumAccessTests(ArticlesServiceFixture articles) : IClassFixture<ArticlesServiceFixture>
{
    private const string Body = "<p>Opening paragraph everyone may read.</p><p>Second paragraph for subscribers only.</p>";
    private readonly NewsroomDesk _newsroom = new(articles.Client);

    private async Task<string> PremiumArticleAsync()
    {
        var published = await _newsroom.DraftAndPublishAsync(NewsroomDesk.Copy($"Premium analysis {Guid.NewGuid():N}"[..30], body: Body, premium: true));
        var slug = NewsroomDesk.Slug(published);
        await Eventually.Until(() => articles.Anonymous.GetAsync($"/api/articles/{slug}"),
            r => r.StatusCode == HttpStatusCode.OK, TimeSpan.FromSeconds(15), "the premium page");
        return slug;
    }

    private static async Task<JsonElement> ReadAsync(HttpClient client, string slug) =>
        await client.GetFromJsonAsync<JsonElement>($"/api/articles/{slug}");

    private Task<JsonElement> EventuallyLockedAsync(HttpClient client, string slug, bool locked) =>
        Eventually.Until(() => ReadAsync(client, slug), page => page.GetProperty("locked").GetBoolean() == locked,
            TimeSpan.FromSeconds(15), locked ? "locked" : "unlocked");

    [Fact]
    public async Task Without_a_subscription_a_reader_gets_the_teaser_and_locked()
    {
        var slug = await PremiumArticleAsync();
        var reader = articles.Service.CreateClientAs(Guid.NewGuid().ToString(), "reader");

        foreach (var client in new[] { articles.Anonymous, reader })
        {
            var page = await ReadAsync(client, slug);
            Assert.True(page.GetProperty("locked").GetBoolean());
            Assert.Equal("<p>Opening paragraph everyone may read.</p>", page.GetProperty("body").GetString());
            Assert.Equal("What happened, in one line.", page.GetProperty("summary").GetString());
        }
    }

    [Fact]
    public async Task An_activated_subscription_unlocks_cancelled_keeps_access_until_period_end_and_expired_locks_again()
    {
        var slug = await PremiumArticleAsync();
        var readerId = Guid.NewGuid();
        var subscriptionId = Guid.NewGuid();
        var reader = articles.Service.CreateClientAs(readerId.ToString(), "reader");
        var periodEnd = DateTimeOffset.UtcNow.AddDays(30);

        await articles.Bus.PublishAsync(new SubscriptionActivated(subscriptionId, 2, readerId, "digital-monthly", periodEnd, DateTimeOffset.UtcNow));
        var unlocked = await EventuallyLockedAsync(reader, slug, locked: false);
        Assert.Equal(Body, unlocked.GetProperty("body").GetString());

        await articles.Bus.PublishAsync(new SubscriptionCancelled(subscriptionId, 3, readerId, periodEnd, DateTimeOffset.UtcNow));
        await articles.Bus.PublishAsync(new SubscriptionActivated(Guid.NewGuid(), 1, Guid.NewGuid(), "x", periodEnd, DateTimeOffset.UtcNow)); // someone else
        await Task.Delay(500);
        Assert.False((await ReadAsync(reader, slug)).GetProperty("locked").GetBoolean());

        await articles.Bus.PublishAsync(new SubscriptionExpired(subscriptionId, 4, readerId, DateTimeOffset.UtcNow));
        await EventuallyLockedAsync(reader, slug, locked: true);

        // A late duplicate of the activation (older version) changes nothing.
        await articles.Bus.PublishAsync(new SubscriptionActivated(subscriptionId, 2, readerId, "digital-monthly", periodEnd, DateTimeOffset.UtcNow));
        await Task.Delay(500);
        Assert.True((await ReadAsync(reader, slug)).GetProperty("locked").GetBoolean());
        // The anonymous reader never got the body.
        Assert.True((await ReadAsync(articles.Anonymous, slug)).GetProperty("locked").GetBoolean());
    }

    [Fact]
    public async Task A_subscription_whose_period_has_ended_gives_no_access()
    {
        var slug = await PremiumArticleAsync();
        var readerId = Guid.NewGuid();
        var reader = articles.Service.CreateClientAs(readerId.ToString(), "reader");
        var marker = await PremiumArticleAsync();

        await articles.Bus.PublishAsync(new SubscriptionActivated(Guid.NewGuid(), 1, readerId, "digital-monthly",
            DateTimeOffset.UtcNow.AddMinutes(-1), DateTimeOffset.UtcNow.AddDays(-30)));
        await Task.Delay(1000);

        Assert.True((await ReadAsync(reader, slug)).GetProperty("locked").GetBoolean());
        Assert.NotEqual(slug, marker);
    }

    [Fact]
    public async Task A_premium_page_is_never_stored_by_shared_caches()
    {
        var slug = await PremiumArticleAsync();
        var response = await articles.Anonymous.GetAsync($"/api/articles/{slug}");

        Assert.Contains("private", response.Headers.CacheControl?.ToString());
        Assert.Contains("Authorization", response.Headers.Vary);
    }
}
