using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using NewsPlatform.TestSupport;
using Xunit.Abstractions;

namespace NewsPlatform.EndToEnd.Tests;

/// <summary>Everything through the gateway, the platform's only front door.</summary>
[Collection(PlatformCollection.Name)]
public sealed class PublishToSearchJourneyTests(PlatformFixture platform, ITestOutputHelper output)
{
    private readonly HttpClient _gateway = platform.Gateway;

    [Fact]
    public async Task An_article_published_through_the_gateway_is_found_by_search_within_10_seconds()
    {
        var editorToken = await platform.EditorTokenAsync();
        var word = $"kimchi{Guid.NewGuid():N}"[..14];
        var draft = new HttpRequestMessage(HttpMethod.Post, "/api/newsroom/articles");
        draft.Headers.Authorization = new("Bearer", editorToken);
        draft.Content = JsonContent.Create(new
        {
            headline = $"Winter {word} season opens in Gwangju",
            summary = "Households gather for gimjang.",
            body = $"<p>Families across the city began the {word} making season this weekend.</p>",
            section = "lifestyle",
            subsection = "travel-food",
            byline = "Park Ji-won",
            tags = new[] { "food", "gimjang" },
        });
        var drafted = await _gateway.SendAsync(draft);
        Assert.Equal(HttpStatusCode.Created, drafted.StatusCode);
        var id = (await drafted.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();

        var publish = new HttpRequestMessage(HttpMethod.Post, $"/api/newsroom/articles/{id}/publish");
        publish.Headers.TryAddWithoutValidation("If-Match", drafted.Headers.ETag!.Tag);
        publish.Headers.Authorization = new("Bearer", editorToken);
        var published = await _gateway.SendAsync(publish);
        Assert.Equal(HttpStatusCode.OK, published.StatusCode);
        var clock = Stopwatch.StartNew();

        // Asked with the editor's token: signed-in requests skip the gateway's output cache, so this
        // measures indexing, not the cache (an anonymous "no hits" answer is kept for a few seconds).
        var results = await Eventually.Until(
            async () =>
            {
                using var search = new HttpRequestMessage(HttpMethod.Get, $"/api/search?q={word}");
                search.Headers.Authorization = new("Bearer", editorToken);
                return await (await _gateway.SendAsync(search)).Content.ReadFromJsonAsync<JsonElement>();
            },
            r => r.GetProperty("total").GetInt64() > 0,
            TimeSpan.FromSeconds(10), "the published article in search");

        var hit = Assert.Single(results.GetProperty("items").EnumerateArray());
        Assert.Equal(id, hit.GetProperty("id").GetGuid());
        Assert.Equal($"winter-{word}-season-opens-in-gwangju", hit.GetProperty("slug").GetString());
        // Shown with `--logger "console;verbosity=detailed"`, for the figures in the README.
        output.WriteLine($"publish → searchable through the gateway: {clock.ElapsedMilliseconds} ms");
    }

    [Theory]
    [InlineData("/api/sections")]      // Articles
    [InlineData("/api/plans")]         // Subscriptions
    [InlineData("/api/search?q=seoul")] // Search
    public async Task The_gateway_routes_to_each_service(string path)
    {
        var response = await _gateway.GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task The_gateways_health_report_shows_each_service_it_routes_to()
    {
        var report = await _gateway.GetFromJsonAsync<JsonElement>("/health");

        Assert.Equal("Healthy", report.GetProperty("status").GetString());
        var downstream = report.GetProperty("downstream");
        foreach (var service in new[] { "articles", "subscriptions", "search" })
        {
            Assert.Equal("Healthy", downstream.GetProperty($"{service}-service").GetProperty("status").GetString());
        }
    }
}
