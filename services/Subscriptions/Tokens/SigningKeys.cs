using System.Diagnostics;
using System.Security.Cryptography;
using Marten;
using Microsoft.IdentityModel.Tokens;

namespace NewsPlatform.Subscriptions.Tokens;

/// <summary>An RSA signing key, stored in this service's database so tokens survive restarts and replicas agree.</summary>
public sealed record SigningKeyDocument(string Id, string PrivateKeyPkcs8, DateTimeOffset CreatedAt);

/// <summary>
/// The keys that sign access tokens (RS256). The newest signs; all are published at
/// <c>/.well-known/jwks.json</c> so verifiers find any <c>kid</c> still in use.
/// Replicas agree on the keys: the first key of an empty database has one id whichever replica makes it (its
/// generation, <see cref="KeyIdOf"/>), so of two replicas starting together one insert wins and the other loads that
/// key; and a replica reads the keys again when they are a minute old, or at once (at most every few seconds) when a
/// token names a key it has not loaded — a key another replica added is never refused for long.
/// </summary>
public sealed class SigningKeys(IDocumentStore store, TimeProvider clock)
{
    public static readonly TimeSpan MaxAge = TimeSpan.FromMinutes(1);
    public static readonly TimeSpan UnknownKeyReloadGap = TimeSpan.FromSeconds(5);

    private volatile Loaded? _loaded;
    private readonly SemaphoreSlim _loading = new(1, 1);

    private sealed record Loaded(IReadOnlyList<RsaSecurityKey> Keys, long At);

    public static string KeyIdOf(int generation) => $"np-key-{generation}";

    public async Task<RsaSecurityKey> CurrentAsync(CancellationToken cancellationToken = default) =>
        (await AllAsync(cancellationToken))[0];

    public async Task<IReadOnlyList<RsaSecurityKey>> AllAsync(CancellationToken cancellationToken = default)
    {
        if (_loaded is { } loaded && Stopwatch.GetElapsedTime(loaded.At) < MaxAge) return loaded.Keys;
        return await ReloadAsync(olderThan: MaxAge, cancellationToken);
    }

    /// <summary>
    /// The keys for a token naming <paramref name="keyId"/> (this service's own token validation). A known key costs no
    /// I/O; an unknown one reloads the keys, at most every <see cref="UnknownKeyReloadGap"/>, so a forged kid cannot
    /// make every request a database query.
    /// </summary>
    public IReadOnlyList<RsaSecurityKey> Resolve(string? keyId)
    {
        var loaded = _loaded;
        if (loaded is not null && (keyId is null || loaded.Keys.Any(k => k.KeyId == keyId)) && Stopwatch.GetElapsedTime(loaded.At) < MaxAge)
            return loaded.Keys;
        var gap = loaded is not null && Stopwatch.GetElapsedTime(loaded.At) < MaxAge ? UnknownKeyReloadGap : TimeSpan.Zero;
        return ReloadAsync(gap, CancellationToken.None).GetAwaiter().GetResult();
    }

    private async Task<IReadOnlyList<RsaSecurityKey>> ReloadAsync(TimeSpan olderThan, CancellationToken cancellationToken)
    {
        await _loading.WaitAsync(cancellationToken);
        try
        {
            if (_loaded is { } fresh && Stopwatch.GetElapsedTime(fresh.At) < olderThan) return fresh.Keys; // another caller just did
            var keys = await LoadOrCreateAsync(cancellationToken);
            _loaded = new Loaded(keys, Stopwatch.GetTimestamp());
            return keys;
        }
        finally
        {
            _loading.Release();
        }
    }

    private async Task<IReadOnlyList<RsaSecurityKey>> LoadOrCreateAsync(CancellationToken cancellationToken)
    {
        for (var attempt = 0; attempt < 3; attempt++)
        {
            await using var session = store.LightweightSession();
            var stored = await session.Query<SigningKeyDocument>().OrderByDescending(k => k.CreatedAt).ToListAsync(cancellationToken);
            if (stored.Count > 0) return stored.Select(ToKey).ToList();

            using var rsa = RSA.Create(2048);
            session.Insert(new SigningKeyDocument(KeyIdOf(1), Convert.ToBase64String(rsa.ExportPkcs8PrivateKey()), clock.GetUtcNow()));
            try
            {
                await session.SaveChangesAsync(cancellationToken);
            }
            catch (JasperFx.DocumentAlreadyExistsException)
            {
                // another replica created the first key at the same moment: load it
            }
        }
        throw new InvalidOperationException("No signing key could be loaded or created.");
    }

    private static RsaSecurityKey ToKey(SigningKeyDocument document)
    {
        var rsa = RSA.Create();
        rsa.ImportPkcs8PrivateKey(Convert.FromBase64String(document.PrivateKeyPkcs8), out _);
        return new RsaSecurityKey(rsa) { KeyId = document.Id };
    }
}
