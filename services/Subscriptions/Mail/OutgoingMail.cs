using System.Security.Cryptography;
using System.Text;
using NewsPlatform.Subscriptions.Tokens;

namespace NewsPlatform.Subscriptions.Mail;

/// <summary>
/// A mail the platform owes someone, queued in this service's database in the same transaction as what caused it
/// (a registration, an article event's consumption), so it is never lost; <see cref="MailDelivery"/> hands it to the
/// SMTP server. Its id is derived from what it is for (this link, this reader and this article, this reader and this
/// day's briefing), so a second copy of an event queues nothing and every attempt carries the same Message-Id.
/// </summary>
public sealed class OutgoingMail
{
    public Guid Id { get; set; }
    public string Kind { get; set; } = "";
    public Guid? ReaderId { get; set; }
    public string To { get; set; } = "";
    public string? ToName { get; set; }
    public string Subject { get; set; } = "";
    public string Html { get; set; } = "";
    public string Text { get; set; } = "";

    /// <summary>Bulk mail only: the one-click unsubscribe address (RFC 8058).</summary>
    public string? UnsubscribeUrl { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset NextAttemptAt { get; set; }
    public int Attempts { get; set; }
    public string? LastError { get; set; }
    public DateTimeOffset? SentAt { get; set; }

    /// <summary>The SMTP server refused it for good (a 5xx for the recipient); kept with the reason, not retried.</summary>
    public DateTimeOffset? RefusedAt { get; set; }

    /// <summary>A mail due at once.</summary>
    public static OutgoingMail Create(Guid id, string kind, Guid? readerId, string to, string? toName, string subject,
        (string Html, string Text) body, DateTimeOffset now, string? unsubscribeUrl = null) => new()
    {
        Id = id,
        Kind = kind,
        ReaderId = readerId,
        To = to,
        ToName = toName,
        Subject = subject,
        Html = body.Html,
        Text = body.Text,
        UnsubscribeUrl = unsubscribeUrl,
        CreatedAt = now,
        NextAttemptAt = now,
    };

    public static Guid IdFor(string kind, params object[] parts) =>
        DerivedIds.Of($"{kind}:{string.Join(':', parts)}");
}

/// <summary>The kinds of mail, as stored and counted.</summary>
public static class MailKinds
{
    public const string VerifyEmail = "verify-email";
    public const string PasswordReset = "password-reset";
    public const string PasswordChangedNotice = "password-changed-notice";
    public const string ConfirmNewEmail = "confirm-new-email";
    public const string EmailChangedNotice = "email-changed-notice";
    public const string Alert = "alert";
    public const string Digest = "digest";
    public const string MorningBriefing = "morning-briefing";
}
