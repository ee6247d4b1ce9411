using System.Net;
using System.Text.RegularExpressions;

namespace NewsPlatform.Articles.Domain;

public static partial class ArticleText
{
    /// <summary>The body without markup, for search indexing and feeds.</summary>
    public static string PlainText(string html)
    {
        var withBreaks = BlockEnd().Replace(html, "\n");
        var text = WebUtility.HtmlDecode(Tag().Replace(withBreaks, ""));
        return Blank().Replace(text, " ").Trim();
    }

    /// <summary>The first paragraph of a (sanitised) body, as HTML.</summary>
    public static string FirstParagraph(string html)
    {
        var match = Paragraph().Match(html);
        if (match.Success) return match.Value;
        var text = PlainText(html);
        return $"<p>{WebUtility.HtmlEncode(text.Length <= 300 ? text : text[..300] + "…")}</p>";
    }

    [GeneratedRegex(@"</(p|div|h[1-6]|li|blockquote)>|<br\s*/?>", RegexOptions.IgnoreCase)]
    private static partial Regex BlockEnd();

    [GeneratedRegex("<[^>]*>")]
    private static partial Regex Tag();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Blank();

    [GeneratedRegex(@"<p>.*?</p>", RegexOptions.IgnoreCase | RegexOptions.Singleline)]
    private static partial Regex Paragraph();
}
