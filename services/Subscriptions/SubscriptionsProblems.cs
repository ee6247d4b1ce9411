using Microsoft.AspNetCore.Diagnostics;
using Microsoft.Extensions.Hosting;
using Microsoft.AspNetCore.Mvc;

namespace NewsPlatform.Subscriptions;

/// <summary>
/// The service's problem catalogue for what an endpoint did not answer itself: two changes to one account or
/// subscription at the same moment (a follow racing a follow, a cancel racing a renewal, two role changes) —
/// the stream's version moved under one of them — become a 409 the caller can simply retry, never a 500.
/// </summary>
public sealed class SubscriptionsProblems(IProblemDetailsService problems) : IExceptionHandler
{
    public ValueTask<bool> TryHandleAsync(HttpContext http, Exception exception, CancellationToken cancellationToken) =>
        exception is JasperFx.ConcurrencyException or JasperFx.DocumentAlreadyExistsException
            ? problems.AnswerAsync(http, exception, new ProblemDetails
            {
                Status = StatusCodes.Status409Conflict,
                Type = "https://newsplatform.dev/problems/concurrent-change",
                Title = "Something changed at the same moment.",
                Detail = "Another change to the same account or subscription was saved first. Try again.",
            })
            : ValueTask.FromResult(false);
}
