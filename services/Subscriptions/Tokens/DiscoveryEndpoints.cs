using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;

namespace NewsPlatform.Subscriptions.Tokens;

/// <summary>
/// Slice: what verifiers need — the public signing keys (JWKS) and an OpenID discovery document — so
/// the gateway and the services check tokens with the standard JwtBearer handler, no shared secret.
/// </summary>
public static class DiscoveryEndpoints
{
    public static void MapDiscovery(this IEndpointRouteBuilder app)
    {
        var wellKnown = app.MapGroup("/.well-known").WithTags("Identity");
        wellKnown.MapGet("/jwks.json", async (SigningKeys keys, CancellationToken ct) =>
                TypedResults.Ok(new { keys = (await keys.AllAsync(ct)).Select(PublicJwk).ToList() }))
            .WithName("Jwks").WithSummary("Public signing keys");
        wellKnown.MapGet("/openid-configuration", (HttpRequest request, IOptions<TokenSettings> settings) =>
            {
                var self = $"{request.Scheme}://{request.Host}{request.PathBase}";
                return TypedResults.Ok(new Dictionary<string, object>
                {
                    ["issuer"] = settings.Value.Issuer,
                    ["jwks_uri"] = $"{self}/.well-known/jwks.json",
                    ["token_endpoint"] = $"{self}/api/auth/login",
                    ["response_types_supported"] = new[] { "token" },
                    ["subject_types_supported"] = new[] { "public" },
                    ["id_token_signing_alg_values_supported"] = new[] { SecurityAlgorithms.RsaSha256 },
                    ["claims_supported"] = new[] { "sub", "email", "name", "role" },
                });
            })
            .WithName("OpenIdConfiguration").WithSummary("OpenID discovery document");
    }

    private static object PublicJwk(RsaSecurityKey key)
    {
        var parameters = key.Rsa.ExportParameters(includePrivateParameters: false);
        return new Dictionary<string, string>
        {
            ["kty"] = "RSA",
            ["use"] = "sig",
            ["alg"] = SecurityAlgorithms.RsaSha256,
            ["kid"] = key.KeyId,
            ["n"] = Base64UrlEncoder.Encode(parameters.Modulus),
            ["e"] = Base64UrlEncoder.Encode(parameters.Exponent),
        };
    }
}
