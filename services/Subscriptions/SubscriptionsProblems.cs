using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Hosting;
using Microsoft.AspNetCore.Mvc;
using NewsPlatform.Subscriptions.Accounts;

namespace NewsPlatform.Subscriptions;

/// <summary>
/// The service's problem catalogue. As an exception handler it answers what an endpoint did not answer itself:
/// a refusal of the account rules (<see cref="AccountRejected"/>: 409 with the rule as the problem type), and two
/// changes to one account or subscription at the same moment (a follow racing a follow, a cancel racing a renewal,
/// two role changes) — the stream's version moved under one of them — a 409 the caller can simply retry, never a
/// 500. Its static members are the problems endpoints answer themselves, so each has one type and title.
/// </summary>
public sealed class SubscriptionsProblems(IProblemDetailsService problems) : IExceptionHandler
{
    public const string TypeBase = "https://newsplatform.dev/problems/";

    public ValueTask<bool> TryHandleAsync(HttpContext http, Exception exception, CancellationToken cancellationToken) => exception switch
    {
        AccountRejected rejected => problems.AnswerAsync(http, exception, new ProblemDetails
        {
            Status = StatusCodes.Status409Conflict,
            Type = TypeBase + rejected.Rule,
            Title = "The account change is refused.",
            Detail = rejected.Message,
            Extensions = { ["rule"] = rejected.Rule },
        }),
        JasperFx.ConcurrencyException or JasperFx.DocumentAlreadyExistsException => problems.AnswerAsync(http, exception, new ProblemDetails
        {
            Status = StatusCodes.Status409Conflict,
            Type = TypeBase + "concurrent-change",
            Title = "Something changed at the same moment.",
            Detail = "Another change to the same account or subscription was saved first. Try again.",
        }),
        _ => ValueTask.FromResult(false),
    };

    public static ProblemHttpResult AccountNotFound() => TypedResults.Problem(statusCode: StatusCodes.Status404NotFound,
        title: "No such account.", type: TypeBase + "account-not-found");

    public static ProblemHttpResult ApiKeyNotFound() => TypedResults.Problem(statusCode: StatusCodes.Status404NotFound,
        title: "No such API key.", type: TypeBase + "api-key-not-found");

    /// <summary>The key check's answer to a key nobody issued (or no key at all).</summary>
    public static ProblemHttpResult InvalidApiKey() => TypedResults.Problem(statusCode: StatusCodes.Status401Unauthorized,
        title: "Unknown or revoked API key.", type: TypeBase + "invalid-api-key");

    /// <summary>Still a 401, but named, so the gateway can count revoked keys apart from guessed ones.</summary>
    public static ProblemHttpResult RevokedApiKey() => TypedResults.Problem(statusCode: StatusCodes.Status401Unauthorized,
        title: "Revoked API key.", type: TypeBase + "revoked-api-key");
}
