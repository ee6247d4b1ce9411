using JasperFx.Events.Projections;
using NewsPlatform.Contracts.Articles;
using NewsPlatform.Search.Indexing;
using NewsPlatform.Search.Lucene;
using NewsPlatform.Search.Querying;
using NewsPlatform.Search.Telemetry;
using Npgsql;

namespace NewsPlatform.Search;

public static class SearchModule
{
    public static IHostApplicationBuilder AddSearch(this IHostApplicationBuilder builder)
    {
        builder.AddPlatformAuthentication();
        builder.Services.AddSingleton<SearchMetrics>();
        builder.AddApiDescription("NewsPlatform Search");
        var options = builder.Configuration.GetSection(SearchIndexOptions.Section).Get<SearchIndexOptions>() ?? new();
        builder.Services.AddSingleton(options);
        builder.AddEventStore("searchdb", store =>
        {
            // The article events as received, one stream per article. The article document (which
            // version is indexed) is their projection, and the engine's index a projection of that.
            store.Events.AddEventTypes([typeof(ArticlePublished), typeof(ArticleUpdated), typeof(ArticleUnpublished)]);
            store.Projections.Add<SearchableArticleProjection>(ProjectionLifecycle.Inline);
            if (options.Engine != SearchEngine.Lucene) store.Projections.Add(new SearchIndexProjection(), ProjectionLifecycle.Inline);
            store.Schema.For<StoredRebuildStatus>(); // the last rebuild, as every replica answers it
        });

        // Queries wait for one of a bounded set of connections rather than exhaust the server's under a burst.
        builder.Services.AddSingleton(_ => NpgsqlDataSource.Create(new NpgsqlConnectionStringBuilder(
            builder.Configuration.GetConnectionString("searchdb")) { MaxPoolSize = 32 }.ConnectionString));
        if (options.Engine == SearchEngine.Lucene)
        {
            // Each replica keeps its own copy, in a folder named after the database it follows.
            var database = new NpgsqlConnectionStringBuilder(builder.Configuration.GetConnectionString("searchdb")).Database ?? "search";
            builder.Services.AddSingleton(_ => ArticleIndex.Open(
                options.IndexPath ?? Path.Combine(Path.GetTempPath(), "newsplatform-search-index", database)));
            builder.Services.AddSingleton<ArticleIndexFeed>();
            builder.Services.AddHostedService(sp => sp.GetRequiredService<ArticleIndexFeed>());
            builder.Services.AddSingleton<ISearchQueries, LuceneSearchQueries>();
            builder.Services.AddHealthChecks().AddCheck<ArticleIndexHealthCheck>("search-index", tags: [ServiceDefaultsExtensions.ReadyTag]);
        }
        else
        {
            builder.Services.AddSingleton<SearchIndex>();
            builder.Services.AddSingleton<ISearchQueries, SearchQueries>();
            // After Marten's own schema work, before the bus delivers the first event.
            builder.Services.AddHostedService<SearchIndexSchema>();
        }
        builder.Services.AddSingleton<IndexRebuild>();
        builder.Services.AddSingleton(TimeProvider.System);

        builder.AddMessageBus("messaging", "search", bus => bus.AddConsumer<ArticleEventsConsumer>(typeof(ArticleEventsConsumerDefinition)));
        return builder;
    }

    public static WebApplication MapSearchApi(this WebApplication app)
    {
        app.MapOpenApi(); // /openapi/v1.json, read by the gateway (which does not route it)
        app.MapSearch();
        app.MapIndexRebuild();
        return app;
    }
}

/// <summary>Names this service's assembly, e.g. for an in-process test host.</summary>
public sealed class SearchService;
