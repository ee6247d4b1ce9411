using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using NewsPlatform.TestSupport;

namespace NewsPlatform.Articles.Tests.Newsroom;

/// <summary>Scheduled publishing with a clock the test controls, across a restart of the service.</summary>
public sealed class ScheduledPublishingTests : IAsyncLifetime
{
    private static readonly DateTimeOffset Start = new(2026, 12, 1, 0, 0, 0, TimeSpan.Zero);
    private readonly IsolatedDatabase _database = IsolatedDatabase.Named("articles_schedule");
    private IsolatedVirtualHost _virtualHost = null!;

    public async Task InitializeAsync() => _virtualHost = await IsolatedVirtualHost.CreateAsync("articles_schedule");

    public async Task DisposeAsync()
    {
        await _virtualHost.DisposeAsync();
        await _database.DisposeAsync();
    }

    private ServiceUnderTest<ArticlesService> Service(FakeTimeProvider clock) => new(
        new Dictionary<string, string?>
        {
            ["ConnectionStrings:articlesdb"] = _database.ConnectionString,
            ["ConnectionStrings:messaging"] = _virtualHost.AmqpUri,
            ["Newsroom:ScheduleCheckInterval"] = "00:00:05",
        },
        services => services.AddSingleton<TimeProvider>(clock));

    private static async Task<string> StatusAsync(HttpClient editor, Guid id) =>
        (await editor.GetFromJsonAsync<JsonElement>($"/api/newsroom/articles/{id}")).GetProperty("status").GetString()!;

    [Fact]
    public async Task A_scheduled_article_is_published_when_its_time_comes_and_not_before()
    {
        var clock = new FakeTimeProvider(Start);
        await using var service = Service(clock);
        var editor = service.CreateClientAs("editor-1", "editor");
        var desk = new NewsroomDesk(editor);

        var draft = await desk.DraftAsync(NewsroomDesk.Copy("Election results due at nine"));
        var scheduled = await desk.PublishAsync(draft, new { publishAt = Start.AddHours(1) });
        Assert.Equal("scheduled", scheduled.GetProperty("status").GetString());

        clock.Advance(TimeSpan.FromMinutes(59));
        await Task.Delay(1000);
        Assert.Equal("scheduled", await StatusAsync(editor, NewsroomDesk.Id(draft)));

        clock.Advance(TimeSpan.FromMinutes(1));
        var published = await Eventually.Until(() => editor.GetFromJsonAsync<JsonElement>($"/api/newsroom/articles/{NewsroomDesk.Id(draft)}"),
            a => a.GetProperty("status").GetString() == "published", TimeSpan.FromSeconds(15), "published by the schedule");
        Assert.Equal(Start.AddHours(1), published.GetProperty("publishedAt").GetDateTimeOffset());
        Assert.Equal("election-results-due-at-nine", NewsroomDesk.Slug(published));
    }

    [Fact]
    public async Task A_schedule_that_fell_due_while_the_service_was_down_is_published_at_start_up()
    {
        var clock = new FakeTimeProvider(Start);
        Guid id;
        await using (var before = Service(clock))
        {
            var desk = new NewsroomDesk(before.CreateClientAs("editor-1", "editor"));
            var draft = await desk.DraftAsync(NewsroomDesk.Copy("Overnight market wrap"));
            await desk.PublishAsync(draft, new { publishAt = Start.AddHours(2) });
            id = NewsroomDesk.Id(draft);
        }

        // Down for three hours: when the service comes back, the schedule is past due.
        var later = new FakeTimeProvider(Start.AddHours(3));
        await using var after = Service(later);
        var editor = after.CreateClientAs("editor-1", "editor");

        await Eventually.Until(() => StatusAsync(editor, id), status => status == "published",
            TimeSpan.FromSeconds(15), "published at start-up");
    }

    [Fact]
    public async Task A_cancelled_schedule_is_not_published()
    {
        var clock = new FakeTimeProvider(Start);
        await using var service = Service(clock);
        var editor = service.CreateClientAs("editor-1", "editor");
        var desk = new NewsroomDesk(editor);

        var draft = await desk.DraftAsync(NewsroomDesk.Copy("Story held back"));
        var scheduled = await desk.PublishAsync(draft, new { publishAt = Start.AddMinutes(30) });
        var cancelled = await desk.OkAsync(desk.SendAsync(HttpMethod.Delete,
            $"/api/newsroom/articles/{NewsroomDesk.Id(draft)}/schedule", NewsroomDesk.Version(scheduled)));
        Assert.Equal("draft", cancelled.GetProperty("status").GetString());

        clock.Advance(TimeSpan.FromHours(1));
        await Task.Delay(1000);
        Assert.Equal("draft", await StatusAsync(editor, NewsroomDesk.Id(draft)));
    }
}
