using Npgsql;

namespace NewsPlatform.Search.Indexing;

/// <summary>
/// What answers full-text queries. Lucene: an inverted index in each replica's process, kept from
/// the event store (top-k ranking and counting without a database round trip). RUM: a PostgreSQL
/// index that keeps term positions, so "best k" is read in order without touching every match.
/// GIN: PostgreSQL's stock index, which must fetch and rank every matching row. The README has the
/// measurements behind the default.
/// </summary>
public enum SearchEngine { Lucene, Rum, Gin }

public sealed class SearchIndexOptions
{
    public const string Section = "Search";

    /// <summary>The engine wanted; RUM falls back to GIN where the server lacks the extension.</summary>
    public SearchEngine Engine { get; set; } = SearchEngine.Lucene;

    /// <summary>Where a Lucene replica keeps its copy of the index (a folder of the machine's temporary directory when unset).</summary>
    public string? IndexPath { get; set; }
}

/// <summary>
/// The search table: one row per live article with its weighted text vector (headline A; summary and
/// tags B; body and byline C), kept by <see cref="SearchIndexProjection"/> in the same transaction
/// as the received event. Beside it, a lexicon of headline, summary and tag words with trigrams for
/// suggestions and "did you mean". Both are projections: a rebuild empties and refills them.
/// </summary>
public sealed class SearchIndex(NpgsqlDataSource dataSource, SearchIndexOptions options, ILogger<SearchIndex> logger)
{
    public const string TextConfiguration = "english";

    /// <summary>The engine in use, known once <see cref="EnsureSchemaAsync"/> has run.</summary>
    public SearchEngine Engine { get; private set; } = options.Engine;

    // The article row stays narrow (the texts for excerpts live beside it), so counting thousands of
    // matches for the total and the facets reads few pages; the vectors are stored out of line.
    private const string Tables = """
        CREATE EXTENSION IF NOT EXISTS pg_trgm;
        CREATE TABLE IF NOT EXISTS search_article (
            id uuid PRIMARY KEY,
            article_version bigint NOT NULL,
            slug text NOT NULL,
            headline text NOT NULL,
            byline text NOT NULL,
            section text NOT NULL,
            subsection text,
            tags text[] NOT NULL,
            is_premium boolean NOT NULL,
            published_at timestamptz NOT NULL,
            updated_at timestamptz,
            document tsvector NOT NULL,
            headline_terms tsvector NOT NULL);
        ALTER TABLE search_article ALTER COLUMN document SET STORAGE EXTERNAL;
        CREATE TABLE IF NOT EXISTS search_article_text (
            id uuid PRIMARY KEY,
            summary text NOT NULL,
            body text NOT NULL);
        CREATE INDEX IF NOT EXISTS search_article_section ON search_article (section, published_at DESC);
        CREATE INDEX IF NOT EXISTS search_article_published ON search_article (published_at DESC);
        CREATE INDEX IF NOT EXISTS search_article_headline_terms ON search_article USING gin (headline_terms);
        CREATE TABLE IF NOT EXISTS search_lexicon (word text PRIMARY KEY);
        CREATE INDEX IF NOT EXISTS search_lexicon_trigrams ON search_lexicon USING gin (word gin_trgm_ops);
        """;

    // RUM orders matches by rank (term positions are in the index). A second RUM index carrying the
    // publication time would make newest-first an index order too, but measured ~85 ms per article
    // written (against ~4 ms for this one), so newest-first uses the time index instead (see SearchQueries).
    private const string RumIndexes = """
        CREATE EXTENSION IF NOT EXISTS rum;
        DROP INDEX IF EXISTS search_article_document_gin;
        DROP INDEX IF EXISTS search_article_document_newest;
        CREATE INDEX IF NOT EXISTS search_article_document_rank ON search_article USING rum (document rum_tsvector_ops);
        """;

    private const string GinIndex = """
        DROP INDEX IF EXISTS search_article_document_rank;
        DROP INDEX IF EXISTS search_article_document_newest;
        CREATE INDEX IF NOT EXISTS search_article_document_gin ON search_article USING gin (document);
        """;

    // A bulk load builds an index many times faster in one go than row by row.
    private const string DropForBulkLoad = """
        DROP INDEX IF EXISTS search_article_document_rank;
        DROP INDEX IF EXISTS search_article_document_newest;
        DROP INDEX IF EXISTS search_article_document_gin;
        DROP INDEX IF EXISTS search_article_headline_terms;
        DROP INDEX IF EXISTS search_lexicon_trigrams;
        TRUNCATE search_article, search_article_text, search_lexicon;
        """;

    /// <summary>
    /// Creates the tables and the chosen engine's index (dropping the other's, so the planner cannot
    /// pick it). Replicas starting together take turns through an advisory lock.
    /// </summary>
    public async Task EnsureSchemaAsync(CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await Execute(connection, "SET statement_timeout = 0", cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await Execute(connection, "SELECT pg_advisory_xact_lock(hashtext('newsplatform.search.schema'))", cancellationToken);
        await Execute(connection, Tables, cancellationToken);

        if (options.Engine == SearchEngine.Rum)
        {
            await Execute(connection, "SAVEPOINT engine", cancellationToken);
            try
            {
                await Execute(connection, RumIndexes, cancellationToken);
                Engine = SearchEngine.Rum;
            }
            catch (PostgresException e) when (e.SqlState is PostgresErrorCodes.UndefinedFile or PostgresErrorCodes.FeatureNotSupported)
            {
                // No RUM on this server (e.g. a stock container image): stay correct, only slower on common words.
                logger.LogWarning("The RUM extension is not available ({Reason}); searching with a GIN index instead", e.MessageText);
                await Execute(connection, "ROLLBACK TO SAVEPOINT engine", cancellationToken);
                await Execute(connection, GinIndex, cancellationToken);
                Engine = SearchEngine.Gin;
            }
        }
        else
        {
            await Execute(connection, GinIndex, cancellationToken);
            Engine = SearchEngine.Gin;
        }

        await transaction.CommitAsync(cancellationToken);
        logger.LogInformation("Search index ready on the {Engine} engine", Engine);
    }

    /// <summary>
    /// Empties the index, without its text indexes, before a rebuild replays every stored event into it;
    /// <see cref="EnsureSchemaAsync"/> builds them again afterwards.
    /// </summary>
    public async Task ClearForRebuildAsync(CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await Execute(connection, DropForBulkLoad, cancellationToken);
    }

    private static async Task Execute(NpgsqlConnection connection, string sql, CancellationToken cancellationToken)
    {
        // Schema work only: building an index over a large table takes longer than any default timeout.
        await using var command = new NpgsqlCommand(sql, connection) { CommandTimeout = 0 };
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}

/// <summary>Prepares the search tables before the bus starts delivering events into them.</summary>
internal sealed class SearchIndexSchema(SearchIndex index) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => index.EnsureSchemaAsync(cancellationToken);
    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
