using System.Net;
using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using NewsPlatform.TestSupport;

namespace NewsPlatform.Articles.Tests.Faults;

/// <summary>The Articles service on a PostgreSQL server of the test's own, restarted under load.</summary>
public sealed class DatabaseRestartTests
{
    [Fact(Timeout = 3 * 60_000)] // bounded: a fault test that hangs fails instead
    public async Task While_PostgreSQL_restarts_under_load_every_failed_answer_is_a_503_problem_and_the_service_recovers_by_itself()
    {
        await using var postgres = await ThrowawayPostgres.StartNewAsync();
        await using var virtualHost = await IsolatedVirtualHost.CreateAsync("articles_restart");
        await using var service = new ServiceUnderTest<ArticlesService>(new Dictionary<string, string?>
        {
            ["ConnectionStrings:articlesdb"] = postgres.ConnectionString("articles"),
            ["ConnectionStrings:messaging"] = virtualHost.AmqpUri,
        });
        var editor = service.CreateClientAs("editor-1", "editor");
        await service.StartAsync();
        var desk = new NewsroomDesk(editor);
        var published = await desk.PublishAsync(await desk.DraftAsync(NewsroomDesk.Copy("Harbour cranes before the restart")), new { });
        var slug = NewsroomDesk.Slug(published);
        var reader = service.CreateClient();

        // Reads and new drafts, continuously, from before the stop to after the start.
        var load = SteadyLoad.Start(TimeSpan.FromMilliseconds(20),
            _ => reader.GetAsync($"/api/articles/{slug}"),
            i => editor.PostAsJsonAsync("/api/newsroom/articles", NewsroomDesk.Copy($"Draft {i} during the restart")));

        await Task.Delay(TimeSpan.FromSeconds(2));
        await postgres.StopAsync();
        await Task.Delay(TimeSpan.FromSeconds(6));
        await postgres.StartAsync();

        // Back by itself: a read and a new draft succeed again, without restarting the service.
        await Eventually.Until(async () => (await reader.GetAsync($"/api/articles/{slug}")).StatusCode, s => s == HttpStatusCode.OK,
            TimeSpan.FromSeconds(30), "reads after the restart");
        await Eventually.Until(async () => (await editor.PostAsJsonAsync("/api/newsroom/articles", NewsroomDesk.Copy("Draft after the restart"))).StatusCode,
            s => s == HttpStatusCode.Created, TimeSpan.FromSeconds(30), "writes after the restart");
        await Task.Delay(TimeSpan.FromSeconds(1));
        var answers = await load.StopAsync();

        Assert.NotEmpty(load.Failures); // the outage was seen
        Assert.All(load.Failures, a =>
            Assert.Equal((HttpStatusCode.ServiceUnavailable, "application/problem+json", StorageUnavailableProblems.Type), (a.Status, a.MediaType, a.ProblemType)));
        Assert.Contains(answers, a => a.Status == HttpStatusCode.Created); // and writes were taken before and after it
        Assert.False(service.Services.GetRequiredService<IHostApplicationLifetime>().ApplicationStopping.IsCancellationRequested);
    }
}
