using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Util;
using NewsPlatform.Search.Indexing;
using NewsPlatform.Search.Querying;

namespace NewsPlatform.Search.Lucene;

/// <summary>
/// Search and suggestions answered from this replica's <see cref="ArticleIndex"/>, in process.
/// Ranking is BM25 over the weighted fields (headline, then summary and tags, then byline and body),
/// newer first among equals. One point-in-time view answers the page, the total and the facets.
/// </summary>
public sealed class LuceneSearchQueries(ArticleIndex index) : ISearchQueries
{
    private const int SuggestionLimit = 10;
    private const int MaxCorrections = 5;

    public SearchEngine Engine => SearchEngine.Lucene;

    private static readonly SortField NewestFirst = new(ArticleIndex.Published, FieldCache.NUMERIC_UTILS_INT64_PARSER, true);
    private static readonly Sort ByRelevance = new(SortField.FIELD_SCORE, NewestFirst);
    private static readonly Sort ByNewest = new(NewestFirst);

    public Task<SearchResults> SearchAsync(SearchRequest request, CancellationToken cancellationToken) =>
        Task.FromResult(Search(request));

    public SearchResults Search(SearchRequest request)
    {
        var parsed = WebSearchQuery.Parse(request.Query, index.Analyzer);
        return index.Read(searcher =>
        {
            // Newest-first does not score every match: only the page's articles are scored, afterwards.
            var newest = request.Order == SearchOrder.Newest;
            var counts = new SectionCounts(request.Section, request.Subsection,
                TopFieldCollector.Create(newest ? ByNewest : ByRelevance, request.Offset + request.PageSize,
                    fillFields: false, trackDocScores: !newest, trackMaxScore: false, docsScoredInOrder: true));
            List<SearchHit> items = [];
            if (parsed.Query is not null)
            {
                // One pass over the matches in the date range: each is counted by section (total and
                // facets, without scoring), and those in the requested section are ranked for the page.
                searcher.Search(parsed.Query, DateRange(request), counts);
                var page = counts.Page.GetTopDocs(request.Offset, request.PageSize);
                if (newest) ScorePage(searcher, parsed.Query, page);
                items = Page(searcher, page, parsed);
            }
            var total = counts.Total(request.Section, request.Subsection);
            var facets = counts.BySection().Select(f => new SectionFacet(f.Section, f.Count))
                .OrderByDescending(f => f.Count).ThenBy(f => f.Section, StringComparer.Ordinal).ToList();
            var didYouMean = total == 0 ? DidYouMean(searcher, request.Query) : null;
            return new SearchResults(items, request.Page, request.PageSize, total, facets, didYouMean);
        });
    }

    private List<SearchHit> Page(IndexSearcher searcher, TopDocs top, WebSearchQuery parsed)
    {
        var hits = new List<SearchHit>(top.ScoreDocs.Length);
        foreach (var scored in top.ScoreDocs)
        {
            var document = searcher.Doc(scored.Doc);
            var premium = document.GetField(ArticleIndex.Premium).GetInt32Value() == 1;
            var headline = document.Get(ArticleIndex.Headline);
            var summary = document.Get(ArticleIndex.Summary);
            // A premium article's excerpt comes from its headline and summary: search must not give away what the paywall keeps.
            var text = premium ? $"{headline}. {summary}" : summary.Length == 0 ? document.Get(ArticleIndex.Body) : $"{summary} {document.Get(ArticleIndex.Body)}";
            hits.Add(new SearchHit(
                Guid.ParseExact(document.Get(ArticleIndex.Id), "N"),
                document.Get(ArticleIndex.Slug),
                headline,
                document.Get(ArticleIndex.Section),
                document.Get(ArticleIndex.Subsection),
                document.Get(ArticleIndex.Byline) is { Length: > 0 } byline ? byline : null,
                Moment(document.GetField(ArticleIndex.Published).GetInt64Value()!.Value)!.Value,
                Moment(document.GetField(ArticleIndex.Updated)?.GetInt64Value()),
                premium,
                Math.Round(scored.Score, 6),
                TextSnippet.Build(text, parsed.Terms, index.Analyzer)));
        }
        return hits;
    }

    /// <summary>Scores just the given articles (the page), visiting each segment's matches once in document order.</summary>
    private static void ScorePage(IndexSearcher searcher, Query query, TopDocs page)
    {
        if (page.ScoreDocs.Length == 0) return;
        var weight = searcher.CreateNormalizedWeight(query);
        var leaves = searcher.IndexReader.Leaves;
        Scorer? scorer = null;
        var leaf = -1;
        foreach (var hit in page.ScoreDocs.OrderBy(h => h.Doc))
        {
            var at = ReaderUtil.SubIndex(hit.Doc, leaves);
            if (at != leaf)
            {
                leaf = at;
                scorer = weight.GetScorer(leaves[leaf], leaves[leaf].AtomicReader.LiveDocs);
            }
            var target = hit.Doc - leaves[leaf].DocBase;
            if (scorer is not null && (scorer.DocID >= target || scorer.Advance(target) != DocIdSetIterator.NO_MORE_DOCS) && scorer.DocID == target)
                hit.Score = scorer.GetScore();
        }
    }

    private static DateTimeOffset? Moment(long? ticks) => ticks is { } t ? new DateTimeOffset(t, TimeSpan.Zero) : null;

    private static Filter? DateRange(SearchRequest request) => request.From is null && request.Before is null
        ? null
        : NumericRangeFilter.NewInt64Range(ArticleIndex.Published, request.From?.UtcTicks, request.Before?.UtcTicks, true, false);

    /// <summary>
    /// For a query that found nothing: each word no headline, summary or tag contains is replaced by the
    /// closest one that does (at most two edits); offered only if the corrected query finds something.
    /// </summary>
    private string? DidYouMean(IndexSearcher searcher, string typed)
    {
        var replacements = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        // A few words at most: each unknown word costs a walk of the vocabulary.
        foreach (var word in Vocabulary.Words(typed).Where(w => w.Length >= 3).Distinct().Take(MaxCorrections))
            if (!Known(searcher.IndexReader, ArticleIndex.Words, word) && Closest(searcher.IndexReader, ArticleIndex.Words, word) is { } better)
                replacements[word] = better;
        if (replacements.Count == 0) return null;

        var corrected = Vocabulary.Replace(typed, w => replacements.GetValueOrDefault(w));
        var query = WebSearchQuery.Parse(corrected, index.Analyzer).Query;
        if (query is null) return null;
        var found = new TotalHitCountCollector();
        searcher.Search(query, found);
        return found.TotalHits > 0 ? corrected : null;
    }

    public Task<IReadOnlyList<Suggestion>> SuggestAsync(string typed, CancellationToken cancellationToken) =>
        Task.FromResult(Suggest(typed));

    /// <summary>
    /// Up to 10 live headlines, newest first, containing the typed words with the last one as a prefix;
    /// when fewer are found, words no headline contains are swapped for their nearest (typos) and the lookup repeats.
    /// </summary>
    public IReadOnlyList<Suggestion> Suggest(string typed)
    {
        var words = Vocabulary.Words(typed).Take(8).ToList();
        if (words.Count == 0) return [];
        return index.Read(searcher =>
        {
            var found = Headlines(searcher, words);
            if (found.Count >= SuggestionLimit) return found;
            var reader = searcher.IndexReader;
            var corrected = words.Select((w, i) =>
                Known(reader, ArticleIndex.HeadlineWords, w) || i == words.Count - 1 && HasPrefix(reader, w)
                    ? w
                    : Closest(reader, ArticleIndex.HeadlineWords, w) ?? w).ToList();
            return corrected.SequenceEqual(words)
                ? found
                : found.Concat(Headlines(searcher, corrected)).DistinctBy(s => s.Id).Take(SuggestionLimit).ToList();
        });
    }

    private static List<Suggestion> Headlines(IndexSearcher searcher, List<string> words)
    {
        var query = new BooleanQuery();
        for (var i = 0; i < words.Count; i++)
        {
            var term = new Term(ArticleIndex.HeadlineWords, words[i]);
            query.Add(i == words.Count - 1 ? new PrefixQuery(term) : new TermQuery(term), Occur.MUST);
        }
        var top = searcher.Search(query, null, SuggestionLimit, ByNewest);
        return top.ScoreDocs.Select(scored => searcher.Doc(scored.Doc)).Select(d => new Suggestion(
            Guid.ParseExact(d.Get(ArticleIndex.Id), "N"), d.Get(ArticleIndex.Slug), d.Get(ArticleIndex.Headline),
            d.Get(ArticleIndex.Section), Moment(d.GetField(ArticleIndex.Published).GetInt64Value())!.Value)).ToList();
    }

    private static bool Known(IndexReader reader, string field, string word) => reader.DocFreq(new Term(field, word)) > 0;

    private static bool HasPrefix(IndexReader reader, string prefix)
    {
        var terms = MultiFields.GetTerms(reader, ArticleIndex.HeadlineWords);
        if (terms is null) return false;
        var iterator = terms.GetEnumerator();
        var target = new BytesRef(prefix);
        return iterator.SeekCeil(target) != TermsEnum.SeekStatus.END && StringHelper.StartsWith(iterator.Term, target);
    }

    /// <summary>The known word nearest to <paramref name="word"/> (fewest edits, then most articles), if any is within two edits.</summary>
    private static string? Closest(IndexReader reader, string field, string word)
    {
        var terms = MultiFields.GetTerms(reader, field);
        if (terms is null) return null;
        // One edit (a transposition counts as one) finds most typos and costs a fraction of two.
        return Closest(terms, field, word, 1) ?? (word.Length > 4 ? Closest(terms, field, word, 2) : null);
    }

    private static string? Closest(Terms terms, string field, string word, int edits)
    {
        var candidates = new FuzzyTermsEnum(terms, new global::Lucene.Net.Util.AttributeSource(), new Term(field, word), edits, 1, true);
        var boost = candidates.Attributes.AddAttribute<IBoostAttribute>();
        (string Word, float Similarity, int Articles)? best = null;
        while (candidates.MoveNext())
        {
            var candidate = (candidates.Term.Utf8ToString(), boost.Boost, candidates.DocFreq);
            if (best is null || candidate.Item2 > best.Value.Similarity
                || candidate.Item2 == best.Value.Similarity && candidate.Item3 > best.Value.Articles)
                best = candidate;
        }
        return best?.Word;
    }
}

/// <summary>
/// Counts matches per section and subsection without scoring them (the total and the facets), and
/// passes those in the requested section and subsection on to <see cref="Page"/>, which ranks them.
/// </summary>
internal sealed class SectionCounts(string? section, string? subsection, TopDocsCollector<FieldValueHitQueue.Entry> page) : ICollector
{
    private readonly Dictionary<(string Section, string? Subsection), long> _counts = new();
    private SortedDocValues? _sections, _subsections;
    private int[] _segment = [];
    private int _subsectionSlots;
    // This segment's ordinals for the requested section and subsection (-1: any; -2: none here).
    private int _wantedSection = -1, _wantedSubsection = -1;

    public TopDocsCollector<FieldValueHitQueue.Entry> Page => page;

    public bool AcceptsDocsOutOfOrder => page.AcceptsDocsOutOfOrder;

    public void SetScorer(Scorer scorer) => page.SetScorer(scorer);

    public void SetNextReader(AtomicReaderContext context)
    {
        Flush();
        page.SetNextReader(context);
        _sections = FieldCache.DEFAULT.GetTermsIndex(context.AtomicReader, ArticleIndex.Section);
        _subsections = FieldCache.DEFAULT.GetTermsIndex(context.AtomicReader, ArticleIndex.Subsection);
        _subsectionSlots = (_subsections?.ValueCount ?? 0) + 1;
        _segment = new int[Math.Max(1, (_sections?.ValueCount ?? 0) * _subsectionSlots)];
        _wantedSection = Wanted(_sections, section);
        _wantedSubsection = Wanted(_subsections, subsection);
    }

    private static int Wanted(SortedDocValues? values, string? wanted) =>
        wanted is null ? -1 : values?.LookupTerm(new BytesRef(wanted)) is >= 0 and var ord ? ord : -2;

    public void Collect(int doc)
    {
        if (_sections is null) return;
        var sectionOrd = _sections.GetOrd(doc);
        if (sectionOrd < 0) return;
        var subsectionOrd = _subsections?.GetOrd(doc) ?? -1;
        _segment[sectionOrd * _subsectionSlots + subsectionOrd + 1]++;
        if ((_wantedSection == -1 || _wantedSection == sectionOrd) && (_wantedSubsection == -1 || _wantedSubsection == subsectionOrd))
            page.Collect(doc);
    }

    private void Flush()
    {
        if (_sections is null) return;
        var bytes = new BytesRef();
        for (var slot = 0; slot < _segment.Length; slot++)
        {
            if (_segment[slot] == 0) continue;
            _sections.LookupOrd(slot / _subsectionSlots, bytes);
            var section = bytes.Utf8ToString();
            string? subsection = null;
            if (slot % _subsectionSlots is var sub and > 0)
            {
                _subsections!.LookupOrd(sub - 1, bytes);
                subsection = bytes.Utf8ToString();
            }
            _counts[(section, subsection)] = _counts.GetValueOrDefault((section, subsection)) + _segment[slot];
        }
        _sections = null;
    }

    public long Total(string? section, string? subsection)
    {
        Flush();
        return _counts.Where(c => (section is null || c.Key.Section == section) && (subsection is null || c.Key.Subsection == subsection))
            .Sum(c => c.Value);
    }

    public IEnumerable<(string Section, long Count)> BySection()
    {
        Flush();
        return _counts.GroupBy(c => c.Key.Section).Select(g => (g.Key, g.Sum(c => c.Value)));
    }
}
