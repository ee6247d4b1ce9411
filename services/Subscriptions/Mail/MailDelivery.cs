using Marten;
using MailKit.Net.Smtp;
using Microsoft.Extensions.Options;
using NewsPlatform.Subscriptions.Telemetry;

namespace NewsPlatform.Subscriptions.Mail;

/// <summary>
/// Hands queued mail to the SMTP server, one replica at a time (a <see cref="PostgresLease"/>), oldest due first.
/// Each mail is marked sent as soon as the server has accepted it, so a crash re-sends at most the one in flight —
/// with the same Message-Id, by which receiving servers drop the copy. While the server is unreachable every mail is
/// put back with a growing delay (up to <see cref="MaxDelay"/>) and nothing is dropped; a mail the server refuses for
/// good (a 5xx for its recipient) is kept with the reason and not retried.
/// </summary>
public sealed class MailDelivery(IDocumentStore store, MailQueue queue, IOptions<MailSettings> settings, IConfiguration configuration,
    TimeProvider clock, SubscriptionsMetrics metrics, ILogger<MailDelivery> logger) : BackgroundService
{
    public const string LeaseName = "newsplatform.subscriptions.mail-delivery";
    public const int BatchSize = 50;
    public static readonly TimeSpan MaxDelay = TimeSpan.FromSeconds(30);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var server = SmtpServer.Parse(configuration.GetConnectionString("mail"));
        if (server is null)
        {
            logger.LogWarning("No SMTP server configured (ConnectionStrings:mail): mail is queued and sent once one is");
            return;
        }
        var database = configuration.GetConnectionString("subscriptionsdb")!;
        while (!stoppingToken.IsCancellationRequested)
        {
            var more = false;
            try
            {
                more = await DeliverDueAsync(server, database, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                // The database blinked: the queue is where it was; this host keeps running and tries again.
                logger.LogWarning("Mail delivery will retry: {Error}", e.Message);
            }
            if (more) continue;
            try
            {
                await queue.WaitAsync(settings.Value.PollInterval, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    /// <summary>One round: up to <see cref="BatchSize"/> due mails over one SMTP connection. True when more are due.</summary>
    private async Task<bool> DeliverDueAsync(SmtpServer server, string database, CancellationToken cancellationToken)
    {
        await using var session = store.LightweightSession();
        var now = clock.GetUtcNow();
        // Asked first on a pooled connection: an idle queue costs every replica one small query a poll, not a new
        // connection for the lease.
        if (!await session.Query<OutgoingMail>().AnyAsync(m => m.SentAt == null && m.RefusedAt == null && m.NextAttemptAt <= now, cancellationToken))
            return false;
        await using var lease = await PostgresLease.TryTakeAsync(database, LeaseName, cancellationToken);
        if (lease is null) return false; // another replica delivers

        var due = await session.Query<OutgoingMail>()
            .Where(m => m.SentAt == null && m.RefusedAt == null && m.NextAttemptAt <= now)
            .OrderBy(m => m.NextAttemptAt)
            .Take(BatchSize)
            .ToListAsync(cancellationToken);
        if (due.Count == 0) return false;

        SmtpClient client;
        try
        {
            client = await server.ConnectAsync(cancellationToken);
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested)
        {
            await DeferAsync(session, due, e, cancellationToken);
            return false;
        }

        using (client)
        {
            for (var i = 0; i < due.Count; i++)
            {
                var mail = due[i];
                try
                {
                    await client.SendAsync(MimeMail.From(mail, settings.Value), cancellationToken);
                    mail.Attempts++;
                    mail.SentAt = clock.GetUtcNow();
                    mail.LastError = null;
                    // Sent: the copy with its links (a reset token, an unsubscribe link) is no longer needed here.
                    (mail.Html, mail.Text) = ("", "");
                    metrics.Mail(mail.Kind, "sent");
                }
                catch (SmtpCommandException e) when ((int)e.StatusCode >= 500 && e.ErrorCode is not SmtpErrorCode.UnexpectedStatusCode)
                {
                    mail.Attempts++;
                    mail.RefusedAt = clock.GetUtcNow();
                    mail.LastError = $"{(int)e.StatusCode} {e.Message}";
                    metrics.Mail(mail.Kind, "refused");
                    logger.LogWarning("The SMTP server refused mail {MailId} ({Kind}) for good: {Error}", mail.Id, mail.Kind, mail.LastError);
                }
                catch (Exception e) when (!cancellationToken.IsCancellationRequested)
                {
                    await DeferAsync(session, due.Skip(i).ToList(), e, cancellationToken);
                    return false;
                }
                session.Store(mail);
                await session.SaveChangesAsync(cancellationToken);
            }
            try
            {
                await client.DisconnectAsync(quit: true, cancellationToken);
            }
            catch (Exception e) when (!cancellationToken.IsCancellationRequested)
            {
                logger.LogDebug("SMTP quit failed after delivery: {Error}", e.Message);
            }
        }
        return due.Count == BatchSize;
    }

    private async Task DeferAsync(IDocumentSession session, IReadOnlyList<OutgoingMail> mails, Exception error, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        foreach (var mail in mails)
        {
            mail.Attempts++;
            mail.LastError = error.Message;
            mail.NextAttemptAt = now + DelayAfter(mail.Attempts);
            session.Store(mail);
            metrics.Mail(mail.Kind, "deferred");
        }
        await session.SaveChangesAsync(cancellationToken);
        logger.LogWarning("The SMTP server is unreachable; {Count} mails wait and are tried again: {Error}", mails.Count, error.Message);
    }

    /// <summary>1 s, 2 s, 4 s … up to <see cref="MaxDelay"/>: a server back after an outage gets its mail within half a minute.</summary>
    public static TimeSpan DelayAfter(int attempts) =>
        TimeSpan.FromSeconds(Math.Min(MaxDelay.TotalSeconds, Math.Pow(2, Math.Min(attempts - 1, 10))));
}
