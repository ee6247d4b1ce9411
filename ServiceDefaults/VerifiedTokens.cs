using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.IdentityModel.JsonWebTokens;

namespace Microsoft.Extensions.Hosting;

/// <summary>
/// Access tokens that verified, remembered by their exact text for a short while. Verifying an RS256 token
/// (parsing it, checking the RSA signature, building its claims) was most of what a reader's request cost the
/// gateway — 95 µs of its 232 µs in <c>bench/gateway.sh</c> — and a reader sends the same token with every
/// request for its 15 minutes. A token seen again within <see cref="Remembered"/> (and before it expires) is
/// accepted without repeating the work; any other text, one changed byte included, is verified in full.
/// </summary>
/// <remarks>
/// What a verified token grants is fixed by its signed claims, so remembering it changes no answer; the
/// one thing it delays is a signing key's withdrawal, by at most <see cref="Remembered"/> — no longer than
/// the services take to reload the identity service's keys anyway. The number of tokens kept is bounded.
/// </remarks>
public sealed class VerifiedTokens : IDisposable
{
    public static readonly TimeSpan Remembered = TimeSpan.FromMinutes(1);
    public const int Capacity = 20_000;

    /// <summary><c>Authentication:RememberVerifiedTokens</c> (default true): false verifies every request's token in full.</summary>
    public const string Setting = "Authentication:RememberVerifiedTokens";

    private readonly MemoryCache _verified = new(new MemoryCacheOptions { SizeLimit = Capacity });

    /// <summary>Hooks into JwtBearer: a remembered token succeeds before validation; a validated one is remembered.</summary>
    public void Attach(JwtBearerEvents events)
    {
        var received = events.OnMessageReceived;
        events.OnMessageReceived = async context =>
        {
            await received(context);
            if (context.Result is not null) return;
            var token = context.Token ?? BearerOf(context.Request.Headers.Authorization.ToString());
            if (token is null || !_verified.TryGetValue(token, out ClaimsPrincipal? principal) || principal is null) return;
            // A copy per request: whatever a request adds to its user stays its own.
            context.Principal = principal.Clone();
            context.Success();
        };
        var validated = events.OnTokenValidated;
        events.OnTokenValidated = async context =>
        {
            await validated(context);
            if (context.Result is not null || context.Principal is null || context.SecurityToken is not JsonWebToken jwt) return;
            var now = DateTimeOffset.UtcNow;
            var until = Min(new DateTimeOffset(jwt.ValidTo, TimeSpan.Zero), now + Remembered);
            if (until <= now) return;
            _verified.Set(jwt.EncodedToken, context.Principal.Clone(), new MemoryCacheEntryOptions { Size = 1, AbsoluteExpiration = until });
        };
    }

    private static string? BearerOf(string authorization) =>
        authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) && authorization.Length > 7 ? authorization[7..].Trim() : null;

    private static DateTimeOffset Min(DateTimeOffset a, DateTimeOffset b) => a < b ? a : b;

    public void Dispose() => _verified.Dispose();
}
