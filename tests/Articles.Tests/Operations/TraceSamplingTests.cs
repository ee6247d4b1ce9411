using System.Diagnostics;
using System.Net;
using Microsoft.Extensions.Hosting;
using NewsPlatform.TestSupport;
using OpenTelemetry.Trace;

namespace NewsPlatform.Articles.Tests.Operations;

/// <summary>
/// What reaches the dashboard's trace list: the traces of requests and messages, each with its database
/// queries, and not a trace per poll, probe or progress sample.
/// </summary>
public sealed class TraceSamplingTests(TightDaemonLimitsFixture articles) : IClassFixture<TightDaemonLimitsFixture>
{
    [Fact]
    public async Task Routine_database_work_starts_no_trace_while_a_request_keeps_its_queries()
    {
        // The progress sampler queries the database every 200 ms here, and /health does too; neither has
        // a request or message around it.
        var before = articles.Spans.Count;
        await Eventually.Until(async () => (await articles.Anonymous.GetAsync("/health")).StatusCode, s => s == HttpStatusCode.OK,
            TimeSpan.FromSeconds(30), "health answered");
        await Task.Delay(TimeSpan.FromSeconds(1));

        var path = $"/api/articles/no-such-story-{Guid.NewGuid():N}";
        Assert.Equal(HttpStatusCode.NotFound, (await articles.Anonymous.GetAsync(path)).StatusCode);

        var spans = await Eventually.Until(() => Task.FromResult(articles.Spans.ToArray()),
            all => all.Any(s => s.Kind == ActivityKind.Server && Equals(s.GetTagItem("url.path"), path)),
            TimeSpan.FromSeconds(10), "the request's span");
        var request = spans.Single(s => s.Kind == ActivityKind.Server && Equals(s.GetTagItem("url.path"), path));
        // Marten opens a "marten.connection" span around the session's queries.
        Assert.Contains(spans, s => s.Source.Name == "Npgsql" && s.TraceId == request.TraceId);
        var roots = spans.Skip(before).Where(s => s.ParentSpanId == default).ToList();
        Assert.DoesNotContain(roots, s => s.Kind == ActivityKind.Client);
        Assert.DoesNotContain(roots, s => s.DisplayName == "marten.connection");
    }

    [Theory]
    [InlineData(ActivityKind.Client, "articlesdb", SamplingDecision.Drop)]
    [InlineData(ActivityKind.Internal, "marten.daemon.highwatermark", SamplingDecision.Drop)]
    [InlineData(ActivityKind.Internal, "marten.connection", SamplingDecision.Drop)]
    [InlineData(ActivityKind.Internal, "Microsoft.AspNetCore.Components.RouteChange", SamplingDecision.Drop)] // the site's page: a second root beside its request
    [InlineData(ActivityKind.Internal, "Microsoft.AspNetCore.Components.HandleEvent", SamplingDecision.Drop)]
    [InlineData(ActivityKind.Server, "GET /api/articles/{slug}", SamplingDecision.RecordAndSample)]
    [InlineData(ActivityKind.Consumer, "articles-events receive", SamplingDecision.RecordAndSample)]
    [InlineData(ActivityKind.Producer, "forward ArticlePublished", SamplingDecision.RecordAndSample)]
    public void A_root_span_starts_a_trace_unless_it_is_routine_work(ActivityKind kind, string name, SamplingDecision expected)
    {
        var root = new SamplingParameters(default, ActivityTraceId.CreateRandom(), name, kind);

        Assert.Equal(expected, RoutineWorkSampler.ForPlatform().ShouldSample(root).Decision);
    }

    [Fact]
    public void A_query_inside_a_sampled_request_is_kept()
    {
        var request = new ActivityContext(ActivityTraceId.CreateRandom(), ActivitySpanId.CreateRandom(), ActivityTraceFlags.Recorded);
        var query = new SamplingParameters(request, request.TraceId, "articlesdb", ActivityKind.Client);

        Assert.Equal(SamplingDecision.RecordAndSample, RoutineWorkSampler.ForPlatform().ShouldSample(query).Decision);
    }
}
