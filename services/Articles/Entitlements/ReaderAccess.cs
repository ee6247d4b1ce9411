using System.Security.Claims;
using Marten;

namespace NewsPlatform.Articles.Entitlements;

/// <summary>Decides whether the caller may read a premium article in full.</summary>
public sealed class ReaderAccess(IQuerySession session, TimeProvider clock)
{
    public async Task<bool> MayReadPremiumAsync(ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        if (user.IsInRole(Roles.Editor) || user.IsInRole(Roles.Admin)) return true;
        if (!Guid.TryParse(user.FindFirstValue("sub") ?? user.FindFirstValue(ClaimTypes.NameIdentifier), out var readerId)) return false;
        var entitlement = await session.LoadAsync<ReaderEntitlement>(readerId, cancellationToken);
        return entitlement?.IsEntitledAt(clock.GetUtcNow()) == true;
    }
}
