using Marten;
using Microsoft.Extensions.Options;
using NewsPlatform.Contracts.Sections;
using NewsPlatform.Subscriptions.Accounts;
using NewsPlatform.Subscriptions.Mail;

namespace NewsPlatform.Subscriptions.Newsletters;

/// <summary>
/// The daily digest (<c>Mail:DigestAt</c>, publication time) for readers who chose daily alerts: one mail with the
/// day's articles in the sections they follow. The mail is queued and its entries removed in one transaction, and its
/// id is the reader's and the day's, so a reader gets one digest a day whatever happens in between.
/// </summary>
public sealed class DailyDigest(IDocumentStore store, IOptions<MailSettings> settings, MailQueue queue, TimeProvider clock,
    ILogger<DailyDigest> logger)
{
    public const string LeaseName = "newsplatform.subscriptions.daily-digest";
    public const int ExcerptLength = 300;
    private const int ReadersPerRound = 100;

    public async Task RunDueAsync(string database, CancellationToken cancellationToken)
    {
        var s = settings.Value;
        if (NewsletterSchedule.DueEdition(clock.GetUtcNow(), s.Zone, s.DigestAt) is not { } date) return;
        await using var session = store.LightweightSession();
        if (!await session.Query<DigestEntry>().AnyAsync(cancellationToken)) return; // nothing waits: no lease needed
        await using var lease = await PostgresLease.TryTakeAsync(database, LeaseName, cancellationToken);
        if (lease is null) return;

        var readerIds = (await session.Query<DigestEntry>().Select(e => e.ReaderId).ToListAsync(cancellationToken)).Distinct().ToList();
        var mailed = 0;
        foreach (var round in readerIds.Chunk(ReadersPerRound))
        {
            var mailIds = round.ToDictionary(r => r, r => OutgoingMail.IdFor(MailKinds.Digest, date, r));
            // A reader already sent today's digest keeps newer entries for tomorrow's.
            var sent = (await session.LoadManyAsync<OutgoingMail>(cancellationToken, mailIds.Values)).Select(m => m.Id).ToHashSet();
            var readers = (await session.LoadManyAsync<ReaderAccount>(cancellationToken, round.Where(r => !sent.Contains(mailIds[r]))))
                .ToDictionary(a => a.Id);
            var entries = (await session.Query<DigestEntry>().Where(e => e.ReaderId.IsOneOf(readers.Keys.ToArray())).ToListAsync(cancellationToken))
                .GroupBy(e => e.ReaderId);
            var now = clock.GetUtcNow();
            var entitled = await PremiumAccess.EntitledAsync(session, readers.Keys.ToList(), now, cancellationToken);
            var tokens = await UnsubscribeLinks.TokensAsync(session, readers.Keys.ToList(), MailLists.Alerts, cancellationToken);
            foreach (var group in entries)
            {
                var reader = readers[group.Key];
                foreach (var entry in group) session.Delete(entry);
                if (reader.Alerts != SectionAlerts.Daily || !reader.EmailVerified) continue; // changed their mind since
                var body = new MailBody(s).Paragraph($"Hello {reader.DisplayName}, today in the sections you follow:");
                foreach (var section in group.GroupBy(e => e.Content.Section).OrderBy(g => SectionOrder(g.Key)))
                {
                    body.Heading(SectionTree.Find(section.Key)?.Name ?? section.Key);
                    foreach (var entry in section.OrderByDescending(e => e.PublishedAt))
                    {
                        var (text, note) = PremiumAccess.StoryText(entry.Content, entitled.Contains(reader.Id), ExcerptLength);
                        body.Story(entry.Content.Headline, s.Link($"/articles/{entry.Content.Slug}"), text, note);
                    }
                }
                var finished = body.Finish("You get this mail because you follow these sections and chose a daily digest.",
                    UnsubscribeLinks.PageUrl(s, tokens[reader.Id]), s.Link("/account#mail-heading"));
                var count = group.Count();
                session.Insert(OutgoingMail.Create(mailIds[reader.Id], MailKinds.Digest, reader.Id, reader.Email, reader.DisplayName,
                    count == 1 ? $"Today in your sections: {group.First().Content.Headline}" : $"Today in your sections: {count} new articles",
                    finished, now, UnsubscribeLinks.OneClickUrl(s, tokens[reader.Id])));
                mailed++;
            }
            await session.SaveChangesAsync(cancellationToken);
            queue.Wake();
        }
        if (mailed > 0) logger.LogInformation("Daily digest {Date}: {Mailed} mails queued", date, mailed);
    }

    private static int SectionOrder(string slug)
    {
        for (var i = 0; i < SectionTree.All.Count; i++) if (SectionTree.All[i].Slug == slug) return i;
        return int.MaxValue;
    }
}

/// <summary>Looks every <c>Mail:NewsletterCheckInterval</c> (default 30 s) whether the briefing or the digest is due; a failure waits for the next look.</summary>
public sealed class NewsletterJob(MorningBriefing briefing, DailyDigest digest, IConfiguration configuration, ILogger<NewsletterJob> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var database = configuration.GetConnectionString("subscriptionsdb")!;
        var interval = configuration.GetValue("Mail:NewsletterCheckInterval", TimeSpan.FromSeconds(30));
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(interval, stoppingToken); // first a wait: a starting host has enough to do
                await briefing.RunDueAsync(database, stoppingToken);
                await digest.RunDueAsync(database, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                // The database blinked: what was saved stays saved, and the next look carries on from there.
                logger.LogWarning("Newsletters will carry on at the next look: {Error}", e.Message);
            }
        }
    }
}
