using System.Net.Http.Headers;

namespace NewsPlatform.Web.Platform;

/// <summary>
/// The Articles service's newsroom API (<c>http://articles/api/newsroom</c>), called with the editor's own token:
/// the service decides what an editor may do; the desk only shows it. Every change names the version it is based
/// on, so a save over a colleague's newer version comes back as a 412 problem instead of replacing it.
/// </summary>
public sealed class NewsroomApi(HttpClient http) : ServiceClient(http, "articles")
{
    private const string Articles = "/api/newsroom/articles";

    public Task<ApiAnswer<Paged<NewsroomListItem>>> ListAsync(
        string token, string? status, string? section, string? q, bool mine, int page, CancellationToken cancellationToken) =>
        GetAsync<Paged<NewsroomListItem>>($"{Articles}?{Query.Of(("status", status), ("section", section), ("q", q),
            ("mine", mine ? "true" : null), ("page", page.ToString()), ("pageSize", "20"))}", token, cancellationToken);

    public Task<ApiAnswer<NewsroomArticle>> ArticleAsync(string token, Guid id, CancellationToken cancellationToken) =>
        GetAsync<NewsroomArticle>($"{Articles}/{id}", token, cancellationToken);

    public Task<ApiAnswer<NewsroomArticle>> VersionAsync(string token, Guid id, long version, CancellationToken cancellationToken) =>
        GetAsync<NewsroomArticle>($"{Articles}/{id}/versions/{version}", token, cancellationToken);

    public Task<ApiAnswer<IReadOnlyList<HistoryEntry>>> HistoryAsync(string token, Guid id, CancellationToken cancellationToken) =>
        GetAsync<IReadOnlyList<HistoryEntry>>($"{Articles}/{id}/history", token, cancellationToken);

    /// <summary>The article page a reader would get, before it is published: as="anonymous" or "subscriber".</summary>
    public Task<ApiAnswer<ArticleDetail>> PreviewAsync(string token, Guid id, string asReader, CancellationToken cancellationToken) =>
        GetAsync<ArticleDetail>($"{Articles}/{id}/preview?as={Uri.EscapeDataString(asReader)}", token, cancellationToken);

    public Task<ApiAnswer<NewsroomArticle>> DraftAsync(string token, ArticleCopy copy, CancellationToken cancellationToken) =>
        SendAsync<NewsroomArticle>(HttpMethod.Post, Articles, copy, token, cancellationToken);

    /// <summary>Saves the copy: a revision before publication, a correction (with its note) once live.</summary>
    public Task<ApiAnswer<NewsroomArticle>> ReviseAsync(string token, Guid id, long version, ArticleCopy copy, CancellationToken cancellationToken) =>
        SendAsync<NewsroomArticle>(HttpMethod.Put, $"{Articles}/{id}", copy, token, cancellationToken, version);

    /// <summary>Publishes now, or at <paramref name="at"/> (a schedule).</summary>
    public Task<ApiAnswer<NewsroomArticle>> PublishAsync(string token, Guid id, long version, DateTimeOffset? at, CancellationToken cancellationToken) =>
        SendAsync<NewsroomArticle>(HttpMethod.Post, $"{Articles}/{id}/publish", new { publishAt = at }, token, cancellationToken, version);

    public Task<ApiAnswer<NewsroomArticle>> CancelScheduleAsync(string token, Guid id, long version, CancellationToken cancellationToken) =>
        SendAsync<NewsroomArticle>(HttpMethod.Delete, $"{Articles}/{id}/schedule", null, token, cancellationToken, version);

    public Task<ApiAnswer<NewsroomArticle>> UnpublishAsync(string token, Guid id, long version, string reason, CancellationToken cancellationToken) =>
        SendAsync<NewsroomArticle>(HttpMethod.Post, $"{Articles}/{id}/unpublish", new { reason }, token, cancellationToken, version);

    /// <summary>Brings an earlier version back as a new revision (or a correction, with its note, once live).</summary>
    public Task<ApiAnswer<NewsroomArticle>> RestoreAsync(
        string token, Guid id, long version, long restoreVersion, string? correctionNote, CancellationToken cancellationToken) =>
        SendAsync<NewsroomArticle>(HttpMethod.Post, $"{Articles}/{id}/restore",
            new { version = restoreVersion, correctionNote }, token, cancellationToken, version);

    /// <summary>Uploads a photo from the editor's disk as it came (the service reads its type from the bytes).</summary>
    public async Task<ApiAnswer<UploadedPhoto>> UploadPhotoAsync(string token, IFormFile file, CancellationToken cancellationToken)
    {
        await using var stream = file.OpenReadStream();
        using var content = new MultipartFormDataContent();
        var part = new StreamContent(stream);
        if (MediaTypeHeaderValue.TryParse(file.ContentType, out var type)) part.Headers.ContentType = type;
        content.Add(part, "file", Path.GetFileName(file.FileName));
        return await SendAsync<UploadedPhoto>(HttpMethod.Post, "/api/newsroom/photos", content, token, null, cancellationToken);
    }
}
