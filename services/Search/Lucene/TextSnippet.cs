using System.Net;
using System.Text;
using Lucene.Net.Analysis;
using Lucene.Net.Analysis.TokenAttributes;

namespace NewsPlatform.Search.Lucene;

/// <summary>
/// The excerpt under a result: up to two short passages of the text around the words the query
/// matched (by the same English analysis as the index, so "flooded" marks "flooding"), the matches in
/// <c>&lt;mark&gt;</c> and everything else HTML-escaped. Without a match in the text (the query hit
/// the tags or byline), the text's opening.
/// </summary>
public static class TextSnippet
{
    private const int PassageLength = 160;
    private const int LeadIn = 50;
    private const int MaxPassages = 2;
    private const string Between = " … ";

    public static string Build(string text, IReadOnlySet<string> terms, Analyzer analyzer)
    {
        var matches = Matches(text, terms, analyzer);
        var passages = new List<(int Start, int End)>();
        foreach (var (start, _) in matches)
        {
            if (passages.Count > 0 && start < passages[^1].End) continue;
            if (passages.Count == MaxPassages) break;
            var from = Math.Min(start, WordStart(text, Math.Max(0, start - LeadIn)));
            passages.Add((from, WordEnd(text, Math.Min(text.Length, from + PassageLength))));
        }
        if (passages.Count == 0) passages.Add((0, WordEnd(text, Math.Min(text.Length, PassageLength))));

        var html = new StringBuilder(PassageLength * passages.Count + 64);
        foreach (var (start, end) in passages)
        {
            if (html.Length > 0) html.Append(Between);
            var at = start;
            foreach (var (matchStart, matchEnd) in matches)
            {
                if (matchStart < at || matchEnd > end) continue;
                html.Append(WebUtility.HtmlEncode(text[at..matchStart])).Append("<mark>")
                    .Append(WebUtility.HtmlEncode(text[matchStart..matchEnd])).Append("</mark>");
                at = matchEnd;
            }
            html.Append(WebUtility.HtmlEncode(text[at..end]));
        }
        return html.ToString().Trim();
    }

    /// <summary>Where the matched words are, in order; the text is read only as far as the passages need.</summary>
    private static List<(int Start, int End)> Matches(string text, IReadOnlySet<string> terms, Analyzer analyzer)
    {
        var matches = new List<(int, int)>();
        if (terms.Count == 0) return matches;
        using var stream = analyzer.GetTokenStream(ArticleIndex.Body, text);
        var term = stream.AddAttribute<ICharTermAttribute>();
        var offset = stream.AddAttribute<IOffsetAttribute>();
        stream.Reset();
        var passageEnd = -1;
        var passages = 0;
        while (stream.IncrementToken())
        {
            if (passages == MaxPassages && offset.StartOffset > passageEnd) break;
            if (!terms.Contains(term.ToString())) continue;
            matches.Add((offset.StartOffset, offset.EndOffset));
            if (offset.StartOffset >= passageEnd)
            {
                passages++;
                passageEnd = Math.Max(0, offset.StartOffset - LeadIn) + PassageLength + 20;
            }
        }
        stream.End();
        return matches;
    }

    private static int WordStart(string text, int index)
    {
        if (index == 0) return 0;
        var space = text.IndexOf(' ', index);
        return space < 0 ? index : space + 1;
    }

    private static int WordEnd(string text, int index)
    {
        if (index >= text.Length) return text.Length;
        var space = text.LastIndexOf(' ', index);
        return space <= 0 ? index : space;
    }
}
