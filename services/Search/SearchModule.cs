using JasperFx.Events.Projections;
using NewsPlatform.Contracts.Articles;
using NewsPlatform.Search.Indexing;
using NewsPlatform.Search.Querying;

namespace NewsPlatform.Search;

public static class SearchModule
{
    public static IHostApplicationBuilder AddSearch(this IHostApplicationBuilder builder)
    {
        builder.AddPlatformAuthentication();
        builder.AddApiDescription("NewsPlatform Search");
        builder.AddEventStore("searchdb", options =>
        {
            // The article events as received, one stream per article; the index is their projection.
            options.Events.AddEventTypes([typeof(ArticlePublished), typeof(ArticleUpdated), typeof(ArticleUnpublished)]);
            options.Projections.Add<SearchableArticleProjection>(ProjectionLifecycle.Inline);

            // One weighted English index over what a reader searches by.
            options.Schema.For<SearchableArticle>().FullTextIndex(
                index => { index.Name = "mt_searchable_article_text"; index.RegConfig = "english"; },
                a => a.Headline, a => a.Summary, a => a.BodyText, a => a.Byline);
        });

        builder.AddMessageBus("messaging", "search", bus => bus.AddConsumer<ArticleEventsConsumer>(typeof(ArticleEventsConsumerDefinition)));
        return builder;
    }

    public static WebApplication MapSearchApi(this WebApplication app)
    {
        app.MapOpenApi(); // /openapi/v1.json, read by the gateway (which does not route it)
        app.MapSearch();
        return app;
    }
}

/// <summary>Names this service's assembly, e.g. for an in-process test host.</summary>
public sealed class SearchService;
