namespace NewsPlatform.Articles.Newsroom;

/// <summary>The newsroom's routes: editors write articles here. Every route needs the editor role.</summary>
public static class NewsroomApi
{
    public static RouteGroupBuilder MapNewsroom(this IEndpointRouteBuilder app)
    {
        var newsroom = app.MapGroup("/api/newsroom/articles")
            .WithTags("Newsroom")
            .RequireAuthorization(Policies.Editor);
        newsroom.MapDraftArticle();
        newsroom.MapListNewsroomArticles();
        newsroom.MapGetNewsroomArticle();
        newsroom.MapReviseArticle();
        newsroom.MapPublishArticle();
        newsroom.MapUnpublishArticle();
        newsroom.MapArticleHistory();
        return newsroom;
    }
}
