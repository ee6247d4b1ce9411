using System.Security.Cryptography;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Caching.Distributed;
using NewsPlatform.Web.Platform;

namespace NewsPlatform.Web.Session;

/// <summary>
/// The server side of the reader's cookie session: the browser holds only a protected random key, and the
/// reader's tokens stay here, encrypted at rest, so no page script — and no copy of the cookie jar — ever
/// sees a token. The store is a distributed cache of its own (<see cref="SessionStorage"/>: in memory for one replica of
/// the site, Redis for several). When it does not answer, a reader's page says the site is unavailable (503) rather
/// than showing them signed out.
/// </summary>
public sealed class SessionTicketStore(
    [FromKeyedServices(SessionStorage.TicketCache)] IDistributedCache cache, IDataProtectionProvider protection, TimeProvider clock) : ITicketStore
{
    private const string Prefix = "reader-session:";
    private readonly IDataProtector _protector = protection.CreateProtector("NewsPlatform.Web.ReaderSession");

    public async Task<string> StoreAsync(AuthenticationTicket ticket)
    {
        var key = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        // The cookie handler knows the key, but hands the validating code only the stored ticket: it carries its own key.
        ticket.Properties.Items[ReaderSessionDefaults.SessionKeyItem] = key;
        await RenewAsync(key, ticket);
        return key;
    }

    public Task RenewAsync(string key, AuthenticationTicket ticket)
    {
        var expires = ticket.Properties.ExpiresUtc ?? clock.GetUtcNow().Add(ReaderSessionDefaults.Lifetime);
        return Reached(() => cache.SetAsync(Prefix + key, _protector.Protect(TicketSerializer.Default.Serialize(ticket)),
            new DistributedCacheEntryOptions { AbsoluteExpiration = expires }));
    }

    public async Task<AuthenticationTicket?> RetrieveAsync(string key)
    {
        byte[]? stored = null;
        await Reached(async () => stored = await cache.GetAsync(Prefix + key));
        if (stored is null) return null;
        try
        {
            return TicketSerializer.Default.Deserialize(_protector.Unprotect(stored));
        }
        catch (CryptographicException)
        {
            return null; // written under a key ring this site no longer has: the reader logs in again
        }
    }

    public Task RemoveAsync(string key) => Reached(() => cache.RemoveAsync(Prefix + key));

    private static async Task Reached(Func<Task> call)
    {
        try
        {
            await call();
        }
        catch (Exception e) when (SessionStorage.IsUnavailable(e))
        {
            throw new ServiceUnavailableException("session store", e.Message, e);
        }
    }
}

public static class ReaderSessionDefaults
{
    public const string Scheme = CookieAuthenticationDefaults.AuthenticationScheme;
    public const string CookieName = "np_session";

    /// <summary>As long as the identity service's refresh token lives: a session outliving it could not be renewed.</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromDays(30);

    /// <summary>The access token is renewed this long before it expires, so no call to a service carries a dead one.</summary>
    public static readonly TimeSpan RenewBefore = TimeSpan.FromSeconds(60);

    /// <summary>The item of the stored ticket's properties that names its own key in the store.</summary>
    public const string SessionKeyItem = ".session-key";
}
