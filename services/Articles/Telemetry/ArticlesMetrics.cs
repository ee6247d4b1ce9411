using System.Diagnostics.Metrics;
using NewsPlatform.Articles.Domain;

namespace NewsPlatform.Articles.Telemetry;

/// <summary>
/// What editors and readers do, as the operations dashboard shows it (meter <c>NewsPlatform.Articles</c>).
/// Forwarding to the broker and daemon progress are measured by ServiceDefaults for every service.
/// </summary>
public sealed class ArticlesMetrics
{
    public const string MeterName = "NewsPlatform.Articles";
    public const string SectionTag = "newsplatform.section";

    private readonly Counter<long> _published;
    private readonly Counter<long> _corrected;
    private readonly Counter<long> _unpublished;
    private readonly Counter<long> _reads;
    private readonly Histogram<double> _commandDuration;

    public ArticlesMetrics(IMeterFactory meters)
    {
        var meter = meters.Create(MeterName);
        _published = meter.CreateCounter<long>("newsplatform.articles.published", "{article}", "Articles that went live (now or on schedule)");
        _corrected = meter.CreateCounter<long>("newsplatform.articles.corrected", "{article}", "Corrections of live articles");
        _unpublished = meter.CreateCounter<long>("newsplatform.articles.unpublished", "{article}", "Live articles taken down");
        _reads = meter.CreateCounter<long>("newsplatform.articles.reads", "{read}", "Article pages served to readers");
        _commandDuration = meter.CreateHistogram<double>("newsplatform.articles.newsroom.command.duration", "s",
            "Time to decide and append a newsroom command (draft, revise, publish, ...)",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5] });
    }

    /// <summary>Counts what the appended events did to the article's life on the site.</summary>
    public void Appended(IEnumerable<object> events, string section)
    {
        var tag = new KeyValuePair<string, object?>(SectionTag, section);
        foreach (var e in events)
        {
            switch (e)
            {
                case ArticlePublished: _published.Add(1, tag); break;
                case ArticleCorrected: _corrected.Add(1, tag); break;
                case ArticleUnpublished: _unpublished.Add(1, tag); break;
            }
        }
    }

    public void Read(string section) => _reads.Add(1, new KeyValuePair<string, object?>(SectionTag, section));

    /// <param name="outcome">"ok", or the kind of refusal (the exception's type).</param>
    public void Command(string command, TimeSpan duration, string outcome) => _commandDuration.Record(duration.TotalSeconds,
        new("newsplatform.command", command), new("newsplatform.outcome", outcome));
}
