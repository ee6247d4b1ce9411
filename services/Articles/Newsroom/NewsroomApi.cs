namespace NewsPlatform.Articles.Newsroom;

/// <summary>The newsroom's routes: editors write articles here. Every route needs the editor role.</summary>
public static class NewsroomApi
{
    /// <summary>Room for a 200 KB body plus the rest of the copy and JSON escaping; larger requests get 413.</summary>
    public const long MaxRequestBytes = 1024 * 1024;

    /// <summary>Refuses oversized newsroom requests before their body is read.</summary>
    public static IApplicationBuilder UseNewsroomRequestLimit(this IApplicationBuilder app) =>
        app.UseWhen(http => http.Request.Path.StartsWithSegments("/api/newsroom"), newsroom => newsroom.Use(async (http, next) =>
        {
            if (http.Request.ContentLength > MaxRequestBytes)
            {
                await TypedResults.Problem(statusCode: StatusCodes.Status413PayloadTooLarge, title: "The request is too large.",
                    detail: $"A newsroom request has at most {MaxRequestBytes / 1024} KB.",
                    type: "https://newsplatform.dev/problems/request-too-large").ExecuteAsync(http);
                return;
            }
            // Bodies without a declared length are cut off at the same size by the server.
            if (http.Features.Get<Microsoft.AspNetCore.Http.Features.IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
                limit.MaxRequestBodySize = MaxRequestBytes;
            await next(http);
        }));

    public static RouteGroupBuilder MapNewsroom(this IEndpointRouteBuilder app)
    {
        var newsroom = app.MapGroup("/api/newsroom/articles")
            .WithTags("Newsroom")
            .RequireAuthorization(Policies.Editor)
            .AddEndpointFilter(RememberingEditors);
        newsroom.MapDraftArticle();
        newsroom.MapListNewsroomArticles();
        newsroom.MapGetNewsroomArticle();
        newsroom.MapReviseArticle();
        newsroom.MapPublishArticle();
        newsroom.MapUnpublishArticle();
        newsroom.MapArticleHistory();
        newsroom.MapRestoreVersion();
        newsroom.MapPreviewArticle();
        return newsroom;
    }

    // Every change an editor makes also records the name they go by, in the change's own transaction.
    private static ValueTask<object?> RememberingEditors(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        if (!HttpMethods.IsGet(http.Request.Method) && !HttpMethods.IsHead(http.Request.Method))
            NewsroomStaff.Remember(http, http.RequestServices.GetRequiredService<Marten.IDocumentSession>());
        return next(context);
    }
}
