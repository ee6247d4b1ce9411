using Marten;

namespace NewsPlatform.Subscriptions;

/// <summary>What a charge came to.</summary>
public abstract record PaymentResult
{
    public sealed record Captured(string ChargeId) : PaymentResult;
    public sealed record Declined(string Reason) : PaymentResult;
    /// <summary>No answer in time: the charge may or may not have happened.</summary>
    public sealed record TimedOut : PaymentResult;
}

/// <param name="IdempotencyKey">The same key charges at most once, however often it is sent.</param>
public sealed record ChargeRequest(string IdempotencyKey, long AmountKrw, string PaymentToken, string Description);

/// <summary>A payment provider. Real ones plug in here; the sandbox below is built in.</summary>
public interface IPaymentProvider
{
    Task<PaymentResult> ChargeAsync(ChargeRequest request, CancellationToken cancellationToken);
}

/// <summary>A charge the sandbox made, by idempotency key: kept in the service's database, as a real provider keeps its own.</summary>
public sealed record SandboxCharge(string Id, string ChargeId, DateTimeOffset At);

/// <summary>
/// The built-in sandbox provider. Documented test tokens: <c>tok_ok</c> is charged;
/// <c>tok_declined</c> is declined; <c>tok_timeout</c> charges but does not answer the first time,
/// as a provider does when the network fails after the charge — a retry with the same
/// idempotency key then returns that same charge, so the reader is charged once. Its memory of charges is in the
/// service's database, shared by every replica as a real provider's is: a retry from another replica finds the charge.
/// </summary>
public sealed class SandboxPaymentProvider(IDocumentStore store, TimeProvider clock) : IPaymentProvider
{
    /// <summary>
    /// The charges made for one subscription (its idempotency keys begin with its id), by idempotency key: for tests
    /// and the sandbox's own bookkeeping. Only that subscription's are read, not every charge ever made.
    /// </summary>
    public async Task<IReadOnlyDictionary<string, string>> ChargesForAsync(Guid subscriptionId, CancellationToken cancellationToken = default)
    {
        var prefix = subscriptionId.ToString("N");
        await using var session = store.QuerySession();
        return (await session.Query<SandboxCharge>().Where(c => c.Id.StartsWith(prefix)).ToListAsync(cancellationToken))
            .ToDictionary(c => c.Id, c => c.ChargeId);
    }

    public async Task<PaymentResult> ChargeAsync(ChargeRequest request, CancellationToken cancellationToken)
    {
        switch (request.PaymentToken)
        {
            case "tok_ok":
                return new PaymentResult.Captured(await ChargeOnceAsync(request.IdempotencyKey, cancellationToken));
            case "tok_timeout":
                // The first attempt charges and "loses" the answer; any later one (from any replica) gets the charge.
                var (chargeId, isNew) = await ChargeOnceWithFlagAsync(request.IdempotencyKey, cancellationToken);
                return isNew ? new PaymentResult.TimedOut() : new PaymentResult.Captured(chargeId);
            default:
                return new PaymentResult.Declined(request.PaymentToken == "tok_declined" ? "card declined" : "unknown payment token");
        }
    }

    private async Task<string> ChargeOnceAsync(string key, CancellationToken cancellationToken) =>
        (await ChargeOnceWithFlagAsync(key, cancellationToken)).ChargeId;

    /// <summary>The charge for the key: made now (true) or found (false). Two at once make one: the key is the primary key.</summary>
    private async Task<(string ChargeId, bool IsNew)> ChargeOnceWithFlagAsync(string key, CancellationToken cancellationToken)
    {
        await using var session = store.LightweightSession();
        if (await session.LoadAsync<SandboxCharge>(key, cancellationToken) is { } existing) return (existing.ChargeId, false);
        var charge = new SandboxCharge(key, $"ch_{Guid.NewGuid():N}", clock.GetUtcNow());
        session.Insert(charge);
        try
        {
            await session.SaveChangesAsync(cancellationToken);
            return (charge.ChargeId, true);
        }
        catch (JasperFx.DocumentAlreadyExistsException)
        {
            await using var again = store.QuerySession();
            return ((await again.LoadAsync<SandboxCharge>(key, cancellationToken))!.ChargeId, false);
        }
    }
}
