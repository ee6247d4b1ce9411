using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using NewsPlatform.Subscriptions.Tokens;

namespace NewsPlatform.Subscriptions.ApiKeys;

/// <summary>A partner app's key. Only its SHA-256 hash is kept; the secret is shown once, at creation.</summary>
public sealed class ApiKey
{
    public Guid Id { get; set; }
    public string Name { get; set; } = "";
    public string Tier { get; set; } = "";
    public string KeyHash { get; set; } = "";
    /// <summary>The first characters of the key, so an admin can tell keys apart.</summary>
    public string Prefix { get; set; } = "";
    public DateTimeOffset CreatedAt { get; set; }
    /// <summary>The admin who issued it (their <c>sub</c>); null for keys issued before this was recorded.</summary>
    public string? CreatedBy { get; set; }
    public DateTimeOffset? RevokedAt { get; set; }
    public string? RevokedBy { get; set; }

    public static string HashOf(string key) => Secrets.HashOf(key);
}

public sealed record CreateApiKeyRequest(string? Name, string? Tier);
/// <summary>A key as admins see it: never its secret, only its first characters (<see cref="ApiKey.Prefix"/>).</summary>
public sealed record ApiKeyView(Guid Id, string Name, string Tier, string Prefix, DateTimeOffset CreatedAt, string? CreatedBy,
    DateTimeOffset? RevokedAt, string? RevokedBy)
{
    public static ApiKeyView From(ApiKey key) => new(key.Id, key.Name, key.Tier, key.Prefix, key.CreatedAt, key.CreatedBy, key.RevokedAt, key.RevokedBy);
}

/// <summary>The answer to creating a key: the only time its secret (<see cref="Key"/>) is ever shown.</summary>
public sealed record CreatedApiKey(Guid Id, string Name, string Tier, string Prefix, DateTimeOffset CreatedAt, string? CreatedBy, string Key);
public sealed record ApiKeyCheck(string? Key);
public sealed record ApiKeyIdentity(Guid Id, string Name, string Tier);

/// <summary>
/// Slices: admins create, list and revoke partner API keys; the gateway checks a presented key
/// (an internal route the gateway does not expose) and caches the answer briefly, so a revoked key
/// stops working within its cache time. Revoking is idempotent: a revoked key stays revoked as it was first (204 again,
/// its revocation time unchanged); an unknown key is a 404.
/// </summary>
public static class ApiKeysApi
{
    public static readonly string[] Tiers = ["basic", "standard", "premium"];
    public const int MaxNameLength = 100;

    public static void MapApiKeys(this IEndpointRouteBuilder app)
    {
        var admin = app.MapGroup("/api/admin/api-keys").WithTags("Admin").RequireAuthorization(Policies.Admin);
        admin.MapPost("/", Create).WithName("CreateApiKey").WithSummary("Issue a partner API key (its secret is shown once)");
        admin.MapGet("/", List).WithName("ListApiKeys").WithSummary("Partner API keys, newest first (never their secrets)");
        admin.MapGet("/{id:guid}", Get).WithName("GetApiKey").WithSummary("One partner API key (never its secret)");
        admin.MapDelete("/{id:guid}", Revoke).WithName("RevokeApiKey").WithSummary("Revoke a partner API key (again: no change)");

        app.MapPost("/internal/api-keys/check", Check).ExcludeFromDescription();
    }

    private static async Task<Results<Created<CreatedApiKey>, ValidationProblem>> Create(
        CreateApiKeyRequest request, ClaimsPrincipal admin, IDocumentSession session, TimeProvider clock, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        var name = request.Name?.Trim() ?? "";
        if (name.Length is 0 or > MaxNameLength || name.Any(char.IsControl))
            errors["name"] = [$"A name has 1 to {MaxNameLength} characters, none of them control characters."];
        var tier = request.Tier?.Trim().ToLowerInvariant() ?? "basic";
        if (!Tiers.Contains(tier)) errors["tier"] = [$"tier is one of {string.Join(", ", Tiers)}."];
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors);

        var key = $"np_{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4))}_{Secrets.New(24)}";
        var apiKey = new ApiKey
        {
            Id = Guid.CreateVersion7(), Name = name, Tier = tier, KeyHash = ApiKey.HashOf(key), Prefix = key[..11],
            CreatedAt = clock.GetUtcNow(), CreatedBy = admin.FindFirstValue("sub"),
        };
        session.Insert(apiKey);
        await session.SaveChangesAsync(cancellationToken);
        return TypedResults.Created($"/api/admin/api-keys/{apiKey.Id}",
            new CreatedApiKey(apiKey.Id, apiKey.Name, apiKey.Tier, apiKey.Prefix, apiKey.CreatedAt, apiKey.CreatedBy, key));
    }

    private static async Task<Ok<IReadOnlyList<ApiKeyView>>> List(IQuerySession session, CancellationToken cancellationToken)
    {
        var keys = await session.Query<ApiKey>().OrderByDescending(k => k.CreatedAt).ToListAsync(cancellationToken);
        return TypedResults.Ok<IReadOnlyList<ApiKeyView>>(keys.Select(ApiKeyView.From).ToList());
    }

    private static async Task<Results<Ok<ApiKeyView>, ProblemHttpResult>> Get(Guid id, IQuerySession session, CancellationToken cancellationToken) =>
        await session.LoadAsync<ApiKey>(id, cancellationToken) is { } key ? TypedResults.Ok(ApiKeyView.From(key)) : SubscriptionsProblems.ApiKeyNotFound();

    private static async Task<Results<NoContent, ProblemHttpResult>> Revoke(
        Guid id, ClaimsPrincipal admin, IDocumentSession session, TimeProvider clock, CancellationToken cancellationToken)
    {
        var key = await session.LoadAsync<ApiKey>(id, cancellationToken);
        if (key is null) return SubscriptionsProblems.ApiKeyNotFound();
        if (key.RevokedAt is not null) return TypedResults.NoContent(); // already revoked: kept as it was
        (key.RevokedAt, key.RevokedBy) = (clock.GetUtcNow(), admin.FindFirstValue("sub"));
        session.Store(key);
        await session.SaveChangesAsync(cancellationToken);
        return TypedResults.NoContent();
    }

    private static async Task<Results<Ok<ApiKeyIdentity>, ProblemHttpResult>> Check(
        ApiKeyCheck request, IQuerySession session, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(request.Key) || request.Key.Length > 200) return SubscriptionsProblems.InvalidApiKey();
        var hash = ApiKey.HashOf(request.Key);
        var key = await session.Query<ApiKey>().FirstOrDefaultAsync(k => k.KeyHash == hash, cancellationToken);
        if (key is null) return SubscriptionsProblems.InvalidApiKey();
        if (key.RevokedAt is not null) return SubscriptionsProblems.RevokedApiKey();
        return TypedResults.Ok(new ApiKeyIdentity(key.Id, key.Name, key.Tier));
    }
}
