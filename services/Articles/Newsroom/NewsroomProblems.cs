using JasperFx;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using NewsPlatform.Articles.Domain;

namespace NewsPlatform.Articles.Newsroom;

/// <summary>Turns the newsroom's refusals into RFC 9457 problem details with stable titles.</summary>
public sealed class NewsroomProblems(IProblemDetailsService problems) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext http, Exception exception, CancellationToken cancellationToken)
    {
        ProblemDetails? problem = exception switch
        {
            ArticleRejected { Kind: RejectionKind.Invalid } rejected =>
                new HttpValidationProblemDetails(rejected.FieldErrors.ToDictionary())
                {
                    Status = StatusCodes.Status400BadRequest,
                    Title = "The article has invalid fields.",
                    Type = "https://newsplatform.dev/problems/invalid-article",
                },
            ArticleRejected rejected => Problem(StatusCodes.Status409Conflict, rejected.Rule, rejected.Message),
            ArticleNotFound notFound => Problem(StatusCodes.Status404NotFound, "article-not-found", notFound.Message),
            VersionPreconditionMissing missing => Problem(StatusCodes.Status428PreconditionRequired, "version-required", missing.Message),
            ConcurrencyException or StaleArticleVersion => Problem(StatusCodes.Status412PreconditionFailed, "stale-version",
                "The article changed since the version named in If-Match. Fetch it again and reapply your change."),
            DocumentAlreadyExistsException => Problem(StatusCodes.Status409Conflict, "slug-taken",
                "Another article took this slug at the same moment. Try again."),
            _ => null,
        };
        return problem is not null && await problems.AnswerAsync(http, exception, problem);
    }

    private static ProblemDetails Problem(int status, string rule, string detail) => new()
    {
        Status = status,
        Type = $"https://newsplatform.dev/problems/{rule}",
        Title = rule switch
        {
            "article-not-found" => "Article not found.",
            "version-required" => "If-Match is required.",
            "stale-version" => "The article has changed.",
            _ => "The newsroom refused the change.",
        },
        Detail = detail,
        Extensions = { ["rule"] = rule },
    };
}
