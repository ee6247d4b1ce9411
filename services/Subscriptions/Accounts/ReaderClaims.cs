using System.Security.Claims;

namespace NewsPlatform.Subscriptions.Accounts;

public static class ReaderClaims
{
    /// <summary>The reader a token speaks for (its <c>sub</c>); a token without one is refused (401).</summary>
    public static Guid ReaderId(this ClaimsPrincipal user) =>
        Guid.TryParse(user.FindFirstValue("sub"), out var id) ? id : throw new BadHttpRequestException("The token names no reader.", 401);
}
