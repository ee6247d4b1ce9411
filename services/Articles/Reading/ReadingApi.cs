namespace NewsPlatform.Articles.Reading;

/// <summary>The public reading routes: anyone may call them.</summary>
public static class ReadingApi
{
    public static void MapReading(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api").WithTags("Reading")
            .AnswersWithLength(app.ServiceProvider.GetRequiredService<IConfiguration>());
        api.MapSectionFronts();
        api.MapRelatedAndMostRead(); // before {slug}, though literal segments win anyway
        api.MapArticleBySlug();
        api.MapCorrections();
        app.MapFeeds();
    }
}
