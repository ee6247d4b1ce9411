using System.Net;

namespace NewsPlatform.Search.Querying;

/// <summary>
/// Turns PostgreSQL's highlighted excerpt into safe HTML: the database marks matches with two control
/// characters and stands in for '&lt;' and '&gt;' with two more (all four are stripped from indexed text,
/// so they cannot come from an article); everything is HTML-escaped, then only the marks become <c>&lt;mark&gt;</c>.
/// </summary>
public static class Snippet
{
    public const char Start = '\u0002';
    public const char Stop = '\u0003';
    private const char LessThan = '\u0004';
    private const char GreaterThan = '\u0005';

    /// <summary>The stand-ins for '&lt;' and '&gt;', in that order (for SQL <c>translate</c>).</summary>
    public const string AngleBrackets = "\u0004\u0005";

    /// <summary>ts_headline options: two short fragments around the matches, marked with the characters above.</summary>
    public const string HeadlineOptions =
        "StartSel=\u0002, StopSel=\u0003, MaxWords=30, MinWords=12, ShortWord=3, MaxFragments=2, FragmentDelimiter=\" … \"";

    public static string ToHtml(string marked)
    {
        var html = WebUtility.HtmlEncode(marked);
        var open = false;
        var result = new System.Text.StringBuilder(html.Length + 32);
        foreach (var c in html)
        {
            if (c == Start && !open) { result.Append("<mark>"); open = true; }
            else if (c == Stop && open) { result.Append("</mark>"); open = false; }
            else if (c == LessThan) result.Append("&lt;");
            else if (c == GreaterThan) result.Append("&gt;");
            else if (c is not (Start or Stop)) result.Append(c);
        }
        if (open) result.Append("</mark>");
        return result.ToString();
    }
}
