using System.Net.Mail;

namespace NewsPlatform.Subscriptions.Accounts;

/// <summary>
/// An email address taken by an account. The normalised address is the document id, so the primary
/// key makes two concurrent registrations with one address yield exactly one account.
/// </summary>
public sealed record EmailClaim(string Id, Guid ReaderId)
{
    public const int MaxLength = 254;

    public static string Normalise(string email) => email.Trim().ToLowerInvariant();

    public static bool IsValid(string? email) =>
        !string.IsNullOrWhiteSpace(email) && email.Trim().Length <= MaxLength &&
        MailAddress.TryCreate(email.Trim(), out var address) && address.Address == email.Trim() &&
        address.Host.Contains('.') && !address.Host.EndsWith('.');

    /// <summary>"k***@example.org": enough for the owner to recognise, not a gift to whoever reads the old mailbox.</summary>
    public static string Masked(string email)
    {
        var at = email.IndexOf('@');
        return at <= 1 ? "***" + email[Math.Max(0, at)..] : email[0] + new string('*', Math.Min(at - 1, 6)) + email[at..];
    }
}
