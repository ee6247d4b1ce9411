using System.Security.Cryptography;
using System.Text;
using Marten;
using Marten.Patching;
using Microsoft.Extensions.Options;

namespace NewsPlatform.Subscriptions.Tokens;

/// <summary>
/// One refresh token, stored only as its SHA-256 hash. Tokens of one login form a family: each use
/// replaces the token with a new one; using a replaced token again means it leaked, and the whole
/// family is revoked.
/// </summary>
public sealed class RefreshTokenDocument
{
    public string Id { get; set; } = ""; // hex SHA-256 of the token
    public Guid ReaderId { get; set; }
    public Guid FamilyId { get; set; }
    public DateTimeOffset ExpiresAt { get; set; }
    public DateTimeOffset? UsedAt { get; set; }
    public DateTimeOffset? RevokedAt { get; set; }
    public Guid Version { get; set; } // optimistic concurrency: two uses of one token cannot both win
}

public enum RefreshOutcome { Rotated, Invalid, ReuseDetected }

public sealed class RefreshTokens(IDocumentSession session, IOptions<TokenSettings> settings, TimeProvider clock)
{
    public static string HashOf(string token) => Secrets.HashOf(token);

    /// <summary>Adds a new token to the session (saved by the caller); returns the token itself, shown once.</summary>
    public string Issue(Guid readerId, Guid familyId)
    {
        var token = Secrets.New(32);
        session.Insert(new RefreshTokenDocument
        {
            Id = HashOf(token),
            ReaderId = readerId,
            FamilyId = familyId,
            ExpiresAt = clock.GetUtcNow() + settings.Value.RefreshTokenLifetime,
        });
        return token;
    }

    /// <summary>Checks a presented token and, if good, marks it used and issues its successor.</summary>
    public async Task<(RefreshOutcome Outcome, Guid ReaderId, string? Successor)> RotateAsync(string token, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var stored = await session.LoadAsync<RefreshTokenDocument>(HashOf(token), cancellationToken);
        if (stored is null || stored.RevokedAt is not null || stored.ExpiresAt <= now) return (RefreshOutcome.Invalid, default, null);

        if (stored.UsedAt is not null)
        {
            await RevokeFamilyAsync(stored.FamilyId, cancellationToken);
            return (RefreshOutcome.ReuseDetected, stored.ReaderId, null);
        }

        stored.UsedAt = now;
        session.Store(stored);
        var successor = Issue(stored.ReaderId, stored.FamilyId);
        try
        {
            await session.SaveChangesAsync(cancellationToken);
        }
        catch (JasperFx.ConcurrencyException)
        {
            // Used twice at the same moment: one of the two is a thief.
            session.EjectAllPendingChanges();
            await RevokeFamilyAsync(stored.FamilyId, cancellationToken);
            return (RefreshOutcome.ReuseDetected, stored.ReaderId, null);
        }
        return (RefreshOutcome.Rotated, stored.ReaderId, successor);
    }

    /// <summary>Logout: the family of the presented token ends, if it is the reader's own.</summary>
    public async Task RevokeAsync(string token, Guid readerId, CancellationToken cancellationToken)
    {
        var stored = await session.LoadAsync<RefreshTokenDocument>(HashOf(token), cancellationToken);
        if (stored is not null && stored.ReaderId == readerId) await RevokeFamilyAsync(stored.FamilyId, cancellationToken);
    }

    /// <summary>Every login of the reader ends with the session's save (a new password: whoever knew the old one is out).</summary>
    public void RevokeEveryLogin(Guid readerId) =>
        session.Patch<RefreshTokenDocument>(t => t.ReaderId == readerId && t.RevokedAt == null).Set(t => t.RevokedAt, clock.GetUtcNow());

    private async Task RevokeFamilyAsync(Guid familyId, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        session.Patch<RefreshTokenDocument>(t => t.FamilyId == familyId && t.RevokedAt == null).Set(t => t.RevokedAt, now);
        await session.SaveChangesAsync(cancellationToken);
    }

}
