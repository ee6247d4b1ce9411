using Microsoft.AspNetCore.Http.HttpResults;
using NewsPlatform.Articles.Domain;

namespace NewsPlatform.Articles.Newsroom;

/// <summary>What an editor sends to start or revise an article.</summary>
public sealed record ArticleCopyRequest(
    string? Headline,
    string? Summary,
    string? Body,
    string? Section,
    string? Subsection,
    string? Byline,
    IReadOnlyList<string>? Tags,
    bool IsPremium = false)
{
    public ArticleCopy ToCopy() => new(Headline ?? "", Summary, Body ?? "", Section ?? "", Subsection, Byline, Tags ?? [], IsPremium);
}

/// <summary>Slice: an editor starts a new article as a draft.</summary>
public static class DraftArticleEndpoint
{
    public static void MapDraftArticle(this RouteGroupBuilder newsroom) =>
        newsroom.MapPost("/", Handle)
            .WithName("DraftArticle")
            .WithSummary("Create a draft");

    private static async Task<Created<NewsroomArticle>> Handle(
        ArticleCopyRequest request, HttpContext http, ArticleWriter writer, TimeProvider clock, CancellationToken cancellationToken)
    {
        var command = new DraftArticle(Guid.CreateVersion7(), request.ToCopy(), Editor.Of(http), clock.GetUtcNow());
        var version = await writer.StartAsync(command, cancellationToken);
        var article = ArticleDecider.Fold(ArticleDecider.Decide(command, null))!;

        http.Response.SetETag(version);
        return TypedResults.Created($"/api/newsroom/articles/{article.Id}", NewsroomArticle.From(article, version));
    }
}
