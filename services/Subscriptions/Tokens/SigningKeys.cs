using System.Security.Cryptography;
using Marten;
using Microsoft.IdentityModel.Tokens;

namespace NewsPlatform.Subscriptions.Tokens;

/// <summary>An RSA signing key, stored in this service's database so tokens survive restarts and replicas agree.</summary>
public sealed record SigningKeyDocument(string Id, string PrivateKeyPkcs8, DateTimeOffset CreatedAt);

/// <summary>
/// The keys that sign access tokens (RS256). The newest signs; all are published at
/// <c>/.well-known/jwks.json</c> so verifiers find any <c>kid</c> still in use.
/// </summary>
public sealed class SigningKeys(IDocumentStore store, TimeProvider clock)
{
    private IReadOnlyList<RsaSecurityKey>? _keys;
    private readonly SemaphoreSlim _loading = new(1, 1);

    public async Task<RsaSecurityKey> CurrentAsync(CancellationToken cancellationToken = default) =>
        (await AllAsync(cancellationToken))[0];

    public async Task<IReadOnlyList<RsaSecurityKey>> AllAsync(CancellationToken cancellationToken = default)
    {
        if (_keys is { } loaded) return loaded;
        await _loading.WaitAsync(cancellationToken);
        try
        {
            return _keys ??= await LoadOrCreateAsync(cancellationToken);
        }
        finally
        {
            _loading.Release();
        }
    }

    /// <summary>For the token validation of this service itself, which must not block on I/O per request after the first.</summary>
    public IReadOnlyList<RsaSecurityKey> Loaded => _keys ?? AllAsync().GetAwaiter().GetResult();

    private async Task<IReadOnlyList<RsaSecurityKey>> LoadOrCreateAsync(CancellationToken cancellationToken)
    {
        for (var attempt = 0; attempt < 3; attempt++)
        {
            await using var session = store.LightweightSession();
            var stored = await session.Query<SigningKeyDocument>().OrderByDescending(k => k.CreatedAt).ToListAsync(cancellationToken);
            if (stored.Count > 0) return stored.Select(ToKey).ToList();

            using var rsa = RSA.Create(2048);
            var document = new SigningKeyDocument($"k{clock.GetUtcNow():yyyyMMdd}-{Guid.NewGuid():N}"[..20],
                Convert.ToBase64String(rsa.ExportPkcs8PrivateKey()), clock.GetUtcNow());
            session.Insert(document);
            try
            {
                await session.SaveChangesAsync(cancellationToken);
            }
            catch (JasperFx.DocumentAlreadyExistsException)
            {
                // another replica created one at the same moment: load again
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
