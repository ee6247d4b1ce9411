using NewsPlatform.Web.Platform;
using NewsPlatform.Web.Presentation;

namespace NewsPlatform.Web.Tests.Presentation;

public sealed class FormMessagesTests
{
    private static ApiProblem Problem(int status, string? kind = null, TimeSpan? retryAfter = null, Dictionary<string, string[]>? errors = null) =>
        new(status, kind is null ? null : $"https://newsplatform.dev/problems/{kind}", "Title", null, errors ?? [], retryAfter);

    [Fact]
    public void Wrong_credentials_never_say_which_of_the_two_was_wrong()
    {
        var messages = FormMessages.ForLogin(Problem(401, "invalid-credentials"));
        Assert.Equal("The email or password is wrong.", messages.Form);
        Assert.Null(messages.For("email"));
        Assert.Null(messages.For("password"));
    }

    [Fact]
    public void A_locked_account_and_throttling_say_how_long_to_wait()
    {
        Assert.Equal("This account is locked after too many failed attempts. Try again in 14 minutes.",
            FormMessages.ForLogin(Problem(423, "account-locked", TimeSpan.FromSeconds(801))).Form);
        Assert.Equal("Too many attempts from your network. Try again in 5 seconds.", FormMessages.Throttled(TimeSpan.FromSeconds(4.2)).Form);
        Assert.Equal("Too many attempts from your network. Try again in 1 second.", FormMessages.ForLogin(Problem(429, "rate-limited", TimeSpan.FromSeconds(1))).Form);
        Assert.Equal("Too many failed attempts to log in to this account. Try again in 3 minutes.", FormMessages.Throttled(TimeSpan.FromSeconds(150), "account").Form);
    }

    [Fact]
    public void Registration_problems_sit_next_to_their_fields()
    {
        Assert.StartsWith("An account with this email already exists.", FormMessages.ForRegistration(Problem(409, "email-taken")).For("email"));
        var weak = FormMessages.ForRegistration(Problem(400, errors: new() { ["password"] = ["This password is too common."], ["displayName"] = ["A display name has 1 to 100 characters."] }));
        Assert.Equal("This password is too common.", weak.For("password"));
        Assert.Equal("A display name has 1 to 100 characters.", weak.For("DisplayName"));
        Assert.Null(weak.Form);
    }

    [Fact]
    public void A_declined_payment_says_nothing_was_charged()
    {
        Assert.Contains("nothing was charged", FormMessages.ForSubscription(Problem(402, "payment-declined")).For("paymentToken"));
        Assert.NotNull(FormMessages.ForSubscription(Problem(409, "already-subscribed")).Form);
    }
}
