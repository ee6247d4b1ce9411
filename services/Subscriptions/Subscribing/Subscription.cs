using NewsPlatform.Subscriptions.Plans;

namespace NewsPlatform.Subscriptions.Subscribing;

// The events of one subscription's stream.

public sealed record SubscriptionRequested(Guid SubscriptionId, Guid ReaderId, string PlanCode, long PriceKrw, string PaymentToken, DateTimeOffset At);

/// <summary>The provider took the money for one period.</summary>
public sealed record PaymentCaptured(Guid SubscriptionId, string ChargeId, long AmountKrw, DateTimeOffset PeriodStart, DateTimeOffset PeriodEnd, DateTimeOffset At);

public sealed record PaymentDeclined(Guid SubscriptionId, string Reason, DateTimeOffset At);

/// <summary>The provider did not answer in time: whether it charged is unknown until a retry with the same idempotency key.</summary>
public sealed record PaymentTimedOut(Guid SubscriptionId, int Attempt, DateTimeOffset At);

public sealed record SubscriptionAbandoned(Guid SubscriptionId, string Reason, DateTimeOffset At);

public sealed record SubscriptionCancelled(Guid SubscriptionId, string By, DateTimeOffset At);

public sealed record SubscriptionExpired(Guid SubscriptionId, string Reason, DateTimeOffset At);

public enum SubscriptionStatus { Pending, Active, Cancelled, Expired, Failed }

/// <summary>A subscription as its stream has made it.</summary>
public sealed record Subscription(
    Guid Id,
    Guid ReaderId,
    string PlanCode,
    long PriceKrw,
    string PaymentToken,
    SubscriptionStatus Status,
    int PeriodsPaid,
    int PaymentAttempts,
    DateTimeOffset RequestedAt,
    DateTimeOffset? FirstPeriodStart,
    DateTimeOffset? PeriodStart,
    DateTimeOffset? PeriodEnd,
    DateTimeOffset? CancelledAt,
    string? EndReason)
{
    public long Version { get; init; }

    /// <summary>Whether the reader may read premium articles through this subscription.</summary>
    public bool GivesAccessAt(DateTimeOffset now) => Status is SubscriptionStatus.Active or SubscriptionStatus.Cancelled && PeriodEnd > now;

    /// <summary>The key under which the charge for the next period is made: a retry never charges twice.</summary>
    public string NextChargeKey => $"{Id:N}-{PeriodsPaid + 1}";
}

/// <summary>The subscription rules as pure code.</summary>
public static class SubscriptionDecider
{
    public const int MaxPaymentAttempts = 3;

    /// <summary>
    /// The end of the <paramref name="periods"/>-th period counted from the first one's start, so
    /// renewals keep the billing day: from 31 January the ends are 28 February, 31 March, 30 April —
    /// not a date that drifts earlier month by month.
    /// </summary>
    public static DateTimeOffset PeriodEnd(Plan plan, DateTimeOffset firstStart, int periods) => plan.Period switch
    {
        BillingPeriod.Month => firstStart.AddMonths(periods),
        BillingPeriod.Year => firstStart.AddYears(periods),
        _ => throw new InvalidOperationException($"Plan {plan.Code} has no billing period."),
    };

    /// <summary>The events a charge result yields for a pending or renewing subscription.</summary>
    public static IReadOnlyList<object> DecidePayment(Subscription subscription, Plan plan, PaymentResult result, DateTimeOffset now)
    {
        var renewing = subscription.Status == SubscriptionStatus.Active;
        var start = renewing ? subscription.PeriodEnd!.Value : now;
        var firstStart = subscription.FirstPeriodStart ?? now;
        return result switch
        {
            PaymentResult.Captured captured => [new PaymentCaptured(subscription.Id, captured.ChargeId, subscription.PriceKrw, start,
                PeriodEnd(plan, firstStart, subscription.PeriodsPaid + 1), now)],
            PaymentResult.Declined declined when renewing => [new PaymentDeclined(subscription.Id, declined.Reason, now), new SubscriptionExpired(subscription.Id, "renewal declined", now)],
            PaymentResult.Declined declined => [new PaymentDeclined(subscription.Id, declined.Reason, now)],
            PaymentResult.TimedOut when subscription.PaymentAttempts + 1 >= MaxPaymentAttempts && !renewing =>
                [new PaymentTimedOut(subscription.Id, subscription.PaymentAttempts + 1, now), new SubscriptionAbandoned(subscription.Id, "payment provider did not answer", now)],
            PaymentResult.TimedOut => [new PaymentTimedOut(subscription.Id, subscription.PaymentAttempts + 1, now)],
            _ => throw new ArgumentOutOfRangeException(nameof(result)),
        };
    }

    public static IReadOnlyList<object> DecideCancel(Subscription subscription, string by, DateTimeOffset now) => subscription.Status switch
    {
        SubscriptionStatus.Active => [new SubscriptionCancelled(subscription.Id, by, now)],
        SubscriptionStatus.Cancelled => [],
        _ => throw new SubscriptionRejected("not-active", "Only an active subscription can be cancelled."),
    };

    /// <summary>At the period end a cancelled subscription expires; an active one is due for renewal (a charge).</summary>
    public static IReadOnlyList<object> DecidePeriodEnd(Subscription subscription, DateTimeOffset now) =>
        subscription.Status == SubscriptionStatus.Cancelled && subscription.PeriodEnd <= now
            ? [new SubscriptionExpired(subscription.Id, "cancelled", now)]
            : [];

    public static Subscription? Evolve(Subscription? state, object @event) => (state, @event) switch
    {
        (null, SubscriptionRequested e) => new Subscription(e.SubscriptionId, e.ReaderId, e.PlanCode, e.PriceKrw, e.PaymentToken,
            SubscriptionStatus.Pending, 0, 0, e.At, null, null, null, null, null),
        (not null, PaymentCaptured e) => state with
        {
            Status = SubscriptionStatus.Active, PeriodsPaid = state.PeriodsPaid + 1, PaymentAttempts = 0,
            FirstPeriodStart = state.FirstPeriodStart ?? e.PeriodStart, PeriodStart = e.PeriodStart, PeriodEnd = e.PeriodEnd,
        },
        (not null, PaymentDeclined) when state.Status == SubscriptionStatus.Pending => state with { Status = SubscriptionStatus.Failed, EndReason = "payment declined" },
        (not null, PaymentTimedOut e) => state with { PaymentAttempts = e.Attempt },
        (not null, SubscriptionAbandoned e) => state with { Status = SubscriptionStatus.Failed, EndReason = e.Reason },
        (not null, SubscriptionCancelled e) => state with { Status = SubscriptionStatus.Cancelled, CancelledAt = e.At },
        (not null, SubscriptionExpired e) => state with { Status = SubscriptionStatus.Expired, EndReason = e.Reason },
        _ => state,
    };
}

public sealed class SubscriptionRejected(string rule, string message) : Exception(message)
{
    public string Rule { get; } = rule;
}
