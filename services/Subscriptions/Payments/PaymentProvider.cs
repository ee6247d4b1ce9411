using System.Collections.Concurrent;

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

/// <summary>
/// The built-in sandbox provider. Documented test tokens: <c>tok_ok</c> is charged;
/// <c>tok_declined</c> is declined; <c>tok_timeout</c> charges but does not answer the first time,
/// as a provider does when the network fails after the charge — a retry with the same
/// idempotency key then returns that same charge, so the reader is charged once.
/// </summary>
public sealed class SandboxPaymentProvider : IPaymentProvider
{
    private readonly ConcurrentDictionary<string, string> _charges = new();

    /// <summary>Charges made, by idempotency key (for tests and the sandbox's own bookkeeping).</summary>
    public IReadOnlyDictionary<string, string> Charges => _charges;

    public Task<PaymentResult> ChargeAsync(ChargeRequest request, CancellationToken cancellationToken)
    {
        if (_charges.TryGetValue(request.IdempotencyKey, out var existing))
            return Task.FromResult<PaymentResult>(new PaymentResult.Captured(existing));

        switch (request.PaymentToken)
        {
            case "tok_ok":
                return Task.FromResult<PaymentResult>(new PaymentResult.Captured(
                    _charges.GetOrAdd(request.IdempotencyKey, _ => $"ch_{Guid.NewGuid():N}")));
            case "tok_timeout":
                _charges.GetOrAdd(request.IdempotencyKey, _ => $"ch_{Guid.NewGuid():N}");
                return Task.FromResult<PaymentResult>(new PaymentResult.TimedOut());
            default:
                return Task.FromResult<PaymentResult>(new PaymentResult.Declined(
                    request.PaymentToken == "tok_declined" ? "card declined" : "unknown payment token"));
        }
    }
}
