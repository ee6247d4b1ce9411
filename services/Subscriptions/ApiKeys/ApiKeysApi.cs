using System.Security.Cryptography;
using System.Text;
using Marten;
using Microsoft.AspNetCore.Http.HttpResults;

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
    public DateTimeOffset? RevokedAt { get; set; }

    public static string HashOf(string key) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)));
}

public sealed record CreateApiKeyRequest(string? Name, string? Tier);
public sealed record ApiKeyView(Guid Id, string Name, string Tier, string Prefix, DateTimeOffset CreatedAt, DateTimeOffset? RevokedAt);
public sealed record CreatedApiKey(Guid Id, string Name, string Tier, string Prefix, DateTimeOffset CreatedAt, string Key);
public sealed record ApiKeyCheck(string? Key);
public sealed record ApiKeyIdentity(Guid Id, string Name, string Tier);

/// <summary>
/// Slices: admins create, list and revoke partner API keys; the gateway checks a presented key
/// (an internal route the gateway does not expose) and caches the answer briefly, so a revoked key
/// stops working within its cache time.
/// </summary>
public static class ApiKeysApi
{
    public static readonly string[] Tiers = ["basic", "standard", "premium"];

    public static void MapApiKeys(this IEndpointRouteBuilder app)
    {
        var admin = app.MapGroup("/api/admin/api-keys").WithTags("Admin").RequireAuthorization(Policies.Admin);
        admin.MapPost("/", Create).WithName("CreateApiKey").WithSummary("Issue a partner API key (its secret is shown once)");
        admin.MapGet("/", List).WithName("ListApiKeys").WithSummary("Partner API keys");
        admin.MapDelete("/{id:guid}", Revoke).WithName("RevokeApiKey").WithSummary("Revoke a partner API key");

        app.MapPost("/internal/api-keys/check", Check).ExcludeFromDescription();
    }

    private static async Task<Results<Created<CreatedApiKey>, ValidationProblem>> Create(
        CreateApiKeyRequest request, IDocumentSession session, TimeProvider clock, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        var name = request.Name?.Trim() ?? "";
        if (name.Length is 0 or > 100) errors["name"] = ["A name has 1 to 100 characters."];
        var tier = request.Tier?.Trim().ToLowerInvariant() ?? "basic";
        if (!Tiers.Contains(tier)) errors["tier"] = [$"tier is one of {string.Join(", ", Tiers)}."];
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors);

        var key = $"np_{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4))}_{Convert.ToBase64String(RandomNumberGenerator.GetBytes(24)).TrimEnd('=').Replace('+', '-').Replace('/', '_')}";
        var apiKey = new ApiKey
        {
            Id = Guid.CreateVersion7(), Name = name, Tier = tier, KeyHash = ApiKey.HashOf(key), Prefix = key[..11],
            CreatedAt = clock.GetUtcNow(),
        };
        session.Insert(apiKey);
        await session.SaveChangesAsync(cancellationToken);
        return TypedResults.Created($"/api/admin/api-keys/{apiKey.Id}",
            new CreatedApiKey(apiKey.Id, apiKey.Name, apiKey.Tier, apiKey.Prefix, apiKey.CreatedAt, key));
    }

    private static async Task<Ok<IReadOnlyList<ApiKeyView>>> List(IQuerySession session, CancellationToken cancellationToken)
    {
        var keys = await session.Query<ApiKey>().OrderByDescending(k => k.CreatedAt).ToListAsync(cancellationToken);
        return TypedResults.Ok<IReadOnlyList<ApiKeyView>>(keys.Select(k => new ApiKeyView(k.Id, k.Name, k.Tier, k.Prefix, k.CreatedAt, k.RevokedAt)).ToList());
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> Revoke(
        Guid id, IDocumentSession session, TimeProvider clock, CancellationToken cancellationToken)
    {
        var key = await session.LoadAsync<ApiKey>(id, cancellationToken);
        if (key is null) return TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "No such API key.");
        key.RevokedAt ??= clock.GetUtcNow();
        session.Store(key);
        await session.SaveChangesAsync(cancellationToken);
        return TypedResults.NoContent();
    }

    private static async Task<Results<Ok<ApiKeyIdentity>, ProblemHttpResult>> Check(
        ApiKeyCheck request, IQuerySession session, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(request.Key) || request.Key.Length > 200) return UnknownKey();
        var hash = ApiKey.HashOf(request.Key);
        var key = await session.Query<ApiKey>().FirstOrDefaultAsync(k => k.KeyHash == hash, cancellationToken);
        if (key is null) return UnknownKey();
        // Still a 401, but named, so the gateway can count revoked keys apart from guessed ones.
        if (key.RevokedAt is not null)
            return TypedResults.Problem(statusCode: StatusCodes.Status401Unauthorized,
                title: "Revoked API key.", type: "https://newsplatform.dev/problems/revoked-api-key");
        return TypedResults.Ok(new ApiKeyIdentity(key.Id, key.Name, key.Tier));
    }

    private static ProblemHttpResult UnknownKey() => TypedResults.Problem(statusCode: StatusCodes.Status401Unauthorized,
        title: "Unknown or revoked API key.", type: "https://newsplatform.dev/problems/invalid-api-key");
}
