using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;

namespace NewsPlatform.Subscriptions.Tokens;

/// <summary>
/// The random secrets the service hands out — refresh tokens, mailed links, unsubscribe links, API keys — and how
/// they are kept: base64url without padding, so each sits in a URL or a cookie as it is, and stored only as its
/// SHA-256, so a copy of the database lets nobody in.
/// </summary>
public static class Secrets
{
    public static string New(int bytes) => Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(bytes));

    public static string HashOf(string secret) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));
}

/// <summary>
/// A document id derived from what the document is for (a reader and an article, a mail's purpose): the same
/// cause always names the same document, so a repeated event finds it there instead of adding a second one.
/// </summary>
public static class DerivedIds
{
    public static Guid Of(string cause) => new(MD5.HashData(Encoding.UTF8.GetBytes(cause)));
}
