using NewsPlatform.Subscriptions.Plans;
using NewsPlatform.Subscriptions.Subscribing;

namespace NewsPlatform.Subscriptions.Tests.Subscribing;

/// <summary>The subscription rules as pure code.</summary>
public sealed class SubscriptionRulesTests
{
    private static readonly DateTimeOffset T0 = new(2026, 1, 31, 12, 0, 0, TimeSpan.Zero);
    private static readonly Plan Monthly = PlanCatalogue.Find("digital-monthly")!;
    private static readonly Plan Annual = PlanCatalogue.Find("digital-annual")!;

    private static Subscription Requested(Plan? plan = null) => SubscriptionDecider.Evolve(null,
        new SubscriptionRequested(Guid.NewGuid(), Guid.NewGuid(), (plan ?? Monthly).Code, (plan ?? Monthly).PriceKrw, "tok_ok", T0))!;

    private static Subscription Apply(Subscription s, IEnumerable<object> events) => events.Aggregate(s, (state, e) => SubscriptionDecider.Evolve(state, e)!);

    private static Subscription Active(Plan? plan = null)
    {
        var requested = Requested(plan);
        return Apply(requested, SubscriptionDecider.DecidePayment(requested, plan ?? Monthly, new PaymentResult.Captured("ch_1"), T0));
    }

    [Fact]
    public void A_captured_payment_activates_one_period_of_the_plan()
    {
        Assert.Equal(T0.AddMonths(1), Active().PeriodEnd);
        Assert.Equal(T0.AddYears(1), Active(Annual).PeriodEnd);
        Assert.True(Active().GivesAccessAt(T0.AddDays(10)));
        Assert.Equal(1, Active().PeriodsPaid);
    }

    [Fact]
    public void A_declined_first_payment_fails_the_subscription_without_access()
    {
        var requested = Requested();
        var failed = Apply(requested, SubscriptionDecider.DecidePayment(requested, Monthly, new PaymentResult.Declined("card declined"), T0));
        Assert.Equal(SubscriptionStatus.Failed, failed.Status);
        Assert.False(failed.GivesAccessAt(T0));
    }

    [Fact]
    public void Timeouts_keep_it_pending_with_the_same_charge_key_and_the_third_abandons_it()
    {
        var subscription = Requested();
        var key = subscription.NextChargeKey;
        for (var attempt = 1; attempt <= 2; attempt++)
        {
            subscription = Apply(subscription, SubscriptionDecider.DecidePayment(subscription, Monthly, new PaymentResult.TimedOut(), T0.AddMinutes(attempt)));
            Assert.Equal(SubscriptionStatus.Pending, subscription.Status);
            Assert.Equal(key, subscription.NextChargeKey); // a retry can never charge a second time
        }
        subscription = Apply(subscription, SubscriptionDecider.DecidePayment(subscription, Monthly, new PaymentResult.TimedOut(), T0.AddMinutes(3)));
        Assert.Equal(SubscriptionStatus.Failed, subscription.Status);
    }

    [Fact]
    public void A_cancelled_subscription_keeps_access_to_period_end_then_expires()
    {
        var active = Active();
        var cancelled = Apply(active, SubscriptionDecider.DecideCancel(active, "reader", T0.AddDays(3)));
        Assert.Equal(SubscriptionStatus.Cancelled, cancelled.Status);
        Assert.True(cancelled.GivesAccessAt(T0.AddDays(27))); // 31 January + 1 month = 28 February
        Assert.Empty(SubscriptionDecider.DecidePeriodEnd(cancelled, T0.AddDays(27)));

        var expired = Apply(cancelled, SubscriptionDecider.DecidePeriodEnd(cancelled, T0.AddMonths(1)));
        Assert.Equal(SubscriptionStatus.Expired, expired.Status);
        Assert.False(expired.GivesAccessAt(T0.AddMonths(1)));
    }

    [Fact]
    public void Only_an_active_subscription_can_be_cancelled_and_cancelling_twice_records_nothing()
    {
        Assert.Throws<SubscriptionRejected>(() => SubscriptionDecider.DecideCancel(Requested(), "reader", T0));
        var active = Active();
        var cancelled = Apply(active, SubscriptionDecider.DecideCancel(active, "reader", T0));
        Assert.Empty(SubscriptionDecider.DecideCancel(cancelled, "reader", T0));
    }

    [Fact]
    public void A_renewal_adds_a_period_from_the_old_end_and_a_declined_renewal_expires_it()
    {
        var active = Active();
        var renewed = Apply(active, SubscriptionDecider.DecidePayment(active, Monthly, new PaymentResult.Captured("ch_2"), T0.AddMonths(1).AddHours(1)));
        Assert.Equal(T0.AddMonths(1), renewed.PeriodStart);
        Assert.Equal(new DateTimeOffset(2026, 3, 31, 12, 0, 0, TimeSpan.Zero), renewed.PeriodEnd); // the billing day is kept
        Assert.NotEqual(active.NextChargeKey, renewed.NextChargeKey);

        var lapsed = Apply(renewed, SubscriptionDecider.DecidePayment(renewed, Monthly, new PaymentResult.Declined("expired card"), T0.AddMonths(2)));
        Assert.Equal(SubscriptionStatus.Expired, lapsed.Status);
    }
}
