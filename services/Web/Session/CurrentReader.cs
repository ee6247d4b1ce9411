using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Caching.Hybrid;
using NewsPlatform.Web.Platform;

namespace NewsPlatform.Web.Session;

/// <summary>The reader of the current request and their access token (never shown to the page).</summary>
public sealed class CurrentReader(IHttpContextAccessor accessor)
{
    private HttpContext Http => accessor.HttpContext ?? throw new InvalidOperationException("No request.");

    public Reader? Reader => Session.Reader.From(Http.User);

    public Task<string?> AccessTokenAsync() =>
        Reader is null ? Task.FromResult<string?>(null) : Http.GetTokenAsync(ReaderSessionDefaults.Scheme, ReaderSignIn.AccessToken);
}

/// <summary>What the masthead shows a logged-in reader besides their name.</summary>
public sealed record ReaderGlance(long UnreadNotifications, IReadOnlyList<string> Follows);

/// <summary>
/// The masthead's facts about a logged-in reader (unread notifications, followed sections), kept for a few
/// seconds per reader, so a page costs the identity service at most one read that often; the reader's own
/// changes (follow, mark as read) forget it at once.
/// </summary>
public sealed class ReaderGlances(IdentityApi identity, HybridCache cache, ILogger<ReaderGlances> logger)
{
    private static readonly HybridCacheEntryOptions Briefly = new() { Expiration = TimeSpan.FromSeconds(15), LocalCacheExpiration = TimeSpan.FromSeconds(15) };

    public async Task<ReaderGlance?> ForAsync(Reader reader, string accessToken, CancellationToken cancellationToken = default)
    {
        try
        {
            return await cache.GetOrCreateAsync(Key(reader.Id), async ct =>
            {
                var inbox = identity.NotificationsAsync(accessToken, 1, 1, ct);
                var follows = identity.FollowsAsync(accessToken, ct);
                return new ReaderGlance((await inbox).Value?.Unread ?? 0, (await follows).Value ?? []);
            }, Briefly, cancellationToken: cancellationToken);
        }
        catch (ServiceUnavailableException e)
        {
            logger.LogWarning("Masthead without the reader's glance: {Reason}", e.Message);
            return null; // the page still serves; only the count is missing
        }
    }

    public ValueTask ForgetAsync(Guid readerId) => cache.RemoveAsync(Key(readerId));

    private static string Key(Guid readerId) => $"glance:{readerId}";
}
