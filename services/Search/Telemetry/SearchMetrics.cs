using System.Diagnostics.Metrics;

namespace NewsPlatform.Search.Telemetry;

/// <summary>Indexing and querying as the operations dashboard shows them (meter <c>NewsPlatform.Search</c>).</summary>
public sealed class SearchMetrics
{
    public const string MeterName = "NewsPlatform.Search";
    private const string EventTypeTag = "messaging.message.type";

    private readonly Counter<long> _consumed;
    private readonly Counter<long> _dropped;
    private readonly Histogram<double> _indexLag;
    private readonly Histogram<double> _replicaLag;
    private readonly Histogram<double> _queryDuration;
    private readonly Counter<long> _zeroResults;

    public SearchMetrics(IMeterFactory meters)
    {
        var meter = meters.Create(MeterName);
        _consumed = meter.CreateCounter<long>("newsplatform.search.events.consumed", "{event}", "Article events received from the broker");
        _dropped = meter.CreateCounter<long>("newsplatform.search.events.dropped", "{event}",
            "Received article events that changed nothing: reason duplicate (the version indexed) or stale (older than it)");
        _indexLag = meter.CreateHistogram<double>("newsplatform.search.index.lag", "s",
            "From an article's publication or correction to its being searchable",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300] });
        _replicaLag = meter.CreateHistogram<double>("newsplatform.search.index.replica_lag", "s",
            "From a received event's storage to its being searchable in this replica's copy of the index",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 5] });
        _queryDuration = meter.CreateHistogram<double>("newsplatform.search.query.duration", "s", "Time to answer a search query",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5] });
        _zeroResults = meter.CreateCounter<long>("newsplatform.search.query.zero_results", "{query}", "Search queries that found nothing");
    }

    public void Consumed(string eventType) => _consumed.Add(1, new KeyValuePair<string, object?>(EventTypeTag, eventType));

    /// <param name="indexedVersion">The article version the index already held.</param>
    public void Dropped(string eventType, long version, long indexedVersion) => _dropped.Add(1,
        new(EventTypeTag, eventType), new("newsplatform.reason", version == indexedVersion ? "duplicate" : "stale"));

    /// <param name="changedAt">When the change was made in the newsroom (publication or correction).</param>
    public void Indexed(string eventType, DateTimeOffset changedAt, DateTimeOffset now) =>
        _indexLag.Record(Math.Max(0, (now - changedAt).TotalSeconds), new KeyValuePair<string, object?>(EventTypeTag, eventType));

    /// <summary>A stored event became searchable in this replica's copy, this long after it was stored.</summary>
    public void Visible(TimeSpan sinceStored) => _replicaLag.Record(Math.Max(0, sinceStored.TotalSeconds));

    /// <summary>One answered query (called by the query endpoint).</summary>
    public void RecordQuery(TimeSpan duration, long resultCount)
    {
        _queryDuration.Record(duration.TotalSeconds);
        if (resultCount == 0) _zeroResults.Add(1);
    }
}
