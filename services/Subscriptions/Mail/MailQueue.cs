namespace NewsPlatform.Subscriptions.Mail;

/// <summary>
/// The in-process nudge between whoever queued a mail and <see cref="MailDelivery"/>: a mail queued on this replica
/// goes out at once rather than at the next poll. Only a shortcut; the poll finds every mail either way.
/// </summary>
public sealed class MailQueue
{
    private readonly SemaphoreSlim _signal = new(0, 1);

    /// <summary>Call after the transaction that queued mail has committed.</summary>
    public void Wake()
    {
        try { _signal.Release(); }
        catch (SemaphoreFullException) { } // already awake
    }

    internal Task WaitAsync(TimeSpan timeout, CancellationToken cancellationToken) => _signal.WaitAsync(timeout, cancellationToken);
}
