using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;

namespace Microsoft.Extensions.Hosting;

/// <summary>The roles of the platform and the policies that name them.</summary>
public static class Roles
{
    public const string Reader = "reader";
    public const string Editor = "editor";
    public const string Admin = "admin";
}

public static class Policies
{
    public const string Editor = "editor";
    public const string Admin = "admin";
    public const string Reader = "reader";
}

/// <summary>Authentication and role policies, the same in every service.</summary>
public static class AuthenticationExtensions
{
    public const string PlatformScheme = "Platform";
    public const string JwtScheme = "Jwt";

    /// <summary>
    /// Access tokens are RS256 JWTs from the identity service, verified with the standard JwtBearer
    /// handler against the keys it publishes (<c>Identity:Authority</c> names it; its discovery
    /// document gives the issuer and JWKS). Issuer, audience, lifetime and algorithm are all checked.
    /// </summary>
    public static IHostApplicationBuilder AddPlatformAuthentication(this IHostApplicationBuilder builder)
    {
        var identity = builder.Configuration.GetSection("Identity");
        var developmentTokens = builder.Configuration.GetValue<bool>("Authentication:DevelopmentTokens");

        var verifiedTokens = builder.Configuration.GetValue(VerifiedTokens.Setting, true) ? new VerifiedTokens() : null;
        if (verifiedTokens is not null) builder.Services.AddSingleton(verifiedTokens); // one per host: what a host verified is its own

        builder.Services.AddAuthentication(PlatformScheme)
            .AddPolicyScheme(PlatformScheme, "JWT, or development tokens where enabled", options =>
                options.ForwardDefaultSelector = http =>
                    developmentTokens && http.Request.Headers.Authorization.ToString().StartsWith("Bearer dev:", StringComparison.Ordinal)
                        ? DevelopmentTokenHandler.SchemeName
                        : JwtScheme)
            .AddScheme<AuthenticationSchemeOptions, DevelopmentTokenHandler>(DevelopmentTokenHandler.SchemeName, null)
            .AddJwtBearer(JwtScheme, options =>
            {
                options.MapInboundClaims = false; // keep "sub", "role", "name" as issued
                if (verifiedTokens is not null) verifiedTokens.Attach(options.Events ??= new JwtBearerEvents());
                if (identity["Authority"] is { Length: > 0 } authority)
                {
                    options.Authority = authority;
                    options.RequireHttpsMetadata = !authority.StartsWith("http://", StringComparison.OrdinalIgnoreCase);
                }
                options.TokenValidationParameters = new TokenValidationParameters
                {
                    ValidIssuer = identity["Issuer"] ?? "newsplatform-identity",
                    ValidAudience = identity["Audience"] ?? "newsplatform-api",
                    ValidAlgorithms = [SecurityAlgorithms.RsaSha256],
                    NameClaimType = "name",
                    RoleClaimType = "role",
                    ClockSkew = TimeSpan.FromSeconds(30),
                };
            });

        builder.Services.AddAuthorizationBuilder()
            .AddPolicy(Policies.Reader, policy => policy.RequireAuthenticatedUser())
            .AddPolicy(Policies.Editor, policy => policy.RequireRole(Roles.Editor))
            .AddPolicy(Policies.Admin, policy => policy.RequireRole(Roles.Admin));
        return builder;
    }
}

/// <summary>
/// Development-only bearer tokens of the form <c>dev:&lt;subject&gt;:&lt;roles&gt;</c>, e.g.
/// <c>dev:3f2b…:editor</c>. Lets the newsroom and premium gating be built and tested before
/// the identity service exists; it is off unless <c>Authentication:DevelopmentTokens</c> is true.
/// </summary>
public sealed class DevelopmentTokenHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, IConfiguration configuration)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "DevelopmentToken";

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (!configuration.GetValue<bool>("Authentication:DevelopmentTokens")) return Task.FromResult(AuthenticateResult.NoResult());
        var header = Request.Headers.Authorization.ToString();
        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)) return Task.FromResult(AuthenticateResult.NoResult());

        var parts = header["Bearer ".Length..].Trim().Split(':');
        if (parts.Length is < 2 or > 3 || parts[0] != "dev" || parts[1].Length is 0 or > 100)
            return Task.FromResult(AuthenticateResult.Fail("Not a development token."));

        var claims = new List<Claim> { new("sub", parts[1]), new(ClaimTypes.NameIdentifier, parts[1]), new(ClaimTypes.Name, parts[1]) };
        var roles = parts.Length == 3 ? parts[2].Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) : [];
        claims.AddRange(roles.Append(Roles.Reader).Distinct().Select(role => new Claim(ClaimTypes.Role, role)));
        var principal = new ClaimsPrincipal(new ClaimsIdentity(claims, SchemeName));
        return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(principal, SchemeName)));
    }
}
