using System.Globalization;
using Marten;
using Microsoft.Extensions.Options;
using NewsPlatform.Contracts.Articles;
using NewsPlatform.Contracts.Sections;
using NewsPlatform.Subscriptions.Accounts;
using NewsPlatform.Subscriptions.Mail;

namespace NewsPlatform.Subscriptions.Newsletters;

/// <summary>
/// One day's morning briefing: its stories, chosen once when it is composed (so every reader gets the same, even
/// across a restart), and how far mailing it has come. Its id is the local date: one briefing a day across replicas.
/// </summary>
public sealed class BriefingEdition
{
    public string Id { get; set; } = "";
    public List<BriefingSection> Sections { get; set; } = [];
    public DateTimeOffset ComposedAt { get; set; }
    /// <summary>Readers gone through, in id order (the mails' own ids keep a reader from getting two).</summary>
    public int Processed { get; set; }
    public int Mailed { get; set; }
    public DateTimeOffset? CompletedAt { get; set; }
}

public sealed record BriefingSection(string Slug, string Name, List<BriefingStory> Stories);
public sealed record BriefingStory(Guid ArticleId, ArticleContent Content, DateTimeOffset PublishedAt);

/// <summary>
/// The morning briefing (<c>Mail:BriefingAt</c>, publication time): to every verified reader who opted in, the top
/// stories per section — the newest live ones of the last 24 hours, up to <c>Mail:BriefingStoriesPerSection</c> per
/// top-level section, in the section tree's order. Premium stories carry only their teaser for a reader whose plan
/// does not include them. Mailed in pages of <see cref="PageSize"/> readers under a lease, each page in one transaction.
/// </summary>
public sealed class MorningBriefing(IDocumentStore store, IOptions<MailSettings> settings, MailQueue queue, TimeProvider clock,
    ILogger<MorningBriefing> logger)
{
    public const string LeaseName = "newsplatform.subscriptions.morning-briefing";
    public const int PageSize = 200;
    public const int ExcerptLength = 300;

    public async Task RunDueAsync(string database, CancellationToken cancellationToken)
    {
        var s = settings.Value;
        var now = clock.GetUtcNow();
        if (NewsletterSchedule.DueEdition(now, s.Zone, s.BriefingAt) is not { } date) return;
        var id = date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        await using var session = store.LightweightSession();
        var edition = await session.LoadAsync<BriefingEdition>(id, cancellationToken);
        if (edition?.CompletedAt is not null) return;

        await using var lease = await PostgresLease.TryTakeAsync(database, LeaseName, cancellationToken);
        if (lease is null) return;
        edition = await session.LoadAsync<BriefingEdition>(id, cancellationToken) ?? await ComposeAsync(session, id, now, cancellationToken);
        if (edition.CompletedAt is not null) return;

        while (true)
        {
            var readers = await session.Query<ReaderAccount>()
                .Where(a => a.MorningBriefing && a.EmailVerified)
                .OrderBy(a => a.Id)
                .Skip(edition.Processed)
                .Take(PageSize)
                .ToListAsync(cancellationToken);
            edition.Mailed += await QueuePageAsync(session, edition, date, readers, cancellationToken);
            edition.Processed += readers.Count;
            if (readers.Count < PageSize) edition.CompletedAt = clock.GetUtcNow();
            session.Store(edition);
            await session.SaveChangesAsync(cancellationToken);
            queue.Wake();
            if (edition.CompletedAt is not null) break;
        }
        logger.LogInformation("Morning briefing {Date}: {Mailed} mails queued", id, edition.Mailed);
    }

    private async Task<BriefingEdition> ComposeAsync(IDocumentSession session, string id, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var since = now - TimeSpan.FromDays(1);
        var live = await session.Query<EditionArticle>()
            .Where(a => a.Live && a.PublishedAt > since && a.PublishedAt <= now)
            .OrderByDescending(a => a.PublishedAt)
            .Take(1000)
            .ToListAsync(cancellationToken);
        var perSection = settings.Value.BriefingStoriesPerSection;
        var sections = SectionTree.All
            .Select(section => new BriefingSection(section.Slug, section.Name, live
                .Where(a => a.Content.Section == section.Slug)
                .Take(perSection)
                .Select(a => new BriefingStory(a.Id, a.Content, a.PublishedAt))
                .ToList()))
            .Where(section => section.Stories.Count > 0)
            .ToList();
        var edition = new BriefingEdition { Id = id, Sections = sections, ComposedAt = now };
        // Nothing was published in a day: no briefing rather than an empty one.
        if (sections.Count == 0) edition.CompletedAt = now;
        session.Store(edition);
        await session.SaveChangesAsync(cancellationToken);
        return edition;
    }

    private async Task<int> QueuePageAsync(IDocumentSession session, BriefingEdition edition, DateOnly date, IReadOnlyList<ReaderAccount> readers,
        CancellationToken cancellationToken)
    {
        if (readers.Count == 0) return 0;
        var ids = readers.ToDictionary(r => r.Id, r => OutgoingMail.IdFor(MailKinds.MorningBriefing, date, r.Id));
        var queued = (await session.LoadManyAsync<OutgoingMail>(cancellationToken, ids.Values)).Select(m => m.Id).ToHashSet();
        var due = readers.Where(r => !queued.Contains(ids[r.Id])).ToList();
        var now = clock.GetUtcNow();
        var entitled = await PremiumAccess.EntitledAsync(session, due.Select(r => r.Id).ToList(), now, cancellationToken);
        var tokens = await UnsubscribeLinks.TokensAsync(session, due.Select(r => r.Id).ToList(), MailLists.MorningBriefing, cancellationToken);
        var s = settings.Value;
        var lead = edition.Sections[0].Stories[0].Content.Headline;
        foreach (var reader in due)
        {
            var body = new MailBody(s)
                .Paragraph($"Good morning, {reader.DisplayName}. The top stories for {date.ToString("dddd d MMMM", CultureInfo.InvariantCulture)}:");
            foreach (var section in edition.Sections)
            {
                body.Heading(section.Name);
                foreach (var story in section.Stories)
                {
                    var (text, note) = PremiumAccess.StoryText(story.Content, entitled.Contains(reader.Id), ExcerptLength);
                    body.Story(story.Content.Headline, s.Link($"/articles/{story.Content.Slug}"), text, note);
                }
            }
            var finished = body.Finish("You get this mail because you asked for the morning briefing.",
                UnsubscribeLinks.PageUrl(s, tokens[reader.Id]), s.Link("/account#mail-heading"));
            session.Insert(OutgoingMail.Create(ids[reader.Id], MailKinds.MorningBriefing, reader.Id, reader.Email, reader.DisplayName,
                $"Morning briefing: {lead}", finished, now, UnsubscribeLinks.OneClickUrl(s, tokens[reader.Id])));
        }
        return due.Count;
    }
}
