using System.Security.Claims;
using JasperFx.Events;
using Marten;
using Marten.Events.Aggregation;
using Microsoft.AspNetCore.Http.HttpResults;
using NewsPlatform.Subscriptions.Accounts;
using NewsPlatform.Subscriptions.Plans;
using NewsPlatform.Subscriptions.Telemetry;

namespace NewsPlatform.Subscriptions.Subscribing;

public sealed record SubscribeRequest(string? PlanCode, string? PaymentToken);

public sealed record SubscriptionView(
    Guid Id, string PlanCode, string PlanName, long PriceKrw, SubscriptionStatus Status,
    DateTimeOffset RequestedAt, DateTimeOffset? PeriodStart, DateTimeOffset? PeriodEnd, DateTimeOffset? CancelledAt,
    bool GivesAccess, string? EndReason)
{
    public static SubscriptionView From(Subscription s, DateTimeOffset now) => new(s.Id, s.PlanCode,
        PlanCatalogue.Find(s.PlanCode)?.Name ?? s.PlanCode, s.PriceKrw, s.Status, s.RequestedAt, s.PeriodStart, s.PeriodEnd,
        s.CancelledAt, s.GivesAccessAt(now), s.EndReason);
}

/// <summary>
/// The reader's one open paid subscription. Its id is the reader's id, so the primary key allows
/// at most one at a time, even when two subscribe requests race.
/// </summary>
public sealed record OpenSubscription(Guid Id, Guid SubscriptionId);

/// <summary>Slices: subscribe (charging through the payment provider), list own subscriptions, cancel.</summary>
public static class SubscriptionsApi
{
    public static void MapSubscriptions(this IEndpointRouteBuilder app)
    {
        var subscriptions = app.MapGroup("/api/subscriptions").WithTags("Subscriptions").RequireAuthorization(Policies.Reader);
        subscriptions.MapPost("/", Subscribe).WithName("Subscribe").WithSummary("Subscribe to a plan with a payment token");
        subscriptions.MapGet("/me", Mine).WithName("MySubscriptions").WithSummary("Own subscriptions, newest first");
        subscriptions.MapPost("/{id:guid}/cancel", Cancel).WithName("CancelSubscription").WithSummary("Cancel at the end of the paid period");
    }

    private static async Task<Results<Created<SubscriptionView>, Accepted<SubscriptionView>, ValidationProblem, ProblemHttpResult>> Subscribe(
        SubscribeRequest request, ClaimsPrincipal user, IDocumentSession session, SubscriptionBilling billing, TimeProvider clock,
        CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        var plan = PlanCatalogue.Find(request.PlanCode ?? "");
        if (plan is null) errors["planCode"] = ["Unknown plan."];
        else if (plan.PriceKrw == 0) errors["planCode"] = ["The free plan needs no subscription."];
        if (string.IsNullOrWhiteSpace(request.PaymentToken) || request.PaymentToken.Length > 200)
            errors["paymentToken"] = ["A payment token is required."];
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors);

        var readerId = user.ReaderId();
        var requested = new SubscriptionRequested(Guid.CreateVersion7(), readerId, plan!.Code, plan.PriceKrw, request.PaymentToken!, clock.GetUtcNow());
        session.Insert(new OpenSubscription(readerId, requested.SubscriptionId));
        session.Events.StartStream<Subscription>(requested.SubscriptionId, requested);
        try
        {
            await session.SaveChangesAsync(cancellationToken);
        }
        catch (JasperFx.DocumentAlreadyExistsException)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "You already have a subscription.",
                type: "https://newsplatform.dev/problems/already-subscribed",
                detail: "A reader has at most one paid subscription at a time.");
        }

        var subscription = await billing.ChargeAsync(requested.SubscriptionId, cancellationToken);
        var view = SubscriptionView.From(subscription, clock.GetUtcNow());
        return subscription.Status switch
        {
            SubscriptionStatus.Active => TypedResults.Created($"/api/subscriptions/{subscription.Id}", view),
            SubscriptionStatus.Pending => TypedResults.Accepted($"/api/subscriptions/{subscription.Id}", view),
            _ => TypedResults.Problem(statusCode: StatusCodes.Status402PaymentRequired, title: "The payment was declined.",
                type: "https://newsplatform.dev/problems/payment-declined", detail: "No subscription was started. Try another payment method."),
        };
    }

    private static async Task<Ok<IReadOnlyList<SubscriptionView>>> Mine(
        ClaimsPrincipal user, IQuerySession session, TimeProvider clock, CancellationToken cancellationToken)
    {
        var readerId = user.ReaderId();
        var mine = await session.Query<Subscription>()
            .Where(s => s.ReaderId == readerId && s.Status != SubscriptionStatus.Failed)
            .OrderByDescending(s => s.RequestedAt)
            .ToListAsync(cancellationToken);
        var now = clock.GetUtcNow();
        return TypedResults.Ok<IReadOnlyList<SubscriptionView>>(mine.Select(s => SubscriptionView.From(s, now)).ToList());
    }

    private static async Task<Results<Ok<SubscriptionView>, ProblemHttpResult>> Cancel(
        Guid id, ClaimsPrincipal user, IDocumentSession session, TimeProvider clock, SubscriptionsMetrics metrics,
        CancellationToken cancellationToken)
    {
        // No stream has the empty id (the event store refuses to look for one); someone else's subscription is as
        // good as missing: no hint that it exists.
        var stream = id == Guid.Empty ? null : await session.Events.FetchForWriting<Subscription>(id, cancellationToken);
        if (stream?.Aggregate is not { } subscription || subscription.ReaderId != user.ReaderId())
            return TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "No such subscription.",
                type: "https://newsplatform.dev/problems/subscription-not-found");
        try
        {
            var events = SubscriptionDecider.DecideCancel(subscription, user.FindFirstValue("sub")!, clock.GetUtcNow());
            stream!.AppendMany(events);
            await session.SaveChangesAsync(cancellationToken);
            metrics.Appended(subscription, events);
            var after = events.Aggregate(subscription, (s, e) => SubscriptionDecider.Evolve(s, e)!);
            return TypedResults.Ok(SubscriptionView.From(after, clock.GetUtcNow()));
        }
        catch (SubscriptionRejected rejected)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "The subscription cannot be cancelled.",
                type: $"https://newsplatform.dev/problems/{rejected.Rule}", detail: rejected.Message);
        }
    }

}

public sealed class SubscriptionProjection : SingleStreamProjection<Subscription, Guid>
{
    public override Subscription? Evolve(Subscription? snapshot, Guid id, IEvent e) =>
        SubscriptionDecider.Evolve(snapshot, e.Data) is { } next ? next with { Version = e.Version } : null;
}
