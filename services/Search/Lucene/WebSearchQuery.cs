using Lucene.Net.Analysis;
using Lucene.Net.Analysis.TokenAttributes;
using Lucene.Net.Index;
using Lucene.Net.Search;

namespace NewsPlatform.Search.Lucene;

/// <summary>
/// Reads what a reader typed the way web search engines (and PostgreSQL's websearch_to_tsquery) do:
/// words must all appear (in any weighted field), <c>"quoted words"</c> must appear together in that
/// order, <c>-word</c> or <c>-"a phrase"</c> must not appear, and <c>a OR b</c> wants either. Nothing
/// typed is ever a syntax error: stray quotes, dashes and operators are simply read as text or dropped,
/// and each word goes through the same English analysis as the indexed text.
/// </summary>
public sealed record WebSearchQuery(Query? Query, IReadOnlySet<string> Terms)
{
    /// <summary>How much a match in a second field adds to the best field's score.</summary>
    private const float OtherFieldsWeight = 0.1f;

    /// <summary>One word or quoted phrase as typed.</summary>
    private sealed record Part(string Text, bool Excluded, bool IsOr = false);

    /// <summary>The query, or a <c>null</c> query when nothing searchable was typed (only stop words or punctuation).</summary>
    public static WebSearchQuery Parse(string typed, Analyzer analyzer)
    {
        var terms = new HashSet<string>(StringComparer.Ordinal);
        var required = new List<Query>();
        var excluded = new List<Query>();
        List<Query>? alternatives = null;
        var orPending = false;

        foreach (var part in Split(typed))
        {
            if (part.IsOr) { orPending = alternatives is not null; continue; }
            var tokens = Analyze(part.Text, analyzer);
            if (tokens.Count == 0) { orPending = false; continue; }
            var query = AnyField(tokens);
            if (part.Excluded)
            {
                excluded.Add(query);
                orPending = false;
                continue;
            }
            foreach (var (term, _) in tokens) terms.Add(term);
            if (orPending && alternatives is not null) alternatives.Add(query);
            else
            {
                if (alternatives is not null) required.Add(Either(alternatives));
                alternatives = [query];
            }
            orPending = false;
        }
        if (alternatives is not null) required.Add(Either(alternatives));

        if (required.Count == 0 && excluded.Count == 0) return new WebSearchQuery(null, terms);
        var all = new BooleanQuery();
        foreach (var q in required) all.Add(q, Occur.MUST);
        if (required.Count == 0) all.Add(new MatchAllDocsQuery(), Occur.MUST); // only exclusions: everything else
        foreach (var q in excluded) all.Add(q, Occur.MUST_NOT);
        return new WebSearchQuery(all, terms);
    }

    private static Query Either(List<Query> alternatives)
    {
        if (alternatives.Count == 1) return alternatives[0];
        var either = new BooleanQuery();
        foreach (var q in alternatives) either.Add(q, Occur.SHOULD);
        return either;
    }

    /// <summary>A word or phrase in any of the weighted fields, scored by the best field it is in.</summary>
    private static Query AnyField(List<(string Term, int Position)> tokens)
    {
        var any = new DisjunctionMaxQuery(OtherFieldsWeight);
        foreach (var (field, weight) in ArticleIndex.TextFields)
        {
            Query query;
            if (tokens.Count == 1) query = new TermQuery(new Term(field, tokens[0].Term));
            else
            {
                var phrase = new PhraseQuery();
                foreach (var (term, position) in tokens) phrase.Add(new Term(field, term), position);
                query = phrase;
            }
            query.Boost = weight;
            any.Add(query);
        }
        return any;
    }

    /// <summary>The indexed terms of a word or phrase, with their positions (a dropped stop word leaves a gap).</summary>
    private static List<(string, int)> Analyze(string text, Analyzer analyzer)
    {
        var tokens = new List<(string, int)>();
        using var stream = analyzer.GetTokenStream(ArticleIndex.Body, text);
        var term = stream.AddAttribute<ICharTermAttribute>();
        var increment = stream.AddAttribute<IPositionIncrementAttribute>();
        stream.Reset();
        var position = -1;
        while (stream.IncrementToken())
        {
            position += increment.PositionIncrement;
            tokens.Add((term.ToString(), position));
        }
        stream.End();
        // Positions start at the first kept word.
        return tokens.Count == 0 ? tokens : tokens.Select(t => (t.Item1, t.Item2 - tokens[0].Item2)).ToList();
    }

    private static IEnumerable<Part> Split(string typed)
    {
        var i = 0;
        while (i < typed.Length)
        {
            if (char.IsWhiteSpace(typed[i])) { i++; continue; }
            var excluded = false;
            if (typed[i] == '-')
            {
                i++;
                if (i >= typed.Length || char.IsWhiteSpace(typed[i])) continue; // a lone dash is nothing
                excluded = true;
            }
            if (typed[i] == '"')
            {
                var close = typed.IndexOf('"', i + 1);
                var end = close < 0 ? typed.Length : close;
                yield return new Part(typed[(i + 1)..end], excluded);
                i = end + 1;
                continue;
            }
            var start = i;
            while (i < typed.Length && !char.IsWhiteSpace(typed[i]) && typed[i] != '"') i++;
            var word = typed[start..i];
            yield return !excluded && word.Equals("or", StringComparison.OrdinalIgnoreCase)
                ? new Part(word, false, IsOr: true)
                : new Part(word, excluded);
        }
    }
}
