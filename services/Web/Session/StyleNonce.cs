using System.Security.Cryptography;

namespace NewsPlatform.Web.Session;

/// <summary>
/// A nonce for the style elements a page's own library inserts (the desk's rich-text editor adds its default
/// styles that way). Issued only when a page asks for one; the content security policy of that one answer then
/// allows styles carrying it, and every other page keeps "no inline style at all".
/// </summary>
public sealed class StyleNonce
{
    public string? Value { get; private set; }

    public string Issue() => Value ??= Convert.ToBase64String(RandomNumberGenerator.GetBytes(16));
}
