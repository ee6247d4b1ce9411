using System.Globalization;
using Microsoft.Net.Http.Headers;

namespace NewsPlatform.Articles.Newsroom;

/// <summary>
/// Optimistic concurrency over HTTP: a stream's version travels as an <c>ETag</c>, and every write
/// names the version it was based on in <c>If-Match</c>.
/// </summary>
public static class ArticleVersions
{
    public static string ToETag(long version) => $"\"{version.ToString(CultureInfo.InvariantCulture)}\"";

    public static void SetETag(this HttpResponse response, long version) =>
        response.Headers.ETag = ToETag(version);

    /// <summary>The version named by <c>If-Match</c>; missing → 428, unreadable → 400.</summary>
    public static long ExpectedVersion(HttpRequest request)
    {
        var header = request.Headers.IfMatch.ToString();
        if (string.IsNullOrWhiteSpace(header)) throw new VersionPreconditionMissing();
        if (!EntityTagHeaderValue.TryParse(header, out var tag) ||
            !long.TryParse(tag.Tag.AsSpan().Trim('"'), NumberStyles.None, CultureInfo.InvariantCulture, out var version) ||
            version < 1)
        {
            throw new BadHttpRequestException("If-Match must name one article version as an ETag, e.g. \"3\".");
        }
        return version;
    }
}

/// <summary>A write came without <c>If-Match</c> (428 Precondition Required).</summary>
public sealed class VersionPreconditionMissing()
    : Exception("Send If-Match with the ETag of the version your change is based on.");
