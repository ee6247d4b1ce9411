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

    [GeneratedRegex(@"</(p|div|h[1-6]|li|blockquote)>|<br\s*/?>", RegexOptions.IgnoreCase)]
    private static partial Regex BlockEnd();

    [GeneratedRegex("<[^>]*>")]
    private static partial Regex Tag();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Blank();
}
