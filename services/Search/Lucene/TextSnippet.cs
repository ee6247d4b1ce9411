using System.Collections.Concurrent;
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
        var passageEnd = -1;
        var passages = 0;
        Span<char> lower = stackalloc char[MaxWordLength];
        var i = 0;
        while (i < text.Length)
        {
            if (!IsWordChar(text[i])) { i++; continue; }
            var start = i;
            while (i < text.Length && (IsWordChar(text[i]) || IsApostrophe(text[i]) && i + 1 < text.Length && IsWordChar(text[i + 1]))) i++;
            if (passages == MaxPassages && start > passageEnd) break;
            if (i - start > MaxWordLength) continue;
            var length = text.AsSpan(start, i - start).ToLowerInvariant(lower);
            if (Stem(lower[..length], analyzer) is not { Length: > 0 } stem || !terms.Contains(stem)) continue;
            matches.Add((start, i));
            if (start >= passageEnd)
            {
                passages++;
                passageEnd = Math.Max(0, start - LeadIn) + PassageLength + 20;
            }
        }
        return matches;
    }

    private const int MaxWordLength = 64;
    private const int MaxRemembered = 500_000;
    private static readonly ConcurrentDictionary<string, string> Stems = new(StringComparer.Ordinal);
    private static readonly ConcurrentDictionary<string, string>.AlternateLookup<ReadOnlySpan<char>> StemsBySpan =
        Stems.GetAlternateLookup<ReadOnlySpan<char>>();

    /// <summary>
    /// A word as the index's analysis keeps it (its stem, or empty for a stop word). News text reuses
    /// a limited vocabulary, so each word is analysed once and remembered.
    /// </summary>
    private static string Stem(ReadOnlySpan<char> word, Analyzer analyzer)
    {
        if (StemsBySpan.TryGetValue(word, out var known)) return known;
        var text = word.ToString();
        var stem = "";
        using (var stream = analyzer.GetTokenStream(ArticleIndex.Body, text))
        {
            var term = stream.AddAttribute<ICharTermAttribute>();
            stream.Reset();
            if (stream.IncrementToken()) stem = term.ToString();
            stream.End();
        }
        if (Stems.Count < MaxRemembered) Stems.TryAdd(text, stem);
        return stem;
    }

    private static bool IsWordChar(char c) => char.IsLetterOrDigit(c) || char.GetUnicodeCategory(c) == System.Globalization.UnicodeCategory.NonSpacingMark;
    private static bool IsApostrophe(char c) => c is '\'' or '\u2019';

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
