using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using NewsPlatform.TestSupport;
using Xunit.Abstractions;

namespace NewsPlatform.EndToEnd.Tests;

/// <summary>
/// The edge tells the truth at once: what the newsroom publishes is readable as soon as publishing answers, and a
/// takedown, a correction or a publication reaches every anonymous reader of the cached answers — the API's and
/// the site's pages — within moments, not when the cache would have expired. (The figures — p99 within 1 s — are
/// the purge benchmark's; the bounds here leave room for a busy test machine.)
/// </summary>
[Collection(PlatformCollection.Name)]
public sealed class EdgeFreshnessJourneyTests(PlatformFixture platform, ITestOutputHelper output)
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(3); // the cache keeps answers 10 s

    [Fact]
    public async Task What_publishing_answered_is_readable_by_its_slug_at_once_100_times_in_a_row()
    {
        var editor = await platform.EditorTokenAsync();
        var misses = new List<string>();
        for (var i = 0; i < 100; i++)
        {
            var drafted = await platform.SendAsync(HttpMethod.Post, "/api/newsroom/articles", editor,
                new { headline = $"Readable at once {i} {Guid.NewGuid():N}"[..36], body = "<p>Now.</p>", section = "world", subsection = "asia" });
            drafted.EnsureSuccessStatusCode();
            var id = (await drafted.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
            var published = await platform.SendAsync(HttpMethod.Post, $"/api/newsroom/articles/{id}/publish", editor, new { }, drafted.Headers.ETag!.Tag);
            published.EnsureSuccessStatusCode();
            var slug = (await published.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("slug").GetString()!;
            var read = await platform.Gateway.GetAsync($"/api/articles/{slug}");
            if (read.StatusCode != HttpStatusCode.OK) misses.Add($"{slug}: {(int)read.StatusCode}");
        }
        Assert.Empty(misses);
    }

    [Fact]
    public async Task A_takedown_reaches_anonymous_readers_of_the_cached_page_and_answer_at_once()
    {
        var slug = await platform.PublishAsync($"Takedown test {Guid.NewGuid():N}"[..30], "national", "law-crime");
        var id = await IdOfAsync(slug);
        await ReadTwiceAsync($"/api/articles/{slug}", $"/articles/{slug}", "/national/law-crime", "/api/articles?section=national");

        var clock = Stopwatch.StartNew();
        var editor = await platform.EditorTokenAsync();
        (await platform.SendAsync(HttpMethod.Post, $"/api/newsroom/articles/{id}/unpublish", editor, new { reason = "Legal" }, await VersionAsync(id))).EnsureSuccessStatusCode();

        await Eventually.Until(() => platform.Gateway.GetAsync($"/api/articles/{slug}"), r => r.StatusCode == HttpStatusCode.NotFound, Bound, "the API's 404");
        await Eventually.Until(() => platform.Gateway.GetAsync($"/articles/{slug}"), r => r.StatusCode == HttpStatusCode.NotFound, Bound, "the page's 404");
        await Eventually.Until(() => platform.Gateway.GetStringAsync("/national/law-crime"), html => !html.Contains(slug), Bound, "off the front");
        await Eventually.Until(() => platform.Gateway.GetStringAsync("/api/articles?section=national"), json => !json.Contains(slug), Bound, "off the API's front");
        output.WriteLine($"takedown everywhere after {clock.ElapsedMilliseconds} ms");
    }

    [Fact]
    public async Task A_correction_reaches_anonymous_readers_of_the_cached_page_and_answer_at_once()
    {
        var slug = await platform.PublishAsync($"Correction test {Guid.NewGuid():N}"[..32], "finance", "markets", body: "<p>The index rose 2 percent.</p>");
        var id = await IdOfAsync(slug);
        await ReadTwiceAsync($"/api/articles/{slug}", $"/articles/{slug}");

        var clock = Stopwatch.StartNew();
        var editor = await platform.EditorTokenAsync();
        var fixedText = $"rose {Guid.NewGuid():N}"[..16];
        (await platform.SendAsync(HttpMethod.Put, $"/api/newsroom/articles/{id}", editor,
            new { headline = $"Correction test {slug}"[..32], body = $"<p>The index {fixedText} percent.</p>", section = "finance", subsection = "markets", correctionNote = "The figure." },
            await VersionAsync(id))).EnsureSuccessStatusCode();

        await Eventually.Until(() => platform.Gateway.GetStringAsync($"/api/articles/{slug}"), json => json.Contains(fixedText), Bound, "the corrected answer");
        await Eventually.Until(() => platform.Gateway.GetStringAsync($"/articles/{slug}"), html => html.Contains(fixedText), Bound, "the corrected page");
        output.WriteLine($"correction everywhere after {clock.ElapsedMilliseconds} ms");
    }

    [Fact]
    public async Task A_publication_is_found_by_a_search_that_was_asked_and_cached_before()
    {
        var word = "tidalq" + Guid.NewGuid().ToString("N")[..8].Replace('0', 'x');
        foreach (var path in new[] { $"/api/search?q={word}", $"/search?q={word}" })
        {
            await platform.Gateway.GetAsync(path);
            await platform.Gateway.GetAsync(path); // asked twice: the empty answer is in the cache
        }

        var clock = Stopwatch.StartNew();
        await platform.PublishAsync($"Tidal power plan {word}", "business", "companies");
        await Eventually.Until(async () => (await platform.Gateway.GetFromJsonAsync<JsonElement>($"/api/search?q={word}")).GetProperty("total").GetInt64(),
            total => total == 1, Bound, "the API's search");
        await Eventually.Until(() => platform.Gateway.GetStringAsync($"/search?q={word}"), html => html.Contains("1 article found"), Bound, "the search page");
        output.WriteLine($"found by the cached searches after {clock.ElapsedMilliseconds} ms");
    }

    private async Task ReadTwiceAsync(params string[] paths)
    {
        foreach (var path in paths)
        {
            (await platform.Gateway.GetAsync(path)).EnsureSuccessStatusCode();
            (await platform.Gateway.GetAsync(path)).EnsureSuccessStatusCode();
        }
    }

    private async Task<Guid> IdOfAsync(string slug) =>
        (await platform.Gateway.GetFromJsonAsync<JsonElement>($"/api/articles/{slug}")).GetProperty("id").GetGuid();

    private async Task<string> VersionAsync(Guid id)
    {
        var response = await platform.SendAsync(HttpMethod.Get, $"/api/newsroom/articles/{id}", await platform.EditorTokenAsync());
        response.EnsureSuccessStatusCode();
        return response.Headers.ETag!.Tag;
    }
}
