using System.Globalization;
using System.Text;

namespace NewsPlatform.Articles.Domain;

/// <summary>URL slugs: lower-case ASCII words joined by '-'.</summary>
public static class Slugs
{
    public const int MaxLength = 80;

    public static string FromText(string text)
    {
        // Decompose so "Café" becomes "cafe" rather than losing the letter.
        var decomposed = text.Normalize(NormalizationForm.FormD);
        var slug = new StringBuilder(decomposed.Length);
        var pendingDash = false;
        foreach (var c in decomposed)
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark) continue;
            if (c is '\'' or '\u2019') continue; // "Seoul's" → "seouls", not "seoul-s"
            if (char.IsAsciiLetterOrDigit(c))
            {
                if (pendingDash && slug.Length > 0) slug.Append('-');
                slug.Append(char.ToLowerInvariant(c));
                pendingDash = false;
            }
            else
            {
                pendingDash = true;
            }
        }

        var result = slug.ToString();
        if (result.Length > MaxLength) result = result[..MaxLength].TrimEnd('-');
        var cut = result.LastIndexOf('-');
        return result.Length == MaxLength && cut > MaxLength / 2 ? result[..cut] : result;
    }

    public static bool IsWellFormed(string slug) =>
        slug.Length is > 0 and <= MaxLength + 8 &&
        slug.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '-') &&
        !slug.StartsWith('-') && !slug.EndsWith('-') && !slug.Contains("--");
}
