using Marten;
using MassTransit;
using Microsoft.Extensions.Options;
using NewsPlatform.Contracts.Articles;
using NewsPlatform.Contracts.Sections;
using NewsPlatform.Subscriptions.Accounts;
using NewsPlatform.Subscriptions.Mail;

namespace NewsPlatform.Subscriptions.Newsletters;

/// <summary>An article waiting for a reader's daily digest. Its id is derived from reader and article: one entry per article, however often the event comes.</summary>
public sealed class DigestEntry
{
    public Guid Id { get; set; }
    public Guid ReaderId { get; set; }
    public Guid ArticleId { get; set; }
    public ArticleContent Content { get; set; } = null!;
    public DateTimeOffset PublishedAt { get; set; }

    public static Guid IdFor(Guid readerId, Guid articleId) => OutgoingMail.IdFor("digest-entry", readerId, articleId);
}

/// <summary>
/// Alerts by mail for a new article in a followed section: a mail at once to readers who chose instant alerts, an
/// entry for the daily digest of those who chose daily. The mail's id is derived from reader and article, so the
/// article delivered twice — or republished — mails nobody twice. Only verified addresses are mailed.
/// </summary>
public sealed class MailSectionAlerts(IDocumentSession session, IOptions<MailSettings> settings, MailQueue queue, TimeProvider clock,
    ILogger<MailSectionAlerts> logger) : IConsumer<ArticlePublished>
{
    public const int ExcerptLength = 600;

    public async Task Consume(ConsumeContext<ArticlePublished> context)
    {
        var article = context.Message;
        var section = article.Content.Section;
        var cancellationToken = context.CancellationToken;
        var readers = await session.Query<ReaderAccount>()
            .Where(a => a.Follows.Contains(section) && a.EmailVerified && a.Alerts != SectionAlerts.Off)
            .ToListAsync(cancellationToken);
        if (readers.Count == 0) return;

        var now = clock.GetUtcNow();
        var instant = readers.Where(r => r.Alerts == SectionAlerts.Instant).ToList();
        var mailIds = instant.ToDictionary(r => r.Id, r => OutgoingMail.IdFor(MailKinds.Alert, r.Id, article.ArticleId));
        var queued = (await session.LoadManyAsync<OutgoingMail>(cancellationToken, mailIds.Values)).Select(m => m.Id).ToHashSet();
        var due = instant.Where(r => !queued.Contains(mailIds[r.Id])).ToList();
        var entitled = await PremiumAccess.EntitledAsync(session, due.Select(r => r.Id).ToList(), now, cancellationToken);
        var tokens = await UnsubscribeLinks.TokensAsync(session, due.Select(r => r.Id).ToList(), MailLists.Alerts, cancellationToken);
        var s = settings.Value;
        var sectionName = SectionTree.Find(section)?.Name ?? section;
        foreach (var reader in due)
        {
            var (text, note) = PremiumAccess.StoryText(article.Content, entitled.Contains(reader.Id), ExcerptLength);
            var body = new MailBody(s)
                .Paragraph($"New in {sectionName}, a section you follow:")
                .Story(article.Content.Headline, s.Link($"/articles/{article.Content.Slug}"), text, note)
                .Finish($"You get this mail because you follow {sectionName} and chose instant alerts.",
                    UnsubscribeLinks.PageUrl(s, tokens[reader.Id]), s.Link("/account#mail-heading"));
            session.Insert(OutgoingMail.Create(mailIds[reader.Id], MailKinds.Alert, reader.Id, reader.Email, reader.DisplayName,
                $"{sectionName}: {article.Content.Headline}", body, now, UnsubscribeLinks.OneClickUrl(s, tokens[reader.Id])));
        }

        var daily = readers.Where(r => r.Alerts == SectionAlerts.Daily).ToList();
        var entryIds = daily.Select(r => DigestEntry.IdFor(r.Id, article.ArticleId)).ToArray();
        var entered = (await session.LoadManyAsync<DigestEntry>(cancellationToken, entryIds)).Select(e => e.Id).ToHashSet();
        foreach (var reader in daily.Where(r => !entered.Contains(DigestEntry.IdFor(r.Id, article.ArticleId))))
        {
            session.Insert(new DigestEntry
            {
                Id = DigestEntry.IdFor(reader.Id, article.ArticleId), ReaderId = reader.Id, ArticleId = article.ArticleId,
                Content = article.Content, PublishedAt = article.PublishedAt,
            });
        }
        // A concurrent copy inserting the same mail or entry fails here and is retried: it then finds them queued.
        await session.SaveChangesAsync(cancellationToken);
        if (due.Count > 0) queue.Wake();
        logger.LogInformation("Section alerts for {Section}: {Instant} mails queued, {Daily} digest entries", section, due.Count, daily.Count);
    }
}
