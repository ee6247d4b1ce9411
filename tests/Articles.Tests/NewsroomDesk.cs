using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace NewsPlatform.Articles.Tests;

/// <summary>The newsroom API as an editor uses it, for tests that need articles in some state.</summary>
public sealed class NewsroomDesk(HttpClient editor)
{
    public static object Copy(string headline, string section = "national", string? subsection = "politics",
        string body = "<p>First paragraph.</p><p>Second &amp; last paragraph.</p>", bool premium = false, string[]? tags = null) => new
    {
        headline,
        summary = "What happened, in one line.",
        body,
        section,
        subsection,
        byline = "Lee Hae-in",
        tags = tags ?? ["assembly", "budget"],
        isPremium = premium,
    };

    public async Task<JsonElement> DraftAsync(object copy)
    {
        var response = await editor.PostAsJsonAsync("/api/newsroom/articles", copy);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    public Task<HttpResponseMessage> SendAsync(HttpMethod method, string url, long? version, object? body = null)
    {
        var request = new HttpRequestMessage(method, url);
        if (version is not null) request.Headers.TryAddWithoutValidation("If-Match", $"\"{version}\"");
        if (body is not null) request.Content = JsonContent.Create(body);
        return editor.SendAsync(request);
    }

    public async Task<JsonElement> OkAsync(Task<HttpResponseMessage> call)
    {
        var response = await call;
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    public Task<JsonElement> PublishAsync(JsonElement article, object? body = null) =>
        OkAsync(SendAsync(HttpMethod.Post, $"/api/newsroom/articles/{Id(article)}/publish", Version(article), body));

    public Task<JsonElement> ReviseAsync(JsonElement article, object copy) =>
        OkAsync(SendAsync(HttpMethod.Put, $"/api/newsroom/articles/{Id(article)}", Version(article), copy));

    public Task<JsonElement> UnpublishAsync(JsonElement article) =>
        OkAsync(SendAsync(HttpMethod.Post, $"/api/newsroom/articles/{Id(article)}/unpublish", Version(article)));

    public async Task<JsonElement> DraftAndPublishAsync(object copy) => await PublishAsync(await DraftAsync(copy));

    public static Guid Id(JsonElement article) => article.GetProperty("id").GetGuid();
    public static long Version(JsonElement article) => article.GetProperty("version").GetInt64();
    public static string Slug(JsonElement article) => article.GetProperty("slug").GetString()!;
}
