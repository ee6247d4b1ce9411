using System.Diagnostics.Metrics;
using NewsPlatform.Subscriptions.Accounts;
using NewsPlatform.Subscriptions.Subscribing;
using NewsPlatform.Subscriptions.Tokens;

namespace NewsPlatform.Subscriptions.Telemetry;

/// <summary>Identity and subscriptions as the operations dashboard shows them (meter <c>NewsPlatform.Subscriptions</c>).</summary>
public sealed class SubscriptionsMetrics
{
    public const string MeterName = "NewsPlatform.Subscriptions";
    private const string OutcomeTag = "newsplatform.outcome";
    private const string PlanTag = "newsplatform.plan";

    private readonly Counter<long> _registrations;
    private readonly Counter<long> _logins;
    private readonly Counter<long> _refreshes;
    private readonly Counter<long> _reuseDetections;
    private readonly Counter<long> _activated;
    private readonly Counter<long> _renewed;
    private readonly Counter<long> _cancelled;
    private readonly Counter<long> _expired;
    private readonly Counter<long> _declines;
    private readonly Counter<long> _mail;

    public SubscriptionsMetrics(IMeterFactory meters)
    {
        var meter = meters.Create(MeterName);
        _registrations = meter.CreateCounter<long>("newsplatform.identity.registrations", "{account}", "Reader accounts registered");
        _logins = meter.CreateCounter<long>("newsplatform.identity.logins", "{login}",
            "Login attempts by outcome: success, bad_credentials (unknown email or wrong password), locked");
        _refreshes = meter.CreateCounter<long>("newsplatform.identity.token_refreshes", "{refresh}",
            "Refresh-token uses by outcome: rotated, invalid, reuse_detected");
        _reuseDetections = meter.CreateCounter<long>("newsplatform.identity.refresh_reuse_detections", "{detection}",
            "A used refresh token presented again: every token of that login was revoked (a likely theft)");
        _activated = meter.CreateCounter<long>("newsplatform.subscriptions.activated", "{subscription}", "First paid periods charged");
        _renewed = meter.CreateCounter<long>("newsplatform.subscriptions.renewed", "{subscription}", "Renewals charged at period end");
        _cancelled = meter.CreateCounter<long>("newsplatform.subscriptions.cancelled", "{subscription}", "Subscriptions cancelled by their readers");
        _expired = meter.CreateCounter<long>("newsplatform.subscriptions.expired", "{subscription}", "Subscriptions whose access ended");
        _declines = meter.CreateCounter<long>("newsplatform.subscriptions.payment_declines", "{payment}", "Charges the payment provider declined");
        _mail = meter.CreateCounter<long>("newsplatform.mail.deliveries", "{mail}",
            "Mails handed to the SMTP server by kind and outcome: sent, deferred (the server was unreachable: retried), refused (5xx: kept, not retried)");
    }

    public void Registered() => _registrations.Add(1);

    /// <param name="outcome">Null for an unknown email (counted as bad credentials, like a wrong password).</param>
    public void Login(LoginOutcome? outcome) => _logins.Add(1, new KeyValuePair<string, object?>(OutcomeTag, outcome switch
    {
        LoginOutcome.Succeeded => "success",
        LoginOutcome.Locked => "locked",
        _ => "bad_credentials",
    }));

    public void Refresh(RefreshOutcome outcome)
    {
        _refreshes.Add(1, new KeyValuePair<string, object?>(OutcomeTag, outcome switch
        {
            RefreshOutcome.Rotated => "rotated",
            RefreshOutcome.ReuseDetected => "reuse_detected",
            _ => "invalid",
        }));
        if (outcome == RefreshOutcome.ReuseDetected) _reuseDetections.Add(1);
    }

    public void Mail(string kind, string outcome) =>
        _mail.Add(1, new KeyValuePair<string, object?>("newsplatform.mail.kind", kind), new KeyValuePair<string, object?>(OutcomeTag, outcome));

    /// <summary>Counts what the appended subscription events mean for the business.</summary>
    public void Appended(Subscription before, IEnumerable<object> events)
    {
        var plan = new KeyValuePair<string, object?>(PlanTag, before.PlanCode);
        foreach (var e in events)
        {
            switch (e)
            {
                case PaymentCaptured when before.FirstPeriodStart is null: _activated.Add(1, plan); break;
                case PaymentCaptured: _renewed.Add(1, plan); break;
                case PaymentDeclined: _declines.Add(1, plan); break;
                case SubscriptionCancelled: _cancelled.Add(1, plan); break;
                case SubscriptionExpired: _expired.Add(1, plan); break;
            }
        }
    }
}
