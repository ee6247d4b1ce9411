using Microsoft.AspNetCore.Http.HttpResults;
using NewsPlatform.Search.Indexing;

namespace NewsPlatform.Search;

/// <summary>The service's problem catalogue: the problems its endpoints answer, each with one type and title.</summary>
public static class SearchProblems
{
    public const string TypeBase = "https://newsplatform.dev/problems/";

    /// <summary>A second rebuild would only redo the first one's work: the caller waits for it instead.</summary>
    public static ProblemHttpResult RebuildRunning(RebuildStatus status) => TypedResults.Problem(
        statusCode: StatusCodes.Status409Conflict, type: TypeBase + "rebuild-running", title: "A rebuild is already running.",
        detail: "Follow it at GET /api/admin/search/rebuild; start another once it has ended.",
        extensions: new Dictionary<string, object?> { ["rebuild"] = status });
}
