using System.Net;
using System.Text;

namespace NewsPlatform.Articles.Tests;

/// <summary>A table of bad requests: each gets a 4xx problem-details answer, never a 5xx.</summary>
public sealed class BadInputTests(ArticlesServiceFixture articles) : IClassFixture<ArticlesServiceFixture>
{
    private static readonly string Huge = new('x', 300 * 1024);
    private static readonly string Oversized = "{\"headline\":\"Too big\",\"section\":\"national\",\"body\":\"" + new string('a', 2 * 1024 * 1024) + "\"}";

    public static TheoryData<string, string, string?, string?, int> Requests => new()
    {
        // method, url, JSON body, If-Match, expected status
        { "POST", "/api/newsroom/articles", "{ not json", null, 400 },
        { "POST", "/api/newsroom/articles", "\"just a string\"", null, 400 },
        { "POST", "/api/newsroom/articles", "{\"headline\": 12}", null, 400 },
        { "POST", "/api/newsroom/articles", "{\"headline\":\"x\",\"body\":\"<p>x</p>\",\"section\":\"gossip\"}", null, 400 },
        { "POST", "/api/newsroom/articles", "{\"headline\":\"x\",\"body\":\"<p>x</p>\",\"section\":\"sports\",\"subsection\":\"k-pop\"}", null, 400 },
        { "POST", "/api/newsroom/articles", "{\"headline\":\"x\",\"section\":\"sports\",\"body\":\"" + Huge + "\"}", null, 400 },
        { "POST", "/api/newsroom/articles", Oversized, null, 413 },
        { "POST", "/api/newsroom/articles", "{\"headline\":\"" + new string('h', 201) + "\",\"body\":\"<p>x</p>\",\"section\":\"sports\"}", null, 400 },
        { "POST", "/api/newsroom/articles", "{\"headline\":\"x\",\"body\":\"<p>x</p>\",\"section\":\"sports\",\"tags\":[null, 5]}", null, 400 },
        { "PUT", "/api/newsroom/articles/00000000-0000-0000-0000-000000000001", "{\"headline\":\"x\",\"body\":\"<p>x</p>\",\"section\":\"sports\"}", "\"1\"", 404 },
        { "PUT", "/api/newsroom/articles/not-a-guid", "{}", "\"1\"", 404 },
        { "POST", "/api/newsroom/articles/00000000-0000-0000-0000-000000000001/publish", null, "\"1\"", 404 },
        { "POST", "/api/newsroom/articles/00000000-0000-0000-0000-000000000001/publish", null, "\"banana\"", 400 },
        { "POST", "/api/newsroom/articles/00000000-0000-0000-0000-000000000001/publish", null, "*", 400 },
        { "POST", "/api/newsroom/articles/00000000-0000-0000-0000-000000000001/publish", null, null, 428 },
        { "POST", "/api/newsroom/articles/00000000-0000-0000-0000-000000000001/publish", "{\"publishAt\":\"tomorrow\"}", "\"1\"", 400 },
        { "GET", "/api/newsroom/articles?status=lost", null, null, 400 },
        { "GET", "/api/newsroom/articles?page=0", null, null, 400 },
        { "GET", "/api/newsroom/articles?pageSize=500", null, null, 400 },
        { "GET", "/api/newsroom/articles/00000000-0000-0000-0000-000000000001", null, null, 404 },
        { "GET", "/api/newsroom/articles/00000000-0000-0000-0000-000000000001/history", null, null, 404 },
        { "GET", "/api/articles?section=gossip", null, null, 400 },
        { "GET", "/api/articles?section=sports&subsection=k-pop", null, null, 400 },
        { "GET", "/api/articles?subsection=k-pop", null, null, 400 },
        { "GET", "/api/articles?pageSize=51", null, null, 400 },
        { "GET", "/api/articles?page=-1", null, null, 400 },
        { "GET", "/api/articles?page=abc", null, null, 400 },
        { "GET", "/api/articles/UPPER_case", null, null, 400 },
        { "GET", "/api/articles/no-such-article", null, null, 404 },
        { "GET", "/api/articles/no-such-article/related", null, null, 404 },
        { "GET", "/api/articles/most-read?window=1y", null, null, 400 },
        { "GET", "/api/articles/most-read?section=gossip", null, null, 400 },
        { "GET", "/rss/gossip", null, null, 404 },
        { "DELETE", "/api/sections", null, null, 405 },
        { "GET", "/api/nowhere", null, null, 404 },
    };

    [Theory]
    [MemberData(nameof(Requests))]
    public async Task Bad_input_gets_a_4xx_problem_never_a_5xx(string method, string url, string? json, string? ifMatch, int expected)
    {
        var request = new HttpRequestMessage(new HttpMethod(method), url);
        if (json is not null) request.Content = new StringContent(json, Encoding.UTF8, "application/json");
        if (ifMatch is not null) request.Headers.TryAddWithoutValidation("If-Match", ifMatch);

        var response = await articles.Client.SendAsync(request);

        Assert.Equal(expected, (int)response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }
}
