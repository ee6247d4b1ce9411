using System.Net;
using Aspire.Hosting.ApplicationModel;
using NewsPlatform.TestSupport;

namespace NewsPlatform.EndToEnd.Tests;

/// <summary>
/// Journey 5: with the Search service stopped its routes answer 503 problem details while the other
/// services keep serving; started again, it serves through the same gateway without a restart.
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

        var stopped = await platform.App.ResourceCommands.ExecuteCommandAsync("search", KnownResourceCommands.StopCommand);
        Assert.True(stopped.Success, stopped.ErrorMessage);
        try
        {
            var down = await Eventually.Until(SearchAsync, r => r.StatusCode == HttpStatusCode.ServiceUnavailable,
                TimeSpan.FromSeconds(30), "503 from the stopped service's route");
            Assert.Equal("application/problem+json", down.Content.Headers.ContentType?.MediaType);

            Assert.Equal(HttpStatusCode.OK, (await platform.SendAsync(HttpMethod.Get, "/api/newsroom/articles", editor)).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await platform.Gateway.GetAsync("/api/plans")).StatusCode);
        }
        finally
        {
            var started = await platform.App.ResourceCommands.ExecuteCommandAsync("search", KnownResourceCommands.StartCommand);
            Assert.True(started.Success, started.ErrorMessage);
        }

        await Eventually.Until(SearchAsync, r => r.StatusCode == HttpStatusCode.OK, TimeSpan.FromSeconds(90), "search serving again");
    }
}
