using System.Net;
using System.Text;

namespace NewsPlatform.Web.Presentation;

/// <summary>
/// Search excerpts as HTML that can carry nothing but the search service's <c>&lt;mark&gt;</c>: every other
/// character is re-encoded here, whatever the excerpt contained, and the marks are balanced.
/// </summary>
public static class Highlight
{
    private const string Open = "<mark>";
    private const string Close = "</mark>";

    public static string ToSafeHtml(string? snippet)
    {
        if (string.IsNullOrEmpty(snippet)) return "";
        var html = new StringBuilder(snippet.Length + 16);
        var marked = false;
        var position = 0;
        while (position < snippet.Length)
        {
            var next = snippet.IndexOf('<', position);
            if (next < 0) next = snippet.Length;
            Text(html, snippet[position..next]);
            position = next;
            if (position >= snippet.Length) break;

            if (string.CompareOrdinal(snippet, position, Open, 0, Open.Length) == 0)
            {
                if (!marked) html.Append(Open);
                marked = true;
                position += Open.Length;
            }
            else if (string.CompareOrdinal(snippet, position, Close, 0, Close.Length) == 0)
            {
                if (marked) html.Append(Close);
                marked = false;
                position += Close.Length;
            }
            else
            {
                html.Append("&lt;"); // any other tag is text
                position++;
            }
        }
        if (marked) html.Append(Close);
        return html.ToString();
    }

    // The service sends its text escaped; decoding first and encoding again leaves no markup of its own standing.
    private static void Text(StringBuilder html, string text) => html.Append(WebUtility.HtmlEncode(WebUtility.HtmlDecode(text)));
}
