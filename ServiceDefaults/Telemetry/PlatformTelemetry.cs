using System.Diagnostics;

namespace Microsoft.Extensions.Hosting;

/// <summary>
/// Names shared by every service's telemetry. Each service has one meter named
/// <c>NewsPlatform.&lt;Service&gt;</c>; ServiceDefaults exports every meter with that prefix.
/// </summary>
public static class PlatformTelemetry
{
    /// <summary>Exported by <see cref="ServiceDefaultsExtensions.ConfigureOpenTelemetry"/>: every platform meter.</summary>
    public const string MeterWildcard = "NewsPlatform.*";

    /// <summary>Span and log-scope key of the article a unit of work is about.</summary>
    public const string ArticleIdTag = "newsplatform.article.id";

    /// <summary>Span and log-scope key of the reader a unit of work is about.</summary>
    public const string ReaderIdTag = "newsplatform.reader.id";

    /// <summary>Tags the current span with the article (so a trace can be found by article id).</summary>
    public static void TagArticle(Guid articleId) => Activity.Current?.SetTag(ArticleIdTag, articleId.ToString());

    public static void TagReader(Guid readerId) => Activity.Current?.SetTag(ReaderIdTag, readerId.ToString());

    /// <summary>A log scope carrying the article id (structured logs and the dashboard's log filters).</summary>
    public static IDisposable? BeginArticleScope(this Logging.ILogger logger, Guid articleId) =>
        logger.BeginScope(new Dictionary<string, object> { [ArticleIdTag] = articleId });

    public static IDisposable? BeginReaderScope(this Logging.ILogger logger, Guid readerId) =>
        logger.BeginScope(new Dictionary<string, object> { [ReaderIdTag] = readerId });
}
