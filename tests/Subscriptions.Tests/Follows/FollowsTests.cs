using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using NewsPlatform.Contracts.Articles;
using NewsPlatform.TestSupport;

namespace NewsPlatform.Subscriptions.Tests.Follows;

/// <summary>Following sections, and the inbox filled from article events on the bus.</summary>
public sealed class FollowsTests(SubscriptionsServiceFixture identity) : IClassFixture<SubscriptionsServiceFixture>
{
    private async Task<HttpClient> ReaderAsync()
    {
        var client = identity.Service.CreateClient();
        var email = $"follower.{Guid.NewGuid():N}@example.org";
        const string password = "evening-edition-2026";
        await client.PostAsJsonAsync("/api/auth/register", new { email, password, displayName = "Follower" });
        var login = await (await client.PostAsJsonAsync("/api/auth/login", new { email, password })).Content.ReadFromJsonAsync<JsonElement>();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", login.GetProperty("accessToken").GetString());
        return client;
    }

    private static ArticlePublished Published(string section, string headline) => new(Guid.NewGuid(), 2,
        new ArticleContent($"slug-{Guid.NewGuid():N}", headline, null, "Body.", section, null, [], "Reporter", null, false),
        DateTimeOffset.UtcNow, null);

    private static async Task<List<JsonElement>> InboxAsync(HttpClient reader) =>
        (await reader.GetFromJsonAsync<JsonElement>("/api/me/notifications?pageSize=50")).GetProperty("items").EnumerateArray().ToList();

    [Fact]
    public async Task A_follower_gets_exactly_one_notification_per_article_even_when_the_event_comes_twice()
    {
        var reader = await ReaderAsync();
        var notFollowing = await ReaderAsync();
        Assert.Equal(HttpStatusCode.NoContent, (await reader.PutAsync("/api/me/follows/sports", null)).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await reader.PutAsync("/api/me/follows/sports", null)).StatusCode); // idempotent
        Assert.Equal(["sports"], (await reader.GetFromJsonAsync<string[]>("/api/me/follows"))!);

        var article = Published("sports", "Derby ends in a draw");
        await identity.Bus.PublishAsync(article);
        await identity.Bus.PublishAsync(article);
        await identity.Bus.PublishAsync(Published("finance", "Won gains against the dollar"));
        var marker = Published("sports", "Marker: marathon route announced");
        await identity.Bus.PublishAsync(marker);

        // Copies are consumed concurrently, so the marker may land before the article: wait for both,
        // then give the second copy of the article time to land too (it must change nothing).
        await Eventually.Until(() => InboxAsync(reader),
            items => items.Any(n => n.GetProperty("articleId").GetGuid() == marker.ArticleId)
                     && items.Any(n => n.GetProperty("articleId").GetGuid() == article.ArticleId),
            TimeSpan.FromSeconds(15), "the article's and the marker's notifications");
        await Task.Delay(TimeSpan.FromSeconds(1));
        var inbox = await InboxAsync(reader);
        Assert.Single(inbox, n => n.GetProperty("articleId").GetGuid() == article.ArticleId);
        Assert.DoesNotContain(inbox, n => n.GetProperty("section").GetString() == "finance");
        Assert.Equal("Marker: marathon route announced", inbox[0].GetProperty("headline").GetString()); // newest first
        Assert.Empty(await InboxAsync(notFollowing));
    }

    [Fact]
    public async Task An_unfollowed_section_sends_nothing_more_and_a_notification_can_be_marked_read_only_by_its_reader()
    {
        var reader = await ReaderAsync();
        var other = await ReaderAsync();
        await reader.PutAsync("/api/me/follows/world", null);
        var first = Published("world", "Summit opens in Singapore");
        await identity.Bus.PublishAsync(first);
        var inbox = await Eventually.Until(() => InboxAsync(reader), items => items.Count == 1, TimeSpan.FromSeconds(15), "one notification");
        var id = inbox[0].GetProperty("id").GetGuid();

        async Task<long> UnreadAsync() => (await reader.GetFromJsonAsync<JsonElement>("/api/me/notifications?pageSize=1")).GetProperty("unread").GetInt64();
        Assert.Equal(1, await UnreadAsync()); // the site's badge

        Assert.Equal(HttpStatusCode.NotFound, (await other.PostAsync($"/api/me/notifications/{id}/read", null)).StatusCode);
        Assert.Equal(1, await UnreadAsync());
        Assert.Equal(HttpStatusCode.NoContent, (await reader.PostAsync($"/api/me/notifications/{id}/read", null)).StatusCode);
        Assert.NotEqual(JsonValueKind.Null, (await InboxAsync(reader))[0].GetProperty("readAt").ValueKind);
        Assert.Equal(0, await UnreadAsync());

        Assert.Equal(HttpStatusCode.NoContent, (await reader.DeleteAsync("/api/me/follows/world")).StatusCode);
        await identity.Bus.PublishAsync(Published("world", "Second summit story"));
        await Task.Delay(1000);
        Assert.Single(await InboxAsync(reader));
    }

    [Theory]
    [InlineData("page=2147483647&pageSize=50")]
    [InlineData("page=201&pageSize=50")]
    public async Task An_inbox_page_past_its_window_is_a_400_not_an_overflow(string query)
    {
        var reader = await ReaderAsync();
        var response = await reader.GetAsync($"/api/me/notifications?{query}");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Follows_racing_each_other_on_one_account_answer_204_or_409_never_a_server_error()
    {
        var reader = await ReaderAsync();
        var sections = new[] { "national", "business", "finance", "opinion", "lifestyle", "sports", "world", "video" };
        var answers = await Task.WhenAll(sections.SelectMany(s => new[] { reader.PutAsync($"/api/me/follows/{s}", null), reader.DeleteAsync($"/api/me/follows/{s}") }));

        Assert.All(answers, a => Assert.True(a.StatusCode is HttpStatusCode.NoContent or HttpStatusCode.Conflict, $"{(int)a.StatusCode}"));
        var conflict = answers.FirstOrDefault(a => a.StatusCode == HttpStatusCode.Conflict);
        if (conflict is not null)
            Assert.Equal("https://newsplatform.dev/problems/concurrent-change", (await conflict.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("type").GetString());
    }

    [Fact]
    public async Task Following_needs_a_known_section_and_a_logged_in_reader()
    {
        var reader = await ReaderAsync();
        var unknown = await reader.PutAsync("/api/me/follows/gossip", null);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal("application/problem+json", unknown.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.Unauthorized, (await identity.Client.PutAsync("/api/me/follows/sports", null)).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await reader.GetAsync("/api/me/notifications?pageSize=500")).StatusCode);
    }
}
