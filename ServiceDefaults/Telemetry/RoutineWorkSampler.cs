using System.Diagnostics;
using OpenTelemetry.Trace;

namespace Microsoft.Extensions.Hosting;

/// <summary>
/// Decides which traces start (the platform's sampler is <c>ParentBased</c> on this, so it is only asked
/// about root spans; a span with a parent follows its parent). Routine work that nothing caused does not
/// start a trace: a client call with no parent — a database query or HTTP probe made by a poll, a progress
/// sample or a health check — a Marten session opened by background work (<c>marten.connection</c>: the
/// async daemon, the progress sampler, a feed), and the daemon's high-water-mark polling. Without this they arrive
/// several times a second from every service and bury the traces of requests and messages on the
/// dashboard. Work a request or a message caused keeps all its database and HTTP spans. Blazor's route and
/// form-event spans are roots by design (they only link to the request): for the site's server-rendered pages each
/// would be a second one-span trace beside the request's own, which already holds the page's service calls.
/// </summary>
public sealed class RoutineWorkSampler : Sampler
{
    public static Sampler ForPlatform() => new ParentBasedSampler(new RoutineWorkSampler());

    public override SamplingResult ShouldSample(in SamplingParameters parameters) =>
        new(parameters.Kind == ActivityKind.Client
            || parameters.Name == "marten.connection"
            || parameters.Name.StartsWith("marten.daemon.highwatermark", StringComparison.Ordinal)
            || parameters.Name.StartsWith("Microsoft.AspNetCore.Components.", StringComparison.Ordinal)
            ? SamplingDecision.Drop
            : SamplingDecision.RecordAndSample);
}
