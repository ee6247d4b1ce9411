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

    /// <summary>A mailed link that cannot be used (any more): what the site's link pages say to the reader.</summary>
    public static ProblemHttpResult Link(LinkState state, string? detail = null) => state switch
    {
        LinkState.Used => TypedResults.Problem(statusCode: StatusCodes.Status410Gone, title: "This link has already been used.",
            type: TypeBase + "link-used", detail: detail ?? "Each link works once. Ask for a new one if you still need it."),
        LinkState.Expired => TypedResults.Problem(statusCode: StatusCodes.Status410Gone, title: "This link has expired.",
            type: TypeBase + "link-expired", detail: detail ?? "Ask for a new link; it arrives in a minute."),
        _ => TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "This link is not valid.",
            type: TypeBase + "link-invalid", detail: detail ?? "Check that the whole link was copied from the mail."),
    };

    /// <summary>Links are mailed at a measured pace: a mailbox is not a target, and a sender that floods is blocked by providers.</summary>
    public static ProblemHttpResult TooManyLinks(HttpContext http, TimeSpan wait)
    {
        var seconds = Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds));
        http.Response.Headers.RetryAfter = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return TypedResults.Problem(statusCode: StatusCodes.Status429TooManyRequests, title: "A link was mailed a moment ago.",
            type: TypeBase + "too-many-links", detail: $"Look for it in your inbox (and spam folder), or ask again in {Waiting(seconds)}.",
            extensions: new Dictionary<string, object?> { ["retryAfter"] = seconds });
    }

    public static ProblemHttpResult EmailTaken() => TypedResults.Problem(statusCode: StatusCodes.Status409Conflict,
        title: "The email address is taken.", type: TypeBase + "email-taken", detail: "Another account uses that address.");

    private static string Waiting(int seconds) => seconds < 90 ? $"{seconds} seconds" : seconds < 5400 ? $"{(seconds + 59) / 60} minutes" : $"{(seconds + 3599) / 3600} hours";

    /// <summary>The key check's answer to a key nobody issued (or no key at all).</summary>
    public static ProblemHttpResult InvalidApiKey() => TypedResults.Problem(statusCode: StatusCodes.Status401Unauthorized,
        title: "Unknown or revoked API key.", type: TypeBase + "invalid-api-key");

    /// <summary>Still a 401, but named, so the gateway can count revoked keys apart from guessed ones.</summary>
    public static ProblemHttpResult RevokedApiKey() => TypedResults.Problem(statusCode: StatusCodes.Status401Unauthorized,
        title: "Revoked API key.", type: TypeBase + "revoked-api-key");
}
