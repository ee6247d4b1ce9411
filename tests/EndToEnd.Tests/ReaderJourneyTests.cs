using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using NewsPlatform.TestSupport;

namespace NewsPlatform.EndToEnd.Tests;

/// <summary>A reader's journey through the gateway: register, log in, meet the paywall, subscribe, read.</summary>
[Collection(PlatformCollection.Name)]
public sealed class ReaderJourneyTests(PlatformFixture platform)
{
    private readonly HttpClient _gateway = platform.Gateway;

    [Fact]
    public async Task A_reader_subscribes_and_the_premium_article_unlocks_without_logging_in_again()
    {
        // The newsroom publishes a premium article.
        var editor = await platform.EditorTokenAsync();
        var drafted = await SendAsync(HttpMethod.Post, "/api/newsroom/articles", editor, new
        {
            headline = $"Premium analysis: chip exports {Guid.NewGuid():N}"[..44],
            summary = "What the new quotas mean for memory makers.",
            body = "<p>Opening paragraph for everyone.</p><p>Subscriber-only analysis of the quota tables.</p>",
            section = "business",
            subsection = "tech",
            isPremium = true,
        });
        Assert.Equal(HttpStatusCode.Created, drafted.StatusCode);
        var publish = new HttpRequestMessage(HttpMethod.Post, $"{drafted.Headers.Location}/publish");
        publish.Headers.Authorization = new AuthenticationHeaderValue("Bearer", editor);
        publish.Headers.TryAddWithoutValidation("If-Match", drafted.Headers.ETag!.Tag);
        var published = await (await _gateway.SendAsync(publish)).Content.ReadFromJsonAsync<JsonElement>();
        var url = $"/api/articles/{published.GetProperty("slug").GetString()}";
        await Eventually.Until(() => _gateway.GetAsync(url), r => r.StatusCode == HttpStatusCode.OK,
            TimeSpan.FromSeconds(15), "the premium article on the site");

        var (_, token) = await platform.NewReaderAsync();

        Assert.True((await ReadAsync(url, token)).GetProperty("locked").GetBoolean());

        var declined = await SendAsync(HttpMethod.Post, "/api/subscriptions", token, new { planCode = "digital-monthly", paymentToken = "tok_declined" });
        Assert.Equal(HttpStatusCode.PaymentRequired, declined.StatusCode);
        Assert.True((await ReadAsync(url, token)).GetProperty("locked").GetBoolean());

        var subscribed = await SendAsync(HttpMethod.Post, "/api/subscriptions", token, new { planCode = "digital-monthly", paymentToken = "tok_ok" });
        Assert.Equal(HttpStatusCode.Created, subscribed.StatusCode);

        // The subscription event travels Subscriptions → RabbitMQ → Articles; the same token now reads in full.
        var page = await Eventually.Until(() => ReadAsync(url, token), p => !p.GetProperty("locked").GetBoolean(),
            TimeSpan.FromSeconds(15), "the premium article unlocked");
        Assert.Contains("Subscriber-only analysis", page.GetProperty("body").GetString());
        // And an anonymous reader still gets the teaser.
        Assert.True((await _gateway.GetFromJsonAsync<JsonElement>(url)).GetProperty("locked").GetBoolean());

        // Cancelled: the paid period runs to its end, so the article stays open (expiry itself is
        // proven in the service tests with a controlled clock).
        var subscriptionId = (await subscribed.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        var cancelled = await SendAsync(HttpMethod.Post, $"/api/subscriptions/{subscriptionId}/cancel", token);
        Assert.Equal(HttpStatusCode.OK, cancelled.StatusCode);
        var mine = await (await SendAsync(HttpMethod.Get, "/api/subscriptions/me", token)).Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(mine[0].GetProperty("givesAccess").GetBoolean());
        await Task.Delay(TimeSpan.FromSeconds(2)); // time for a (wrong) cancellation event to reach Articles
        Assert.False((await ReadAsync(url, token)).GetProperty("locked").GetBoolean());
    }

    [Fact]
    public async Task A_reader_who_follows_a_section_gets_exactly_one_notification_for_an_article_published_there()
    {
        var (_, reader) = await platform.NewReaderAsync();
        Assert.True((await SendAsync(HttpMethod.Put, "/api/me/follows/sports", reader)).IsSuccessStatusCode);

        var editor = await platform.EditorTokenAsync();
        var drafted = await SendAsync(HttpMethod.Post, "/api/newsroom/articles", editor, new
        {
            headline = $"Marathon route changes {Guid.NewGuid():N}"[..40],
            summary = "The course now crosses the river twice.",
            body = "<p>Organisers moved the start line.</p>",
            section = "sports",
        });
        Assert.Equal(HttpStatusCode.Created, drafted.StatusCode);
        var id = (await drafted.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        var published = await platform.SendAsync(HttpMethod.Post, $"/api/newsroom/articles/{id}/publish", editor, new { }, drafted.Headers.ETag!.Tag);
        Assert.Equal(HttpStatusCode.OK, published.StatusCode);

        async Task<List<JsonElement>> NotificationsAboutItAsync() =>
            (await (await SendAsync(HttpMethod.Get, "/api/me/notifications", reader)).Content.ReadFromJsonAsync<JsonElement>())
            .GetProperty("items").EnumerateArray().Where(n => n.GetProperty("articleId").GetGuid() == id).ToList();

        await Eventually.Until(NotificationsAboutItAsync, n => n.Count > 0, TimeSpan.FromSeconds(20), "the notification");
        await Task.Delay(TimeSpan.FromSeconds(2)); // a duplicate delivery would have arrived by now
        Assert.Single(await NotificationsAboutItAsync());
    }

    private async Task<JsonElement> ReadAsync(string url, string token) =>
        await (await SendAsync(HttpMethod.Get, url, token)).Content.ReadFromJsonAsync<JsonElement>();

    private Task<HttpResponseMessage> SendAsync(HttpMethod method, string url, string token, object? body = null)
    {
        var request = new HttpRequestMessage(method, url);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        if (body is not null) request.Content = JsonContent.Create(body);
        return _gateway.SendAsync(request);
    }
}
