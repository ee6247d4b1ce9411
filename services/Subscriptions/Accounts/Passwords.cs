using Microsoft.AspNetCore.Identity;

namespace NewsPlatform.Subscriptions.Accounts;

/// <summary>
/// Password rules and hashing. Hashing is ASP.NET Core Identity's <see cref="PasswordHasher{TUser}"/>
/// (PBKDF2, HMAC-SHA512, 100,000 iterations in its V3 format): no hand-written crypto. Passwords
/// are never logged or stored in clear.
/// </summary>
public sealed class Passwords
{
    public const int MinLength = 10;
    public const int MaxLength = 256;

    private readonly PasswordHasher<ReaderAccount> _hasher = new();
    // Verifying against this when an email is unknown makes both failures cost the same time.
    private readonly string _decoy;

    public Passwords() => _decoy = _hasher.HashPassword(null!, Guid.NewGuid().ToString());

    public string Hash(string password) => _hasher.HashPassword(null!, password);

    public bool Verify(string hash, string password) =>
        _hasher.VerifyHashedPassword(null!, hash, password) != PasswordVerificationResult.Failed;

    public void SpendTheSameTime(string password) => _hasher.VerifyHashedPassword(null!, _decoy, password);

    /// <summary>Why a new password is refused, or null if it is acceptable.</summary>
    public static string? Problem(string? password, string email)
    {
        if (string.IsNullOrEmpty(password) || password.Length < MinLength) return $"A password has at least {MinLength} characters.";
        if (password.Length > MaxLength) return $"A password has at most {MaxLength} characters.";
        if (CommonPasswords.Contains(password)) return "This password is too common.";
        if (string.Equals(password, email, StringComparison.OrdinalIgnoreCase)) return "A password cannot be the email address.";
        return null;
    }
}

/// <summary>Passwords too common to allow (a short list of the most used ones of 10+ characters).</summary>
public static class CommonPasswords
{
    private static readonly HashSet<string> List = new(StringComparer.OrdinalIgnoreCase)
    {
        "1234567890", "12345678910", "0123456789", "1234567890a", "qwertyuiop", "qwertyuiop1", "1q2w3e4r5t",
        "1q2w3e4r5t6y", "password12", "password123", "password1234", "passw0rd123", "iloveyou12", "iloveyou123",
        "qwerty1234", "qwerty12345", "qwerty123456", "abcdefghij", "abcd123456", "abc1234567", "1111111111",
        "0000000000", "9876543210", "asdfghjkl1", "asdfghjkl;", "zxcvbnm123", "letmein123", "welcome123",
        "administrator", "admin12345", "admin123456", "football123", "baseball123", "sunshine123", "princess123",
        "dragon12345", "monkey12345", "starwars123", "trustno1234", "superman123", "michael123", "jennifer123",
        "changeme123", "newsplatform", "newsplatform1", "koreatimes1", "seoul12345", "q1w2e3r4t5", "a1b2c3d4e5",
        "1qaz2wsx3edc", "zaq12wsx", "1qazxsw23edc", "passwordpassword", "aaaaaaaaaa", "qazwsxedcrfv",
    };

    public static bool Contains(string password) => List.Contains(password);
}
