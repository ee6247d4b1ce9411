using Marten;
using NewsPlatform.Subscriptions.Plans;
using NewsPlatform.Subscriptions.Telemetry;

namespace NewsPlatform.Subscriptions.Subscribing;

/// <summary>
/// Charges subscriptions through the payment provider: the first period when a reader subscribes,
/// retries of charges that timed out, and renewals at period end; expires cancelled subscriptions
/// whose period has ended. Every charge carries an idempotency key (subscription and period), so a
/// retry never charges twice.
/// </summary>
public sealed class SubscriptionBilling(
    IDocumentStore store, IPaymentProvider payments, TimeProvider clock, SubscriptionsMetrics metrics, IConfiguration configuration,
    ILogger<SubscriptionBilling> logger)
{
    private readonly string database = configuration.GetConnectionString("subscriptionsdb")!;

    public async Task<Subscription> ChargeAsync(Guid subscriptionId, CancellationToken cancellationToken)
    {
        await using var session = store.LightweightSession();
        var stream = await session.Events.FetchForWriting<Subscription>(subscriptionId, cancellationToken);
        var subscription = stream.Aggregate!;
        var plan = PlanCatalogue.Find(subscription.PlanCode)!;

        // Decided on the state just read, not on the list that brought us here: another round or
        // replica may have charged meanwhile. Two that read the same state use the same
        // idempotency key, so the provider charges once, and only one of them can commit.
        var now = clock.GetUtcNow();
        var due = subscription.Status == SubscriptionStatus.Pending
                  || (subscription.Status == SubscriptionStatus.Active && subscription.PeriodEnd <= now);
        if (!due) return subscription;

        PaymentResult result;
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(TimeSpan.FromSeconds(15));
            result = await payments.ChargeAsync(new ChargeRequest(subscription.NextChargeKey, subscription.PriceKrw,
                subscription.PaymentToken, $"{plan.Name} subscription"), timeout.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            result = new PaymentResult.TimedOut();
        }

        var events = SubscriptionDecider.DecidePayment(subscription, plan, result, now);
        stream.AppendMany(events);
        var after = events.Aggregate(subscription, (s, e) => SubscriptionDecider.Evolve(s, e)!);
        if (after.Status is SubscriptionStatus.Failed or SubscriptionStatus.Expired) session.Delete<OpenSubscription>(after.ReaderId);
        await session.SaveChangesAsync(cancellationToken);
        metrics.Appended(subscription, events);
        return after with { Version = subscription.Version + events.Count };
    }

    public const string LeaseName = "newsplatform.subscriptions.billing";

    /// <summary>
    /// One round of the billing job: retries, renewals and expiries that are due. Replicas take turns (a
    /// <see cref="PostgresLease"/>): with every replica polling, each due subscription would otherwise be charged by
    /// several at once — one charge in the end, by the idempotency key, but N calls to the provider. A round that
    /// waited for its turn finds the work done and does nothing.
    /// </summary>
    public async Task RunDueAsync(CancellationToken cancellationToken)
    {
        await using var lease = await PostgresLease.TakeAsync(database, LeaseName, cancellationToken);
        var now = clock.GetUtcNow();
        List<Subscription> due;
        await using (var query = store.QuerySession())
        {
            due = (await query.Query<Subscription>()
                    .Where(s => s.Status == SubscriptionStatus.Pending
                                || (s.Status == SubscriptionStatus.Active && s.PeriodEnd <= now)
                                || (s.Status == SubscriptionStatus.Cancelled && s.PeriodEnd <= now))
                    .Take(200)
                    .ToListAsync(cancellationToken))
                .ToList();
        }

        foreach (var subscription in due)
        {
            try
            {
                if (subscription.Status == SubscriptionStatus.Cancelled) await ExpireAsync(subscription.Id, cancellationToken);
                else if (subscription.Status == SubscriptionStatus.Pending && now - subscription.RequestedAt < TimeSpan.FromSeconds(5)) continue; // still being charged by its request
                else await ChargeAsync(subscription.Id, cancellationToken);
            }
            catch (JasperFx.ConcurrencyException)
            {
                // changed meanwhile (the reader, another replica): the next round sees the new state
            }
            catch (Exception e) when (e is Npgsql.NpgsqlException or TimeoutException)
            {
                logger.LogWarning("Billing of subscription {SubscriptionId} will retry: {Error}", subscription.Id, e.Message);
            }
        }
    }

    private async Task ExpireAsync(Guid subscriptionId, CancellationToken cancellationToken)
    {
        await using var session = store.LightweightSession();
        var stream = await session.Events.FetchForWriting<Subscription>(subscriptionId, cancellationToken);
        var events = SubscriptionDecider.DecidePeriodEnd(stream.Aggregate!, clock.GetUtcNow());
        if (events.Count == 0) return;
        stream.AppendMany(events);
        session.Delete<OpenSubscription>(stream.Aggregate!.ReaderId);
        await session.SaveChangesAsync(cancellationToken);
        metrics.Appended(stream.Aggregate, events);
    }
}

/// <summary>
/// Runs <see cref="SubscriptionBilling.RunDueAsync"/> on a timer (<c>Billing:CheckInterval</c>, default 30 s). A round
/// that fails (the database restarting, say) is logged and the next round tries again: a background job that threw
/// would stop the whole host, on every replica at once.
/// </summary>
public sealed class BillingJob(SubscriptionBilling billing, TimeProvider clock, IConfiguration configuration, ILogger<BillingJob> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(configuration.GetValue("Billing:CheckInterval", TimeSpan.FromSeconds(30)), clock);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                try
                {
                    await billing.RunDueAsync(stoppingToken);
                }
                catch (Exception e) when (!stoppingToken.IsCancellationRequested)
                {
                    logger.LogWarning("Billing round failed; the next round tries again: {Error}", e.Message);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested) { }
    }
}
