namespace NewsPlatform.Articles.Newsroom;

/// <summary>The newsroom's routes: editors write articles here.</summary>
public static class NewsroomApi
{
    public static RouteGroupBuilder MapNewsroom(this IEndpointRouteBuilder app)
    {
        var newsroom = app.MapGroup("/api/newsroom/articles").WithTags("Newsroom");
        newsroom.MapDraftArticle();
        newsroom.MapGetNewsroomArticle();
        newsroom.MapPublishArticle();
        return newsroom;
    }
}
