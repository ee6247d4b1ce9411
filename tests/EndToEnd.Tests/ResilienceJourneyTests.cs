using System.Net;
using Aspire.Hosting.ApplicationModel;
using NewsPlatform.TestSupport;

namespace NewsPlatform.EndToEnd.Tests;

/// <summary>
/// Journey 5: with the Search service down its routes answer 503 problem details while the other
/// services keep serving; started again by the operator, it serves through the same gateway without a restart.
/// Authenticated calls bypass the gateway's cache, so each answer is fresh.
/// </summary>
[Collection(PlatformCollection.Name)]
public sealed class ResilienceJourneyTests(PlatformFixture platform)
{
    [Fact]
    public async Task A_stopped_service_answers_503_while_others_work_and_serves_again_after_it_restarts()
    {
        var editor = await platform.EditorTokenAsync();
        Task<HttpResponseMessage> SearchAsync() => platform.SendAsync(HttpMethod.Get, $"/api/search?q=ferry{Guid.NewGuid():N}", editor);
        Assert.Equal(HttpStatusCode.OK, (await SearchAsync()).StatusCode);

        // The service goes down hard (its process tree killed, as a crash or a lost machine would):
        // the orchestrator's own stop command is unreliable for projects it runs through `dotnet run`.
        try
        {
            using (var finding = new CancellationTokenSource(TimeSpan.FromSeconds(30)))
            {
                var running = await platform.App.ResourceNotifications.WaitForResourceAsync("search",
                    e => e.Snapshot.Properties.Any(p => p.Name == "executable.pid" && p.Value is not null), finding.Token);
                var pid = Convert.ToInt32(running.Snapshot.Properties.First(p => p.Name == "executable.pid").Value);
                System.Diagnostics.Process.GetProcessById(pid).Kill(entireProcessTree: true);
            }
            using (var stopping = new CancellationTokenSource(TimeSpan.FromSeconds(60)))
                await platform.App.ResourceNotifications.WaitForResourceAsync("search", KnownResourceStates.TerminalStates, stopping.Token);

            var down = await Eventually.Until(SearchAsync, r => r.StatusCode == HttpStatusCode.ServiceUnavailable,
                TimeSpan.FromSeconds(60), "503 from the stopped service's route");
            Assert.Equal("application/problem+json", down.Content.Headers.ContentType?.MediaType);

            Assert.Equal(HttpStatusCode.OK, (await platform.SendAsync(HttpMethod.Get, "/api/newsroom/articles", editor)).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await platform.Gateway.GetAsync("/api/plans")).StatusCode);

            // The gateway stays in rotation — its readiness is its own — and its report names the service that is down.
            var health = await Eventually.Until(() => platform.Gateway.GetAsync("/health"),
                r => r.IsSuccessStatusCode && r.Content.ReadAsStringAsync().Result.Contains("\"search-service\":{\"status\":\"Unhealthy\""),
                TimeSpan.FromSeconds(20), "the gateway's report showing search down");
            Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        }
        finally
        {
            // Started again by the operator; the other journeys need it back whatever happened above.
            await Eventually.Until(() => platform.App.ResourceCommands.ExecuteCommandAsync("search", KnownResourceCommands.StartCommand),
                started => started.Success, TimeSpan.FromSeconds(60), "search started again");
            using var starting = new CancellationTokenSource(TimeSpan.FromSeconds(120));
            await platform.App.ResourceNotifications.WaitForResourceHealthyAsync("search", starting.Token);
        }

        await Eventually.Until(SearchAsync, r => r.StatusCode == HttpStatusCode.OK, TimeSpan.FromSeconds(60), "search serving again, same gateway");
    }
}
