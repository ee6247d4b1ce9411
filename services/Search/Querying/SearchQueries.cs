using System.Text;
using NewsPlatform.Search.Indexing;
using Npgsql;
using NpgsqlTypes;

namespace NewsPlatform.Search.Querying;

public sealed record SearchHit(
    Guid Id, string Slug, string Headline, string Section, string? Subsection, string? Byline,
    DateTimeOffset PublishedAt, DateTimeOffset? UpdatedAt, bool IsPremium, double Score, string Snippet);

public sealed record SectionFacet(string Section, long Count);

public sealed record SearchResults(
    IReadOnlyList<SearchHit> Items, int Page, int PageSize, long Total, IReadOnlyList<SectionFacet> Facets,
    string? DidYouMean);

public sealed record Suggestion(Guid Id, string Slug, string Headline, string Section, DateTimeOffset PublishedAt);

/// <summary>What answers searches and suggestions, whichever engine is behind it.</summary>
public interface ISearchQueries
{
    SearchEngine Engine { get; }
    Task<SearchResults> SearchAsync(SearchRequest request, CancellationToken cancellationToken);
    Task<IReadOnlyList<Suggestion>> SuggestAsync(string typed, CancellationToken cancellationToken);
}

/// <summary>
/// The SQL behind search on the PostgreSQL engines. The query text always travels as a parameter into
/// <c>websearch_to_tsquery</c>, which accepts any input (quotes, <c>-word</c>, <c>OR</c>) without
/// syntax errors. The page is ordered by the engine's index (see <see cref="SearchEngine"/>);
/// the total and the section facets come from one grouped count over the same matches.
/// </summary>
public sealed class SearchQueries(NpgsqlDataSource dataSource, SearchIndex index) : ISearchQueries
{
    public SearchEngine Engine => index.Engine;

    private const string Matches = "document @@ websearch_to_tsquery('english', $1)";

    /// <summary>How far past the page the RUM rank order is read to put equally ranked articles newest first.</summary>
    private const int TieWindow = 40;

    public async Task<SearchResults> SearchAsync(SearchRequest request, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        // One snapshot for the page and the counts, so an article indexed in between cannot make them disagree.
        await using var snapshot = await connection.BeginTransactionAsync(System.Data.IsolationLevel.RepeatableRead, cancellationToken);
        var counts = await CountsAsync(connection, request, cancellationToken);
        var total = counts.Where(c => InSection(c.Section, c.Subsection, request)).Sum(c => c.Count);
        if (request.Order == SearchOrder.Newest) await SteerNewestFirstAsync(connection, total, cancellationToken);
        else if (index.Engine == SearchEngine.Rum && total > 0 && counts.Sum(c => c.Unfiltered) > 4 * total)
            // Filters keep few of the matches: reading the rank order and skipping most of it costs more
            // than ranking just the ones that pass (bitmap, then sort by distance).
            await Execute(connection, "SELECT set_config('enable_indexscan', 'off', true)", cancellationToken);
        var items = total == 0 ? new List<SearchHit>() : await PageAsync(connection, request, cancellationToken);

        var facets = counts.Where(c => c.Count > 0).GroupBy(c => c.Section)
            .Select(g => new SectionFacet(g.Key, g.Sum(c => c.Count)))
            .OrderByDescending(f => f.Count).ThenBy(f => f.Section, StringComparer.Ordinal)
            .ToList();
        var didYouMean = total == 0 ? await DidYouMeanAsync(connection, request, cancellationToken) : null;
        return new SearchResults(items, request.Page, request.PageSize, total, facets, didYouMean);
    }

    /// <summary>
    /// Newest-first has two good plans, and PostgreSQL's estimate of how many articles match a text
    /// query is too rough to choose between them: when many match, walk the publication-time index
    /// newest first and check each article (a page is found within a few rows); when few match, fetch
    /// them all through the text index and sort (a walk would read most of the table). The exact
    /// count just taken decides, for this transaction only.
    /// </summary>
    private static async Task SteerNewestFirstAsync(NpgsqlConnection connection, long matches, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("""
            SELECT CASE WHEN $1 >= greatest(50, (SELECT reltuples FROM pg_class WHERE oid = 'search_article'::regclass) * 0.05)
                THEN set_config('enable_bitmapscan', 'off', true)
                ELSE set_config('enable_indexscan', 'off', true) END
            """, connection) { Parameters = { new() { Value = matches, NpgsqlDbType = NpgsqlDbType.Bigint } } };
        await command.ExecuteScalarAsync(cancellationToken);
    }

    private static bool InSection(string section, string? subsection, SearchRequest request) =>
        (request.Section is null || section == request.Section) && (request.Subsection is null || subsection == request.Subsection);

    private static async Task Execute(NpgsqlConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private async Task<List<SearchHit>> PageAsync(NpgsqlConnection connection, SearchRequest request, CancellationToken cancellationToken)
    {
        // RUM reads the best matches in index order. Its rank order cannot also sort ties by time, so it
        // reads a window a little past the page and the outer query breaks ties there.
        var (inner, outer) = (request.Order, index.Engine) switch
        {
            (SearchOrder.Newest, _) => ("published_at DESC", "published_at DESC"),
            (_, SearchEngine.Rum) => ("document <=> websearch_to_tsquery('english', $1)", "distance, published_at DESC"),
            _ => ("ts_rank(document, websearch_to_tsquery('english', $1)) DESC, published_at DESC", "score DESC, published_at DESC"),
        };
        var window = request.Order == SearchOrder.Relevance && index.Engine == SearchEngine.Rum
            ? $"LIMIT {request.Offset + request.PageSize + TieWindow}) best ORDER BY {outer} LIMIT {request.PageSize} OFFSET {request.Offset}"
            : $"LIMIT {request.PageSize} OFFSET {request.Offset}) best";

        // The excerpt is built for the page only. Angle brackets are swapped for stand-ins first, or
        // ts_headline would drop anything that looks like a tag instead of showing it escaped. A premium
        // article's excerpt comes from its headline and summary: search must not give away what the paywall keeps.
        var sql = new StringBuilder($"""
            SELECT page.id, slug, headline, section, subsection, byline, published_at, updated_at, is_premium, score,
                ts_headline('english',
                    translate(CASE WHEN is_premium THEN headline || '. ' || t.summary ELSE t.summary || ' ' || t.body END, '<>', $3),
                    websearch_to_tsquery('english', $1), $2)
            FROM (SELECT * FROM (
                SELECT id, slug, headline, section, subsection, byline, published_at, updated_at, is_premium,
                    ts_rank(document, websearch_to_tsquery('english', $1)) AS score,
                    {(index.Engine == SearchEngine.Rum ? "document <=> websearch_to_tsquery('english', $1)" : "0")} AS distance
                FROM search_article WHERE {Matches}
            """);
        var command = new NpgsqlCommand { Connection = connection };
        command.Parameters.Add(new NpgsqlParameter { Value = request.Query, NpgsqlDbType = NpgsqlDbType.Text });
        command.Parameters.Add(new NpgsqlParameter { Value = Snippet.HeadlineOptions, NpgsqlDbType = NpgsqlDbType.Text });
        command.Parameters.Add(new NpgsqlParameter { Value = Snippet.AngleBrackets, NpgsqlDbType = NpgsqlDbType.Text });
        AppendFilters(sql, command, request, includeSection: true);
        sql.Append($" ORDER BY {inner} {window}) page JOIN search_article_text t ON t.id = page.id ORDER BY {outer}");
        command.CommandText = sql.ToString();

        var hits = new List<SearchHit>(request.PageSize);
        await using (command)
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                hits.Add(new SearchHit(
                    reader.GetGuid(0), reader.GetString(1), reader.GetString(2), reader.GetString(3),
                    reader.IsDBNull(4) ? null : reader.GetString(4),
                    reader.GetString(5) is { Length: > 0 } byline ? byline : null,
                    reader.GetFieldValue<DateTimeOffset>(6),
                    reader.IsDBNull(7) ? null : reader.GetFieldValue<DateTimeOffset>(7),
                    reader.GetBoolean(8), Math.Round(reader.GetFloat(9), 6),
                    Snippet.ToHtml(reader.GetString(10))));
            }
        }
        return hits;
    }

    /// <summary>
    /// Matches per section and subsection, within the date range (for the total and the facets, which
    /// ignore the section filter) and in all (to know how much the filters narrow the query).
    /// </summary>
    private static async Task<List<(string Section, string? Subsection, long Count, long Unfiltered)>> CountsAsync(
        NpgsqlConnection connection, SearchRequest request, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand { Connection = connection };
        command.Parameters.Add(new NpgsqlParameter { Value = request.Query, NpgsqlDbType = NpgsqlDbType.Text });
        var dates = new StringBuilder("true");
        AppendFilters(dates, command, request, includeSection: false);
        command.CommandText = $"""
            SELECT section, subsection, count(*) FILTER (WHERE {dates}), count(*)
            FROM search_article WHERE {Matches} GROUP BY section, subsection
            """;

        var counts = new List<(string, string?, long, long)>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
            counts.Add((reader.GetString(0), reader.IsDBNull(1) ? null : reader.GetString(1), reader.GetInt64(2), reader.GetInt64(3)));
        return counts;
    }

    private static void AppendFilters(StringBuilder sql, NpgsqlCommand command, SearchRequest request, bool includeSection)
    {
        void Add(string condition, object value, NpgsqlDbType type)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = value, NpgsqlDbType = type });
            sql.Append(" AND ").Append(condition.Replace("@", "$" + command.Parameters.Count));
        }

        if (includeSection && request.Section is not null) Add("section = @", request.Section, NpgsqlDbType.Text);
        if (includeSection && request.Subsection is not null) Add("subsection = @", request.Subsection, NpgsqlDbType.Text);
        if (request.From is { } from) Add("published_at >= @", from, NpgsqlDbType.TimestampTz);
        if (request.Before is { } before) Add("published_at < @", before, NpgsqlDbType.TimestampTz);
    }

    /// <summary>
    /// For a query that found nothing: each word the lexicon does not know is replaced by its closest
    /// known word (trigram similarity); the corrected query is offered only if it finds something.
    /// </summary>
    private static async Task<string?> DidYouMeanAsync(NpgsqlConnection connection, SearchRequest request, CancellationToken cancellationToken)
    {
        var words = SearchIndexProjection.LexiconWords([request.Query]);
        if (words.Length == 0) return null;

        await using var corrections = new NpgsqlCommand("""
            SELECT w, (SELECT word FROM search_lexicon WHERE word % w ORDER BY word <-> w, word LIMIT 1)
            FROM unnest($1::text[]) w
            WHERE NOT EXISTS (SELECT FROM search_lexicon WHERE word = w)
            """, connection) { Parameters = { new() { Value = words } } };
        var replacements = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        await using (var reader = await corrections.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
                if (!reader.IsDBNull(1)) replacements[reader.GetString(0)] = reader.GetString(1);
        }
        if (replacements.Count == 0) return null;

        var corrected = SearchIndexProjection.Word().Replace(request.Query,
            m => replacements.TryGetValue(m.Value, out var better) ? better : m.Value);
        await using var check = new NpgsqlCommand($"SELECT EXISTS (SELECT FROM search_article WHERE {Matches})", connection)
        {
            Parameters = { new() { Value = corrected, NpgsqlDbType = NpgsqlDbType.Text } },
        };
        return await check.ExecuteScalarAsync(cancellationToken) is true ? corrected : null;
    }

    /// <summary>
    /// Up to 10 live headlines, newest first, containing the typed words with the last one as a prefix;
    /// when fewer are found, typed words the lexicon does not know are swapped for their nearest known
    /// word (typos) and the lookup repeats.
    /// </summary>
    public async Task<IReadOnlyList<Suggestion>> SuggestAsync(string typed, CancellationToken cancellationToken)
    {
        const int limit = 10;
        var words = SuggestionWords(typed);
        if (words.Count == 0) return [];
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);

        var found = await HeadlinesAsync(connection, words, limit, cancellationToken);
        if (found.Count < limit)
        {
            var corrected = await CorrectAsync(connection, words, cancellationToken);
            if (!corrected.SequenceEqual(words))
                found = found.Concat(await HeadlinesAsync(connection, corrected, limit, cancellationToken))
                    .DistinctBy(s => s.Id).Take(limit).ToList();
        }
        return found;
    }

    private static List<string> SuggestionWords(string typed) => Vocabulary.Words(typed).Take(8).ToList();

    private static async Task<List<Suggestion>> HeadlinesAsync(
        NpgsqlConnection connection, IReadOnlyList<string> words, int limit, CancellationToken cancellationToken)
    {
        // Whole words must match; the last one is still being typed, so it is a prefix. Each word
        // is quoted as a lexeme so nothing typed can be read as tsquery syntax.
        var terms = words.Select((w, i) => "'" + w.Replace("'", "''").Replace("\\", "\\\\") + "'" + (i == words.Count - 1 ? ":*" : ""));
        await using var command = new NpgsqlCommand($"""
            SELECT id, slug, headline, section, published_at FROM search_article
            WHERE headline_terms @@ to_tsquery('simple', $1)
            ORDER BY published_at DESC LIMIT {limit}
            """, connection) { Parameters = { new() { Value = string.Join(" & ", terms), NpgsqlDbType = NpgsqlDbType.Text } } };
        var suggestions = new List<Suggestion>(limit);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
            suggestions.Add(new Suggestion(reader.GetGuid(0), reader.GetString(1), reader.GetString(2), reader.GetString(3),
                reader.GetFieldValue<DateTimeOffset>(4)));
        return suggestions;
    }

    private static async Task<List<string>> CorrectAsync(NpgsqlConnection connection, List<string> words, CancellationToken cancellationToken)
    {
        // A known word stands; so does the last (still being typed) if some known word starts with it.
        // Words are letters and digits only (see SuggestionWords), so they need no LIKE escaping.
        await using var command = new NpgsqlCommand("""
            SELECT CASE
                WHEN EXISTS (SELECT FROM search_lexicon WHERE word = w)
                  OR (n = cardinality($1::text[]) AND EXISTS (SELECT FROM search_lexicon WHERE word LIKE w || '%'))
                THEN w
                ELSE coalesce((SELECT word FROM search_lexicon WHERE word % w ORDER BY word <-> w, word LIMIT 1), w)
            END
            FROM unnest($1::text[]) WITH ORDINALITY AS t(w, n) ORDER BY n
            """, connection) { Parameters = { new() { Value = words.ToArray() } } };
        var corrected = new List<string>(words.Count);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken)) corrected.Add(reader.GetString(0));
        return corrected;
    }
}
