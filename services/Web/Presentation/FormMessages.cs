using System.Globalization;
using NewsPlatform.Web.Platform;

namespace NewsPlatform.Web.Presentation;

/// <summary>Messages of a form: one per field it concerns, and one for the form as a whole.</summary>
public sealed class FormMessages
{
    private readonly Dictionary<string, string> _fields = new(StringComparer.OrdinalIgnoreCase);

    public string? Form { get; private set; }
    public bool Any => Form is not null || _fields.Count > 0;

    public string? For(string field) => _fields.GetValueOrDefault(field);
    public FormMessages Field(string field, string message) { _fields[field] = message; return this; }
    public FormMessages Whole(string message) { Form = message; return this; }
    public IEnumerable<KeyValuePair<string, string>> Fields => _fields;

    /// <summary>"Try again in 42 seconds" / "in 3 minutes".</summary>
    public static string Wait(TimeSpan wait)
    {
        var seconds = Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds));
        if (seconds < 120) return $"{seconds} second{(seconds == 1 ? "" : "s")}";
        var minutes = (int)Math.Ceiling(seconds / 60.0);
        return $"{minutes.ToString(CultureInfo.InvariantCulture)} minutes";
    }

    /// <summary>The gateway found too many failed attempts from the reader's address, or for the account they named.</summary>
    public static FormMessages Throttled(TimeSpan wait, string scope = "address") => new FormMessages().Whole(scope == "account"
        ? $"Too many failed attempts to log in to this account. Try again in {Wait(wait)}."
        : $"Too many attempts from your network. Try again in {Wait(wait)}.");

    /// <summary>What the identity service's answer to a login means to the person who typed it.</summary>
    public static FormMessages ForLogin(ApiProblem problem) => problem switch
    {
        { Status: 429 } => Throttled(problem.RetryAfter ?? TimeSpan.FromSeconds(5)),
        { Kind: "account-locked" } => new FormMessages().Whole(
            $"This account is locked after too many failed attempts. Try again in {Wait(problem.RetryAfter ?? TimeSpan.FromMinutes(15))}."),
        // Never which of the two was wrong: that would tell a stranger which addresses have accounts.
        { Status: 401 } => new FormMessages().Whole("The email or password is wrong."),
        _ => FromValidation(problem, "We could not log you in. Check the form and try again."),
    };

    public static FormMessages ForRegistration(ApiProblem problem) => problem switch
    {
        { Status: 429 } => Throttled(problem.RetryAfter ?? TimeSpan.FromSeconds(5)),
        { Kind: "email-taken" } => new FormMessages().Field("email", "An account with this email already exists. Log in instead, or use another address."),
        _ => FromValidation(problem, "We could not create the account. Check the form and try again."),
    };

    public static FormMessages ForSubscription(ApiProblem problem) => problem switch
    {
        { Kind: "payment-declined" } => new FormMessages().Field("paymentToken",
            "The payment was declined, and nothing was charged. Try another payment method."),
        { Kind: "already-subscribed" } => new FormMessages().Whole("You already have a subscription. See it on your account page."),
        _ => FromValidation(problem, "We could not start the subscription. Check the form and try again."),
    };

    /// <summary>The service's own words for each failing field; a fallback for the form when it named none.</summary>
    public static FormMessages FromValidation(ApiProblem problem, string fallback)
    {
        var messages = new FormMessages();
        foreach (var (field, errors) in problem.Errors) messages.Field(field, string.Join(" ", errors));
        if (!messages.Any) messages.Whole(problem.Detail ?? problem.Title ?? fallback);
        return messages;
    }
}
