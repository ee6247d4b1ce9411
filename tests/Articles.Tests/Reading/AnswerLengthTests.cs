using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using NewsPlatform.TestSupport;

namespace NewsPlatform.Articles.Tests.Reading;

/// <summary>
/// On a real port, as the gateway meets them: the public reads come whole, with a <c>Content-Length</c>, not chunked
/// (<c>AnswersWithLength</c>), so the edge passes them on as they came.
/// </summary>
public sealed class AnswerLengthTests(ArticlesOnKestrelFixture articles) : IClassFixture<ArticlesOnKestrelFixture>
{
    [Fact]
    public async Task The_public_reads_answer_whole_with_their_length_and_problems_stay_problems()
    {
        var desk = new NewsroomDesk(articles.Client);
        var slug = NewsroomDesk.Slug(await desk.DraftAndPublishAsync(NewsroomDesk.Copy("Tram line opens to the harbour", section: "national", subsection: "society")));
        await Eventually.Until(() => articles.Anonymous.GetAsync($"/api/articles/{slug}"), r => r.StatusCode == HttpStatusCode.OK,
            TimeSpan.FromSeconds(15), "the public page");

        foreach (var url in new[] { $"/api/articles/{slug}", "/api/articles?section=national", "/api/sections", $"/api/articles/{slug}/related" })
        {
            using var answer = await articles.Anonymous.GetAsync(url);
            var body = await answer.Content.ReadAsByteArrayAsync();
            Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
            Assert.NotEqual(true, answer.Headers.TransferEncodingChunked);
            Assert.Equal(body.Length, answer.Content.Headers.ContentLength);
            Assert.Equal("application/json", answer.Content.Headers.ContentType?.MediaType);
            JsonDocument.Parse(body).Dispose(); // whole, well-formed JSON
        }
        Assert.Equal(slug, (await articles.Anonymous.GetFromJsonAsync<JsonElement>($"/api/articles/{slug}")).GetProperty("slug").GetString());

        using var head = await articles.Anonymous.SendAsync(new HttpRequestMessage(HttpMethod.Head, $"/api/articles/{slug}"));
        Assert.Equal(HttpStatusCode.OK, head.StatusCode);
        Assert.True(head.Content.Headers.ContentLength > 0);

        using var missing = await articles.Anonymous.GetAsync("/api/articles/no-such-story-anywhere");
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Equal("application/problem+json", missing.Content.Headers.ContentType?.MediaType);
    }
}
