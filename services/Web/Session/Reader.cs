using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using NewsPlatform.Web.Platform;

namespace NewsPlatform.Web.Session;

/// <summary>The logged-in reader of this request, as the session knows them.</summary>
public sealed record Reader(Guid Id, string DisplayName, string Email, IReadOnlyList<string> Roles)
{
    public bool IsEditor => Roles.Contains("editor");
    public bool IsAdmin => Roles.Contains("admin");

    public static Reader? From(ClaimsPrincipal user) =>
        user.Identity?.IsAuthenticated == true && Guid.TryParse(user.FindFirstValue("sub"), out var id)
            ? new Reader(id, user.FindFirstValue("name") ?? "", user.FindFirstValue("email") ?? "",
                user.FindAll("role").Select(c => c.Value).ToList())
            : null;
}

/// <summary>Starting and ending the reader's session with the tokens the identity service issued.</summary>
public static class ReaderSignIn
{
    public const string AccessToken = "access_token";
    public const string RefreshToken = "refresh_token";
    public const string ExpiresAt = "expires_at";

    public static Task SignInAsync(HttpContext http, TokenPair tokens, ReaderProfile profile, bool remember)
    {
        var claims = new List<Claim>
        {
            new("sub", profile.Id.ToString()),
            new("name", profile.DisplayName),
            new("email", profile.Email),
        };
        claims.AddRange(profile.Roles.Select(role => new Claim("role", role)));
        var principal = new ClaimsPrincipal(new ClaimsIdentity(claims, ReaderSessionDefaults.Scheme, "name", "role"));

        var properties = new AuthenticationProperties { IsPersistent = remember, AllowRefresh = true };
        StoreTokens(properties, tokens);
        return http.SignInAsync(ReaderSessionDefaults.Scheme, principal, properties);
    }

    public static void StoreTokens(AuthenticationProperties properties, TokenPair tokens) => properties.StoreTokens(
    [
        new AuthenticationToken { Name = AccessToken, Value = tokens.AccessToken },
        new AuthenticationToken { Name = RefreshToken, Value = tokens.RefreshToken },
        new AuthenticationToken { Name = ExpiresAt, Value = tokens.ExpiresAt.ToString("O", CultureInfo.InvariantCulture) },
    ]);

    public static DateTimeOffset? AccessTokenExpiry(AuthenticationProperties properties) =>
        DateTimeOffset.TryParse(properties.GetTokenValue(ExpiresAt), CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var at)
            ? at
            : null;
}
