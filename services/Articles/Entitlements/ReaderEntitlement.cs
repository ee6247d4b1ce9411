namespace NewsPlatform.Articles.Entitlements;

public enum SubscriptionStatus { Active, Cancelled, Expired }

/// <summary>What this service knows of one subscription, from the subscription events.</summary>
public sealed record KnownSubscription(long Version, SubscriptionStatus Status, DateTimeOffset PeriodEndsAt);

/// <summary>
/// Whether a reader may read premium articles, kept from the Subscriptions service's events on the
/// bus — this service never asks that service. One document per reader, keyed by reader id.
/// </summary>
public sealed class ReaderEntitlement
{
    public Guid Id { get; set; }
    public Dictionary<Guid, KnownSubscription> Subscriptions { get; set; } = new();

    /// <summary>Optimistic concurrency: replicas applying one reader's events at once cannot overwrite each other.</summary>
    public Guid Version { get; set; }

    /// <summary>A cancelled subscription keeps access until its period ends; an expired one has none.</summary>
    public bool IsEntitledAt(DateTimeOffset now) =>
        Subscriptions.Values.Any(s => s.Status != SubscriptionStatus.Expired && s.PeriodEndsAt > now);

    /// <summary>Applies a subscription event unless this copy is a duplicate or older than what is known.</summary>
    public bool Apply(Guid subscriptionId, long version, SubscriptionStatus status, DateTimeOffset? periodEndsAt)
    {
        if (Subscriptions.TryGetValue(subscriptionId, out var known) && known.Version >= version) return false;
        Subscriptions[subscriptionId] = new KnownSubscription(version, status,
            periodEndsAt ?? known?.PeriodEndsAt ?? DateTimeOffset.MinValue);
        return true;
    }
}
