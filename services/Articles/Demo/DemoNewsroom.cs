using System.Net;
using System.Security.Cryptography;
using System.Text;
using Marten;
using NewsPlatform.Articles.Domain;
using NewsPlatform.Articles.Newsroom;

namespace NewsPlatform.Articles.Demo;

/// <summary>
/// Seeds the demo articles in Development (configuration <c>Demo:Seed</c>), through the same rules
/// as the newsroom, so a first run shows a living site. Idempotent: each demo article has a fixed
/// id derived from its key, and one already in the store is left alone.
/// </summary>
public sealed class DemoNewsroom(IDocumentStore store, TimeProvider clock, ILogger<DemoNewsroom> logger) : BackgroundService
{
    public const string Desk = "demo-desk";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var seeded = 0;
        foreach (var demo in DemoArticles.All)
        {
            try
            {
                if (await SeedAsync(demo, stoppingToken)) seeded++;
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogWarning("Demo article {Key} not seeded: {Error}", demo.Key, e.Message);
            }
        }
        logger.LogInformation("Demo content: {Seeded} articles seeded, {Existing} already there", seeded, DemoArticles.All.Count - seeded);
    }

    public static Guid IdOf(string key) => new(MD5.HashData(Encoding.UTF8.GetBytes("newsplatform-demo:" + key)));

    private async Task<bool> SeedAsync(DemoArticle demo, CancellationToken cancellationToken)
    {
        var id = IdOf(demo.Key);
        await using var session = store.LightweightSession();
        if (await session.Events.FetchStreamStateAsync(id, cancellationToken) is not null) return false;

        var publishedAt = clock.GetUtcNow().AddHours(-demo.PublishedHoursAgo);
        var copy = new ArticleCopy(demo.Headline, demo.Summary, Html(demo.Paragraphs), demo.Section, demo.Subsection,
            demo.Byline, demo.Tags, demo.IsPremium, demo.SourceCredit);
        var slug = await SlugReservation.FindFreeAsync(session, demo.Headline, cancellationToken);

        var commands = new List<ArticleCommand>
        {
            new DraftArticle(id, copy, Desk, publishedAt.AddHours(-1)),
            new PublishArticle(id, slug, Desk, publishedAt),
        };
        if (demo.Correction is { } fixedLead)
        {
            var corrected = copy with { Body = Html([fixedLead, .. demo.Paragraphs.Skip(1)]) };
            commands.Add(new CorrectArticle(id, corrected, "Corrects a figure in the first paragraph.", Desk,
                publishedAt.AddMinutes(Math.Min(90, demo.PublishedHoursAgo * 30))));
        }

        var events = new List<object>();
        Article? state = null;
        foreach (var command in commands)
        {
            var decided = ArticleDecider.Decide(command, state);
            events.AddRange(decided);
            state = decided.Aggregate(state, ArticleDecider.Evolve);
        }

        session.Events.StartStream<Article>(id, events);
        session.Insert(new SlugReservation(slug, id));
        await session.SaveChangesAsync(cancellationToken);
        return true;
    }

    private static string Html(IEnumerable<string> paragraphs) =>
        string.Concat(paragraphs.Select(p => $"<p>{WebUtility.HtmlEncode(p)}</p>"));
}
