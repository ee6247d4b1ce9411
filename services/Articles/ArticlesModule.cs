using JasperFx.Events.Projections;
using Marten;
using NewsPlatform.Articles.Domain;
using NewsPlatform.Articles.Integration;
using NewsPlatform.Articles.Newsroom;
using NewsPlatform.Articles.Projections;
using NewsPlatform.Articles.Reading;

namespace NewsPlatform.Articles;

public static class ArticlesModule
{
    public static IHostApplicationBuilder AddArticles(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddScoped<ArticleWriter>();
        builder.Services.AddExceptionHandler<NewsroomProblems>();

        builder.AddEventStore("articlesdb", options =>
            {
                options.Events.MetadataConfig.HeadersEnabled = true;
                options.Events.AddEventType<ArticleDrafted>();
                options.Events.AddEventType<ArticlePublished>();
                options.Projections.Add<ArticleProjection>(ProjectionLifecycle.Inline);
                options.Schema.For<SlugReservation>();
            })
            .AddSubscriptionWithServices<ArticleEventsForwarder>(ServiceLifetime.Singleton);

        builder.AddMessageBus("messaging", "articles");
        return builder;
    }

    public static WebApplication MapArticles(this WebApplication app)
    {
        app.MapNewsroom();
        app.MapReading();
        return app;
    }
}

/// <summary>Names this service's assembly, e.g. for an in-process test host.</summary>
public sealed class ArticlesService;
