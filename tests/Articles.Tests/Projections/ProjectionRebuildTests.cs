using System.Text.Json;
using JasperFx.Events.Daemon;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using NewsPlatform.Articles.Projections;
using NewsPlatform.TestSupport;

namespace NewsPlatform.Articles.Tests.Projections;

/// <summary>The public pages are a projection of the events: rebuilt from them, they come out the same.</summary>
public sealed class ProjectionRebuildTests(ArticlesServiceFixture articles) : IClassFixture<ArticlesServiceFixture>
{
    [Fact]
    public async Task Rebuilding_the_public_pages_from_the_events_yields_the_same_read_model()
    {
        var desk = new NewsroomDesk(articles.Client);
        var live = await desk.DraftAndPublishAsync(NewsroomDesk.Copy("Rebuild: live article"));
        var corrected = await desk.ReviseAsync(await desk.DraftAndPublishAsync(NewsroomDesk.Copy("Rebuild: to be corrected")),
            NewsroomDesk.Copy("Rebuild: corrected article"));
        var takenDown = await desk.UnpublishAsync(await desk.DraftAndPublishAsync(NewsroomDesk.Copy("Rebuild: taken down")));
        var draft = await desk.DraftAsync(NewsroomDesk.Copy("Rebuild: draft only"));

        var store = articles.Service.Services.GetRequiredService<IDocumentStore>();
        // Wait until the async projection has caught up with every article written above (the draft included).
        var expectedVersions = new[] { live, corrected, takenDown, draft }.ToDictionary(NewsroomDesk.Id, NewsroomDesk.Version);
        var before = await Eventually.Until(() => SnapshotAsync(store),
            pages => expectedVersions.All(e => pages.TryGetValue(e.Key, out var page) && page.Article.Version == e.Value),
            TimeSpan.FromSeconds(15), "the async projection caught up");

        var coordinator = articles.Service.Services.GetRequiredService<IProjectionCoordinator>();
        await coordinator.DaemonForMainDatabase().RebuildProjectionAsync<ArticlePageProjection>(TimeSpan.FromSeconds(60), CancellationToken.None);

        var after = await SnapshotAsync(store);
        Assert.Equal(before.Count, after.Count);
        foreach (var (id, page) in before)
        {
            Assert.Equal(JsonSerializer.Serialize(page), JsonSerializer.Serialize(after[id]));
        }
    }

    private static async Task<Dictionary<Guid, ArticlePage>> SnapshotAsync(IDocumentStore store)
    {
        await using var session = store.QuerySession();
        return (await session.Query<ArticlePage>().ToListAsync()).ToDictionary(p => p.Id);
    }
}
