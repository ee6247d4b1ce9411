using System.Collections.Concurrent;
using System.Diagnostics;

namespace NewsPlatform.Gateway.Tests;

/// <summary>
/// A request's trace crosses the gateway as one trace: the service's request is the child of the gateway's
/// own server span, whether the caller started the trace or the gateway did.
/// </summary>
public sealed class EdgeTracingTests(GatewayFixture gateway) : IClassFixture<GatewayFixture>, IDisposable
{
    private readonly ConcurrentQueue<Activity> _serverSpans = new();
    private ActivityListener? _listener;

    private void ListenToServerSpans()
    {
        _listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == "Microsoft.AspNetCore",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = _serverSpans.Enqueue,
        };
        ActivitySource.AddActivityListener(_listener);
    }

    public void Dispose() => _listener?.Dispose();

    private static (ActivityTraceId Trace, ActivitySpanId Parent) Parse(string traceparent)
    {
        var parts = traceparent.Split('-');
        return (ActivityTraceId.CreateFromString(parts[1]), ActivitySpanId.CreateFromString(parts[2]));
    }

    [Fact]
    public async Task The_service_sees_the_gateways_span_as_the_parent_in_the_callers_trace()
    {
        ListenToServerSpans();
        var caller = ActivityContext.Parse("00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01", null);
        var path = $"/api/articles/traced-{Guid.NewGuid():N}";
        var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Add("traceparent", "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01");
        (await gateway.Client.SendAsync(request)).EnsureSuccessStatusCode();

        var (trace, parent) = Parse(Assert.Single(gateway.Received, r => r.Path == path).Headers["traceparent"]);
        Assert.Equal(caller.TraceId, trace);
        var gatewaySpan = await GatewaySpanAsync(trace, caller.SpanId);
        Assert.Equal(gatewaySpan.SpanId, parent);
    }

    [Fact]
    public async Task A_request_that_comes_with_no_trace_starts_one_at_the_gateway_that_the_service_joins()
    {
        ListenToServerSpans();
        var path = $"/api/articles/untraced-{Guid.NewGuid():N}";
        (await gateway.Client.GetAsync(path)).EnsureSuccessStatusCode();

        var (trace, parent) = Parse(Assert.Single(gateway.Received, r => r.Path == path).Headers["traceparent"]);
        var gatewaySpan = await GatewaySpanAsync(trace, default);
        Assert.Equal(gatewaySpan.SpanId, parent);
    }

    /// <summary>The gateway's server span of a trace: the one whose parent is the caller's (none, for a trace it started).</summary>
    private async Task<Activity> GatewaySpanAsync(ActivityTraceId trace, ActivitySpanId callerSpan)
    {
        Activity? found = null;
        await NewsPlatform.TestSupport.Eventually.Until(
            () => Task.FromResult(found = _serverSpans.FirstOrDefault(s => s.TraceId == trace && s.ParentSpanId == callerSpan)),
            span => span is not null, TimeSpan.FromSeconds(5), "the gateway's server span, ended");
        return found!;
    }
}
