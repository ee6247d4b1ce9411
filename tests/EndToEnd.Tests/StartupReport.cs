using System.Collections.Concurrent;
using System.Text;
using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Microsoft.Extensions.DependencyInjection;

namespace NewsPlatform.EndToEnd.Tests;

/// <summary>
/// What each resource of the AppHost was doing while the platform started: its last state and
/// its last log lines. A fixture that gives up waiting throws this report, so a run that could
/// not start the platform says which part was stuck and why, instead of only "a task was canceled".
/// </summary>
internal sealed class StartupReport : IAsyncDisposable
{
    private const int LinesKept = 25;

    private readonly ConcurrentDictionary<string, ResourceEvent> _states = new();
    private readonly ConcurrentDictionary<string, ConcurrentQueue<string>> _logs = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _watching;

    private StartupReport(DistributedApplication app) => _watching = WatchAsync(app);

    /// <summary>Starts watching an app that has been built and not yet started.</summary>
    public static StartupReport Watch(DistributedApplication app) => new(app);

    private async Task WatchAsync(DistributedApplication app)
    {
        var notifications = app.Services.GetRequiredService<ResourceNotificationService>();
        var logs = app.Services.GetRequiredService<ResourceLoggerService>();
        var lineWatchers = new List<Task>();
        try
        {
            await foreach (var change in notifications.WatchAsync(_stop.Token))
            {
                _states[change.ResourceId] = change;
                if (_logs.TryAdd(change.ResourceId, new ConcurrentQueue<string>()))
                    lineWatchers.Add(KeepLastLinesAsync(logs, change.ResourceId));
            }
        }
        catch (OperationCanceledException) { }
        await Task.WhenAll(lineWatchers);
    }

    private async Task KeepLastLinesAsync(ResourceLoggerService logs, string resourceId)
    {
        var kept = _logs[resourceId];
        try
        {
            await foreach (var batch in logs.WatchAsync(resourceId).WithCancellation(_stop.Token))
                foreach (var line in batch)
                {
                    kept.Enqueue(line.IsErrorMessage ? $"! {line.Content}" : line.Content);
                    while (kept.Count > LinesKept) kept.TryDequeue(out _);
                }
        }
        catch (OperationCanceledException) { }
    }

    /// <summary>Every resource's last state, and the log tail of those not running and healthy.</summary>
    public string Describe()
    {
        var text = new StringBuilder();
        foreach (var (id, change) in _states.OrderBy(s => s.Key, StringComparer.Ordinal))
        {
            var snapshot = change.Snapshot;
            var state = snapshot.State?.Text ?? "unknown";
            var health = snapshot.HealthStatus?.ToString() ?? "no health report";
            text.Append($"{id}: {state}, {health}");
            if (snapshot.ExitCode is { } exit) text.Append($", exit code {exit}");
            text.AppendLine();

            var fine = state == KnownResourceStates.Running && snapshot.HealthStatus is null or Microsoft.Extensions.Diagnostics.HealthChecks.HealthStatus.Healthy;
            if (fine || state == KnownResourceStates.Finished) continue;
            if (_logs.TryGetValue(id, out var lines))
                foreach (var line in lines) text.AppendLine($"    {line}");
        }
        return text.ToString();
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _watching;
        _stop.Dispose();
    }
}

/// <summary>The platform did not start in time; the message is the <see cref="StartupReport"/>.</summary>
public sealed class PlatformDidNotStartException(TimeSpan waited, string report, Exception inner)
    : Exception($"The platform was not up within {waited.TotalMinutes:0.#} min. Resources at that moment:{Environment.NewLine}{report}", inner);
