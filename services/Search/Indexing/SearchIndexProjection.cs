using System.Text.RegularExpressions;
using JasperFx.Events;
using Marten;
using Marten.Events.Projections;
using NewsPlatform.Contracts.Articles;

namespace NewsPlatform.Search.Indexing;

/// <summary>
/// Keeps the search table and lexicon (see <see cref="SearchIndex"/>) from this service's stored
/// article events, inline with each append. Each event carries the whole article, and the stream only
/// ever receives newer versions, so every event is handled on its own: publish and correct upsert,
/// unpublish deletes. The version guard keeps a replay from overwriting newer rows.
/// </summary>
public sealed partial class SearchIndexProjection : EventProjection
{
    private const string Upsert = """
        INSERT INTO search_article AS current (id, article_version, slug, headline, byline, section, subsection,
            tags, is_premium, published_at, updated_at, document, headline_terms)
        SELECT ?::uuid, ?::bigint, ?::text, a.headline, a.byline, ?::text, ?::text, a.tags, ?::boolean,
            ?::timestamptz, ?::timestamptz,
            setweight(to_tsvector('english', a.headline), 'A')
                || setweight(to_tsvector('english', a.summary || ' ' || array_to_string(a.tags, ' ')), 'B')
                || setweight(to_tsvector('english', a.body || ' ' || a.byline), 'C'),
            to_tsvector('simple', a.headline)
        FROM (SELECT ?::text AS headline, ?::text AS summary, ?::text AS body, ?::text AS byline, ?::text[] AS tags) a
        ON CONFLICT (id) DO UPDATE SET
            article_version = excluded.article_version, slug = excluded.slug, headline = excluded.headline,
            byline = excluded.byline, section = excluded.section, subsection = excluded.subsection, tags = excluded.tags,
            is_premium = excluded.is_premium, published_at = excluded.published_at, updated_at = excluded.updated_at,
            document = excluded.document, headline_terms = excluded.headline_terms
        WHERE current.article_version < excluded.article_version
        """;

    private const string UpsertText = """
        INSERT INTO search_article_text (id, summary, body) VALUES (?::uuid, ?::text, ?::text)
        ON CONFLICT (id) DO UPDATE SET summary = excluded.summary, body = excluded.body
        """;

    // Sorted words, so two transactions adding overlapping words lock them in the same order.
    private const string AddWords = "INSERT INTO search_lexicon (word) SELECT unnest(?::text[]) ORDER BY 1 ON CONFLICT DO NOTHING";

    public SearchIndexProjection()
    {
        IncludeType<ArticlePublished>();
        IncludeType<ArticleUpdated>();
        IncludeType<ArticleUnpublished>();
    }

    public override ValueTask ApplyAsync(IDocumentOperations operations, IEvent e, CancellationToken cancellation)
    {
        switch (e.Data)
        {
            case ArticlePublished p: Index(operations, p.ArticleId, p.Version, p.Content, p.PublishedAt, p.UpdatedAt); break;
            case ArticleUpdated u: Index(operations, u.ArticleId, u.Version, u.Content, u.PublishedAt, u.UpdatedAt); break;
            case ArticleUnpublished g:
                operations.QueueSqlCommand("DELETE FROM search_article WHERE id = ?::uuid AND article_version < ?::bigint", g.ArticleId, g.Version);
                operations.QueueSqlCommand("DELETE FROM search_article_text WHERE id = ?::uuid", g.ArticleId);
                break;
        }
        return ValueTask.CompletedTask;
    }

    private static void Index(IDocumentOperations ops, Guid id, long version, ArticleContent content,
        DateTimeOffset publishedAt, DateTimeOffset? updatedAt)
    {
        var tags = content.Tags.Select(Clean).ToArray();
        ops.QueueSqlCommand(Upsert,
            id, version, content.Slug, content.Section, (object?)content.Subsection ?? DBNull.Value, content.IsPremium,
            publishedAt, (object?)updatedAt ?? DBNull.Value,
            Clean(content.Headline), Clean(content.Summary), Clean(content.BodyText), Clean(content.Byline), (object)tags);
        ops.QueueSqlCommand(UpsertText, id, Clean(content.Summary), Clean(content.BodyText));
        ops.QueueSqlCommand(AddWords, (object)LexiconWords([content.Headline, content.Summary, .. tags]));
    }

    /// <summary>
    /// Never null (one null would blank the whole vector), and without the control characters the
    /// snippet builder uses to mark matches.
    /// </summary>
    internal static string Clean(string? text) => text is null ? "" : ControlCharacters().Replace(text, " ");

    /// <summary>The distinct lower-case words (three letters or more) readers are likely to type.</summary>
    internal static string[] LexiconWords(IEnumerable<string?> texts) =>
        texts.SelectMany(t => Word().Matches(t ?? "").Select(m => m.Value.ToLowerInvariant()))
            .Where(w => w.Length is >= 3 and <= 40)
            .Distinct()
            .Order(StringComparer.Ordinal)
            .ToArray();

    /// <summary>A word as the lexicon keeps it: letters (with their combining marks).</summary>
    [GeneratedRegex(@"\p{L}[\p{L}\p{Mn}]*")]
    internal static partial Regex Word();

    [GeneratedRegex(@"[\x00-\x08\x0B\x0C\x0E-\x1F]")]
    private static partial Regex ControlCharacters();
}
