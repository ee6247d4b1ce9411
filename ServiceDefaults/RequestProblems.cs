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

/// <summary>
/// The service's database is out of reach — restarting, failing over, refusing connections: a 503 problem with
/// <c>Retry-After</c>, never a 500. What was accepted before is in the database; what is asked now can be asked
/// again in a moment, and load balancers and the gateway read a 503 as "try elsewhere or later". Registered after
/// the services' own catalogues, so their answers to their own refusals come first.
/// </summary>
public sealed class StorageUnavailableProblems(IProblemDetailsService problems) : IExceptionHandler
{
    public const string Type = "https://newsplatform.dev/problems/storage-unavailable";

    public ValueTask<bool> TryHandleAsync(HttpContext http, Exception exception, CancellationToken cancellationToken)
    {
        if (!IsStorageOutage(exception)) return ValueTask.FromResult(false);
        http.Response.Headers.RetryAfter = "5";
        return problems.AnswerAsync(http, exception, new ProblemDetails
        {
            Status = StatusCodes.Status503ServiceUnavailable,
            Type = Type,
            Title = "The service's storage is unavailable for a moment.",
            Detail = "Nothing you sent was half done. Try again in a few seconds.",
        });
    }

    /// <summary>
    /// A connection that could not be made or was cut (a socket error, a timeout, a server shutting down or not yet
    /// accepting), found anywhere in the exception's chain (Marten wraps Npgsql's). A refusal by the database of the
    /// request itself (a unique violation, say) is not an outage.
    /// </summary>
    public static bool IsStorageOutage(Exception exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            switch (e)
            {
                case Npgsql.PostgresException postgres:
                    // Class 08: connection exceptions; 57P01–57P03: shutting down or not yet up; 53300: too many connections;
                    // 55000 with "does not allow connections": a database closed to connections.
                    if (postgres.SqlState.StartsWith("08", StringComparison.Ordinal) || postgres.SqlState is "57P01" or "57P02" or "57P03" or "53300"
                        || (postgres.SqlState == "55000" && postgres.MessageText.Contains("does not allow connections", StringComparison.Ordinal)))
                        return true;
                    return false;
                case Npgsql.NpgsqlException npgsql when npgsql.IsTransient:
                case System.Net.Sockets.SocketException:
                case TimeoutException:
                    return true;
            }
        }
        return false;
    }
}
