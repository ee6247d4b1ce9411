using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace Microsoft.Extensions.Hosting;

/// <summary>
/// A request the framework could not read — malformed or mistyped JSON, a body too deep or too large, a missing
/// body, a parameter that does not bind — is the caller's mistake: a 4xx problem document with the framework's
/// own status (400, 413, 415 …), never a 500. (In Development minimal APIs throw these instead of answering, so
/// without this every service that runs as ./start.sh runs it answered 500 to a bad body.) A service's own problem
/// catalogue handles its domain's refusals; this one only what no endpoint got to see.
/// </summary>
public sealed class RequestProblems(IProblemDetailsService problems) : IExceptionHandler
{
    public ValueTask<bool> TryHandleAsync(HttpContext http, Exception exception, CancellationToken cancellationToken) =>
        exception is BadHttpRequestException bad
            ? problems.AnswerAsync(http, exception, new ProblemDetails
            {
                Status = bad.StatusCode,
                Type = "https://newsplatform.dev/problems/bad-request",
                Title = "The request is malformed.",
                // The framework's message names what could not be read, never more (no stack, no values echoed at length).
                Detail = bad.Message.Length > 300 ? bad.Message[..300] : bad.Message,
            })
            : ValueTask.FromResult(false);
}

/// <summary>How every problem catalogue answers: the problem's status, the problem document, the exception for the logs.</summary>
public static class ProblemAnswers
{
    public static async ValueTask<bool> AnswerAsync(this IProblemDetailsService problems, HttpContext http, Exception exception, ProblemDetails problem)
    {
        if (http.Response.HasStarted) return false;
        http.Response.StatusCode = problem.Status ?? StatusCodes.Status400BadRequest;
        return await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = http, Exception = exception, ProblemDetails = problem });
    }
}
