using JasperFx.Events.Projections;
using Marten;
using NewsPlatform.Articles.Demo;
using NewsPlatform.Articles.Domain;
using NewsPlatform.Articles.Entitlements;
using NewsPlatform.Articles.Integration;
using NewsPlatform.Articles.Newsroom;
using NewsPlatform.Articles.Photos;
using NewsPlatform.Articles.Projections;
using NewsPlatform.Articles.Reading;
using NewsPlatform.Articles.Telemetry;

namespace NewsPlatform.Articles;

public static class ArticlesModule
{
    public static IHostApplicationBuilder AddArticles(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.Configure<Publication>(builder.Configuration.GetSection("Publication"));
        builder.AddPlatformAuthentication();
        builder.Services.AddSingleton<ArticlesMetrics>();
        builder.AddApiDescription("NewsPlatform Articles");

        // Newsroom
        builder.Services.AddSingleton<ArticleBodySanitizer>();
        builder.Services.AddScoped<ArticleWriter>();
        builder.Services.AddScoped<ArticlePublisher>();
        builder.Services.AddExceptionHandler<NewsroomProblems>();
        builder.Services.AddHostedService<ScheduledPublishing>();

        // Photos
        builder.Services.AddScoped<PhotoLibrary>();
        builder.Services.AddScoped<INewsroomPhotos>(services => services.GetRequiredService<PhotoLibrary>());

        // Reading
        builder.Services.AddScoped<ReaderAccess>();
        builder.Services.AddSingleton<ArticleViews>();
        builder.Services.AddSingleton<ArticleViewsFlusher>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<ArticleViewsFlusher>());

        if (builder.Configuration.GetValue<bool>("Demo:Seed")) builder.Services.AddHostedService<DemoNewsroom>();

        builder.AddEventStore("articlesdb", options =>
            {
                options.Events.MetadataConfig.HeadersEnabled = true;
                options.Events.AddEventTypes([
                    typeof(ArticleDrafted), typeof(ArticleRevised), typeof(ArticleScheduled), typeof(ArticleScheduleCancelled),
                    typeof(ArticlePublished), typeof(ArticleCorrected), typeof(ArticleUnpublished),
                ]);

                // Newsroom view: inline, so an editor reads their own write and its version at once.
                options.Projections.Add<ArticleProjection>(ProjectionLifecycle.Inline);
                options.Schema.For<Article>().Index(a => a.Status).Index(a => a.LastChangedAt);

                // Public pages: inline too, so an article is readable by its slug as soon as publishing answers, and
                // a takedown or correction is in the page before its event reaches the bus (and the caches it purges).
                options.Projections.Add<ArticlePageProjection>(ProjectionLifecycle.Inline);
                options.Schema.For<ArticlePage>()
                    .Index(p => p.Article.Slug)
                    .Index(p => p.Article.PublishedAt);

                options.Schema.For<SlugReservation>();
                options.Schema.For<NewsroomStaff>();
                options.Schema.For<ReaderEntitlement>().UseOptimisticConcurrency(true);
                options.Storage.ExtendedSchemaObjects.Add(ArticleViews.Schema());

                // Photos: a stream per photo (its one upload event, no bytes), the photo inline so the upload's answer
                // reads it back, and the files themselves in a plain table written in the event's transaction.
                options.Events.AddEventType<PhotoUploaded>();
                options.Projections.Add<PhotoProjection>(ProjectionLifecycle.Inline);
                options.Storage.ExtendedSchemaObjects.Add(PhotoFiles.Schema());
            })
            .AddSubscriptionWithServices<ArticleEventsForwarder>(ServiceLifetime.Singleton);

        builder.AddMessageBus("messaging", "articles",
            bus => bus.AddConsumer<SubscriptionEventConsumers>(typeof(SubscriptionEventConsumersDefinition)));
        return builder;
    }

    public static WebApplication MapArticles(this WebApplication app)
    {
        app.MapOpenApi(); // /openapi/v1.json, read by the gateway (which does not route it)
        app.UseNewsroomRequestLimit();
        app.MapNewsroom();
        app.MapReading();
        app.MapPhotoFiles();
        return app;
    }
}

/// <summary>Names this service's assembly, e.g. for an in-process test host.</summary>
public sealed class ArticlesService;
