using System.Security.Cryptography;
using Marten;
using NewsPlatform.Subscriptions.Tokens;

namespace NewsPlatform.Subscriptions.Accounts;

/// <summary>What a mailed link lets its holder do, once.</summary>
public enum LinkPurpose { VerifyEmail, ResetPassword, ChangeEmail }

/// <summary>
/// A single-use link mailed to an address: stored only as the SHA-256 hash of its token (the token itself is only in
/// the mail), with the address it went to, its expiry and when it was used. Optimistic concurrency: of two uses at the
/// same moment exactly one wins.
/// </summary>
public sealed class AccountLink
{
    public string Id { get; set; } = "";
    public LinkPurpose Purpose { get; set; }
    public Guid ReaderId { get; set; }
    /// <summary>The address the link was mailed to (for a change of email, the new address).</summary>
    public string Email { get; set; } = "";
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset ExpiresAt { get; set; }
    public DateTimeOffset? UsedAt { get; set; }
    public Guid Version { get; set; }
}

public enum LinkState { Valid, Unknown, Used, Expired }

/// <summary>Issues and opens mailed links. Saving is the caller's, in the transaction that also queues the mail.</summary>
public sealed class AccountLinks(IDocumentSession session, TimeProvider clock)
{
    public const int MaxTokenLength = 100;

    public static TimeSpan LifetimeOf(LinkPurpose purpose) => purpose switch
    {
        LinkPurpose.ResetPassword => TimeSpan.FromMinutes(30),
        _ => TimeSpan.FromHours(24),
    };

    /// <summary>A new link's token (shown only in the mail) and its stored record.</summary>
    public (string Token, AccountLink Link) Issue(Guid readerId, string email, LinkPurpose purpose)
    {
        var token = Secrets.New(32);
        var now = clock.GetUtcNow();
        var link = new AccountLink
        {
            Id = Secrets.HashOf(token),
            Purpose = purpose,
            ReaderId = readerId,
            Email = email,
            CreatedAt = now,
            ExpiresAt = now + LifetimeOf(purpose),
        };
        session.Insert(link);
        return (token, link);
    }

    /// <summary>The link a token names, if it is one for <paramref name="purpose"/>, and whether it can still be used.</summary>
    public async Task<(LinkState State, AccountLink? Link)> OpenAsync(string? token, LinkPurpose purpose, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(token) || token.Length > MaxTokenLength) return (LinkState.Unknown, null);
        var link = await session.LoadAsync<AccountLink>(Secrets.HashOf(token.Trim()), cancellationToken);
        if (link is null || link.Purpose != purpose) return (LinkState.Unknown, null);
        if (link.UsedAt is not null) return (LinkState.Used, link);
        if (link.ExpiresAt <= clock.GetUtcNow()) return (LinkState.Expired, link);
        return (LinkState.Valid, link);
    }

    /// <summary>Marks the link used in the session; a concurrent use makes the save fail with a concurrency error.</summary>
    public void Use(AccountLink link)
    {
        link.UsedAt = clock.GetUtcNow();
        session.Store(link);
    }

    /// <summary>Links of one kind mailed to a reader since a moment: what the resend limits count.</summary>
    public async Task<IReadOnlyList<DateTimeOffset>> IssuedSinceAsync(Guid readerId, LinkPurpose purpose, DateTimeOffset since, CancellationToken cancellationToken) =>
        await session.Query<AccountLink>()
            .Where(l => l.ReaderId == readerId && l.Purpose == purpose && l.CreatedAt > since)
            .Select(l => l.CreatedAt)
            .ToListAsync(cancellationToken);
}
