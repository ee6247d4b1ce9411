using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using NewsPlatform.Web.Platform;

namespace NewsPlatform.Web.Session;

/// <summary>
/// Keeps the session's access token alive: shortly before it expires the site rotates the refresh token
/// with the identity service and keeps the new pair. Requests of one session are serialised around the
/// rotation — two requests presenting the same refresh token would look like a stolen token to the
/// identity service, which then revokes the whole login. A refresh token the service refuses ends the session.
/// </summary>
public sealed class TokenRenewal(IdentityApi identity, ITicketStore store, ISessionLocks locks, TimeProvider clock, ILogger<TokenRenewal> logger)
{
    public async Task ValidateAsync(CookieValidatePrincipalContext context)
    {
        if (!NeedsRenewal(context.Properties)) return;
        if (!context.Properties.Items.TryGetValue(ReaderSessionDefaults.SessionKeyItem, out var key) || key is null) return;

        using var held = await locks.HoldAsync(key, context.HttpContext.RequestAborted);

        // Another request of this session may have renewed the tokens while this one waited.
        if (await store.RetrieveAsync(key) is { } current && !NeedsRenewal(current.Properties))
        {
            context.Properties.StoreTokens(current.Properties.GetTokens());
            return;
        }

        var refreshToken = context.Properties.GetTokenValue(ReaderSignIn.RefreshToken);
        if (string.IsNullOrEmpty(refreshToken))
        {
            await EndAsync(context);
            return;
        }

        ApiAnswer<TokenPair> renewed;
        try
        {
            renewed = await identity.RefreshAsync(refreshToken, context.HttpContext.RequestAborted);
        }
        catch (ServiceUnavailableException e)
        {
            // Identity is down: keep the session; the old token serves while it lasts, and the next request tries again.
            logger.LogWarning("Session tokens not renewed: {Reason}", e.Message);
            return;
        }
        if (renewed.Value is not { } tokens)
        {
            logger.LogInformation("Session ended: the identity service refused its refresh token ({Kind})", renewed.Problem?.Kind);
            await EndAsync(context);
            return;
        }

        ReaderSignIn.StoreTokens(context.Properties, tokens);
        // Written here, under the session's lock, so a request waiting on it finds the new pair.
        await store.RenewAsync(key, new AuthenticationTicket(context.Principal!, context.Properties, context.Scheme.Name));
    }

    private bool NeedsRenewal(AuthenticationProperties properties) =>
        ReaderSignIn.AccessTokenExpiry(properties) is not { } expires || expires - clock.GetUtcNow() < ReaderSessionDefaults.RenewBefore;

    private static async Task EndAsync(CookieValidatePrincipalContext context)
    {
        context.RejectPrincipal();
        await context.HttpContext.SignOutAsync(ReaderSessionDefaults.Scheme);
    }
}
