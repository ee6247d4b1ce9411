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
}
