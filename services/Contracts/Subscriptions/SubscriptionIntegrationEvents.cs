namespace NewsPlatform.Contracts.Subscriptions;

// Published by the Subscriptions & identity service from its event store, at least once.
// Version is the stream version of the account or subscription after the change.

public sealed record ReaderRegistered(Guid ReaderId, long Version, string Email, string DisplayName, DateTimeOffset RegisteredAt);

public sealed record SubscriptionActivated(
    Guid SubscriptionId, long Version, Guid ReaderId, string PlanCode, DateTimeOffset PeriodEndsAt, DateTimeOffset ActivatedAt);

/// <summary>The reader cancelled; access continues until <see cref="PeriodEndsAt"/>.</summary>
public sealed record SubscriptionCancelled(
    Guid SubscriptionId, long Version, Guid ReaderId, DateTimeOffset PeriodEndsAt, DateTimeOffset CancelledAt);

public sealed record SubscriptionExpired(Guid SubscriptionId, long Version, Guid ReaderId, DateTimeOffset ExpiredAt);
