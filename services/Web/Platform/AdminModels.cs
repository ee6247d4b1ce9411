namespace NewsPlatform.Web.Platform;

// What the services' admin APIs answer (admin role), as far as the admin desk reads it. A reader found by the desk is a
// ReaderProfile (ApiModels.cs) with their roles and open subscription; a page of them is a Paged<ReaderProfile>.

/// <summary>A partner API key as the Subscriptions service lists it: never its secret, only its first characters.</summary>
public sealed record ApiKeyListing(
    Guid Id, string Name, string Tier, string Prefix, DateTimeOffset CreatedAt, string? CreatedBy,
    DateTimeOffset? RevokedAt, string? RevokedBy)
{
    public bool IsRevoked => RevokedAt is not null;
}

/// <summary>The answer to issuing a key: the only time its secret (<see cref="Key"/>) is ever shown.</summary>
public sealed record IssuedApiKey(Guid Id, string Name, string Tier, string Prefix, DateTimeOffset CreatedAt, string? CreatedBy, string Key);

/// <summary>How far the Search service's last index rebuild got (idle, running, completed or failed).</summary>
public sealed record RebuildStatus(
    string Phase, long Processed, long Total, double Percent, DateTimeOffset? StartedAt, DateTimeOffset? FinishedAt,
    long Events, double? EventsPerSecond, string? Error)
{
    public const string Idle = "idle", Running = "running", Completed = "completed", Failed = "failed";
    public bool IsRunning => Phase == Running;
}
