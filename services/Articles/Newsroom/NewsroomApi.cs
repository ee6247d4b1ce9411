using Microsoft.AspNetCore.Http.Metadata;
using NewsPlatform.Articles.Photos;

namespace NewsPlatform.Articles.Newsroom;

/// <summary>The newsroom's routes: editors write articles and upload photos here. Every route needs the editor role.</summary>
public static class NewsroomApi
{
    /// <summary>Room for a 200 KB body plus the rest of the copy and JSON escaping; larger requests get 413.</summary>
    public const long MaxRequestBytes = 1024 * 1024;

    /// <summary>
    /// Refuses oversized newsroom requests before their body is read. A route that declares a limit of its own
    /// (the photo upload) is left to it: it answers with its own problem, and the server already holds its limit.
    /// </summary>
    public static IApplicationBuilder UseNewsroomRequestLimit(this IApplicationBuilder app) =>
        app.UseWhen(http => http.Request.Path.StartsWithSegments("/api/newsroom")
                && http.GetEndpoint()?.Metadata.GetMetadata<IRequestSizeLimitMetadata>() is null,
            newsroom => newsroom.Use(async (http, next) =>
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
        var newsroom = app.MapGroup("/api/newsroom")
            .WithTags("Newsroom")
            .RequireAuthorization(Policies.Editor)
            .AddEndpointFilter(RememberingEditors);
        var articles = newsroom.MapGroup("/articles");
        articles.MapDraftArticle();
        articles.MapListNewsroomArticles();
        articles.MapGetNewsroomArticle();
        articles.MapReviseArticle();
        articles.MapPublishArticle();
        articles.MapUnpublishArticle();
        articles.MapArticleHistory();
        articles.MapRestoreVersion();
        articles.MapPreviewArticle();
        newsroom.MapNewsroomPhotos(); // /api/newsroom/photos
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
