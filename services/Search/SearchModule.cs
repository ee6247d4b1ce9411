using JasperFx.Events.Projections;
using NewsPlatform.Contracts.Articles;
using NewsPlatform.Search.Indexing;
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
        builder.AddEventStore("searchdb", options =>
        {
            // The article events as received, one stream per article. The article document (which
            // version is indexed) and the search table are both their projections.
            options.Events.AddEventTypes([typeof(ArticlePublished), typeof(ArticleUpdated), typeof(ArticleUnpublished)]);
            options.Projections.Add<SearchableArticleProjection>(ProjectionLifecycle.Inline);
            options.Projections.Add(new SearchIndexProjection(), ProjectionLifecycle.Inline);
        });

        builder.Services.AddSingleton(builder.Configuration.GetSection(SearchIndexOptions.Section).Get<SearchIndexOptions>() ?? new());
        // Queries wait for one of a bounded set of connections rather than exhaust the server's under a burst.
        builder.Services.AddSingleton(_ => NpgsqlDataSource.Create(new NpgsqlConnectionStringBuilder(
            builder.Configuration.GetConnectionString("searchdb")) { MaxPoolSize = 32 }.ConnectionString));
        builder.Services.AddSingleton<SearchIndex>();
        builder.Services.AddSingleton<SearchQueries>();
        builder.Services.AddSingleton<IndexRebuild>();
        builder.Services.AddSingleton(TimeProvider.System);
        // After Marten's own schema work, before the bus delivers the first event.
        builder.Services.AddHostedService<SearchIndexSchema>();

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
