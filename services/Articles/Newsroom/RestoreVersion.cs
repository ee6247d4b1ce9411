using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using NewsPlatform.Articles.Domain;

namespace NewsPlatform.Articles.Newsroom;

/// <param name="Version">The earlier version whose copy to bring back.</param>
/// <param name="CorrectionNote">For a live article the restore is a correction; readers see this note.</param>
public sealed record RestoreRequest(long? Version, string? CorrectionNote = null);

/// <summary>
/// Slice: an editor brings back an earlier version's copy as a new revision (a correction, once live). Nothing is
/// rewound: the versions in between stay in the history, and the restore names the version it came from.
/// </summary>
public static class RestoreVersionEndpoint
{
    public static void MapRestoreVersion(this RouteGroupBuilder newsroom) =>
        newsroom.MapPost("/{id:guid}/restore", Handle)
            .WithName("RestoreArticleVersion")
            .WithSummary("Make an earlier version's copy the article's newest revision (If-Match: its current version)");

    private static async Task<Results<Ok<NewsroomArticle>, ValidationProblem>> Handle(
        Guid id, RestoreRequest request, HttpContext http, IQuerySession query, ArticleWriter writer, TimeProvider clock,
        CancellationToken cancellationToken)
    {
        var expected = ArticleVersions.ExpectedVersion(http.Request);
        if (request.Version is not { } wanted || wanted < 1 || wanted > expected)
            return TypedResults.ValidationProblem(new Dictionary<string, string[]>
            {
                ["version"] = [$"Name a version between 1 and the one you are looking at ({expected})."],
            });

        var earlier = await GetNewsroomArticleEndpoint.AtVersionAsync(query, id, wanted, cancellationToken);
        var editor = Editor.Of(http);
        var article = await writer.ExecuteAsync(id, expected,
            current => current.IsLive
                ? new CorrectArticle(id, earlier.Copy, request.CorrectionNote, editor, clock.GetUtcNow(), RestoredFrom: wanted)
                : new ReviseArticle(id, earlier.Copy, editor, clock.GetUtcNow(), RestoredFrom: wanted),
            cancellationToken);

        http.Response.SetETag(article.Version);
        return TypedResults.Ok(await NewsroomArticle.NamedAsync(article, query, cancellationToken));
    }
}
