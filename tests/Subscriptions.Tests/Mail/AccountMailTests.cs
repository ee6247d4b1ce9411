using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.Time.Testing;
using MimeKit;
using static NewsPlatform.Subscriptions.Tests.Mail.MailReaders;

namespace NewsPlatform.Subscriptions.Tests.Mail;

/// <summary>The account's mails through a real SMTP server, read back from its inbox: verify, forgot password, change email.</summary>
public sealed class AccountMailTests(SubscriptionsServiceFixture identity) : IClassFixture<SubscriptionsServiceFixture>
{
    private static async Task<string> ProblemTypeAsync(HttpResponseMessage response) =>
        (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("type").GetString()!;

    private static async Task<bool> VerifiedAsync(HttpClient reader) =>
        (await reader.GetFromJsonAsync<JsonElement>("/api/auth/me")).GetProperty("emailVerified").GetBoolean();

    [Fact]
    public async Task Registering_mails_a_link_that_verifies_the_address_once()
    {
        var email = NewEmail("verify");
        var (reader, _) = await RegisterAsync(identity.Service, email, "Min-ji Park");
        Assert.False(await VerifiedAsync(reader));

        var mail = Assert.Single(await identity.Mail.WaitForMailAsync(email, IsVerification));
        Assert.Contains("Min-ji Park", mail.TextBody);
        Assert.Contains("Confirm my address", mail.HtmlBody); // an HTML part and a plain-text part
        Assert.EndsWith("@site.test", mail.MessageId);
        Assert.Null(mail.Headers["List-Unsubscribe"]); // a transactional mail is not a list

        var token = LinkToken(mail, "/verify-email");
        var verified = await identity.Client.PostAsJsonAsync("/api/auth/verify-email", new { token }); // the link needs no login
        Assert.Equal(HttpStatusCode.OK, verified.StatusCode);
        Assert.True(await VerifiedAsync(reader));

        var again = await identity.Client.PostAsJsonAsync("/api/auth/verify-email", new { token });
        Assert.Equal(HttpStatusCode.Gone, again.StatusCode);
        Assert.Equal("https://newsplatform.dev/problems/link-used", await ProblemTypeAsync(again));
        var forged = await identity.Client.PostAsJsonAsync("/api/auth/verify-email", new { token = token[..^2] + "xx" });
        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        Assert.Equal("https://newsplatform.dev/problems/link-invalid", await ProblemTypeAsync(forged));
        Assert.Equal(HttpStatusCode.Conflict, (await reader.PostAsync("/api/me/email/verification", null)).StatusCode);
    }

    [Fact]
    public async Task A_new_verification_link_is_mailed_on_request_at_most_once_a_minute_and_an_old_link_still_works()
    {
        var clock = new FakeTimeProvider(NewsletterStack.WholeSecondNow());
        await using var service = identity.CreateService(clock);
        var email = NewEmail("resend");
        var (reader, _) = await RegisterAsync(service, email);
        await identity.Mail.WaitForMailAsync(email, IsVerification);

        var tooSoon = await reader.PostAsync("/api/me/email/verification", null);
        Assert.Equal(HttpStatusCode.TooManyRequests, tooSoon.StatusCode);
        Assert.Equal("https://newsplatform.dev/problems/too-many-links", await ProblemTypeAsync(tooSoon));
        Assert.InRange(int.Parse(tooSoon.Headers.GetValues("Retry-After").Single()), 1, 60);

        clock.Advance(TimeSpan.FromSeconds(61));
        Assert.Equal(HttpStatusCode.Accepted, (await reader.PostAsync("/api/me/email/verification", null)).StatusCode);
        var links = await identity.Mail.WaitForMailAsync(email, IsVerification, count: 2);
        Assert.NotEqual(links[0].MessageId, links[1].MessageId);
        Assert.Equal(HttpStatusCode.OK,
            (await service.CreateClient().PostAsJsonAsync("/api/auth/verify-email", new { token = LinkToken(links[0], "/verify-email") })).StatusCode);
        Assert.True(await VerifiedAsync(reader));
    }

    [Fact]
    public async Task A_reset_link_sets_a_new_password_once_and_logs_out_every_device()
    {
        var email = NewEmail("forgot");
        var (reader, laptop) = await RegisterAsync(identity.Service, email, "Forgetful Reader");
        var phone = await LoginAsync(identity.Client, email, Password);

        var asked = await identity.Client.PostAsJsonAsync("/api/auth/password-reset", new { email = email.ToUpperInvariant() });
        Assert.Equal(HttpStatusCode.Accepted, asked.StatusCode);
        var mail = Assert.Single(await identity.Mail.WaitForMailAsync(email, m => (m.Subject ?? "").StartsWith("Set a new password", StringComparison.Ordinal)));
        var token = LinkToken(mail, "/reset-password");

        var weak = await identity.Client.PostAsJsonAsync("/api/auth/password-reset/complete", new { token, password = "short" });
        Assert.Equal(HttpStatusCode.BadRequest, weak.StatusCode);
        Assert.True((await weak.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("password", out _));

        const string newPassword = "second-edition-2027";
        Assert.Equal(HttpStatusCode.NoContent,
            (await identity.Client.PostAsJsonAsync("/api/auth/password-reset/complete", new { token, password = newPassword })).StatusCode);

        // Every device that was logged in is out: their refresh tokens are refused.
        foreach (var device in new[] { laptop, phone })
        {
            var refresh = await identity.Client.PostAsJsonAsync("/api/auth/refresh", new { refreshToken = device.GetProperty("refreshToken").GetString() });
            Assert.Equal(HttpStatusCode.Unauthorized, refresh.StatusCode);
        }
        Assert.Equal(HttpStatusCode.Unauthorized, (await identity.Client.PostAsJsonAsync("/api/auth/login", new { email, password = Password })).StatusCode);
        await LoginAsync(identity.Client, email, newPassword);

        var reused = await identity.Client.PostAsJsonAsync("/api/auth/password-reset/complete", new { token, password = "third-edition-2028" });
        Assert.Equal(HttpStatusCode.Gone, reused.StatusCode);
        Assert.Equal("https://newsplatform.dev/problems/link-used", await ProblemTypeAsync(reused));
        await LoginAsync(identity.Client, email, newPassword);
        await identity.Mail.WaitForMailAsync(email, m => (m.Subject ?? "").EndsWith("password was changed", StringComparison.Ordinal));
        _ = reader;
    }

    [Fact]
    public async Task A_reset_link_expires_after_30_minutes()
    {
        var clock = new FakeTimeProvider(NewsletterStack.WholeSecondNow());
        await using var service = identity.CreateService(clock);
        var client = service.CreateClient();
        var email = NewEmail("expired");
        await RegisterAsync(service, email);
        Assert.Equal(HttpStatusCode.Accepted, (await client.PostAsJsonAsync("/api/auth/password-reset", new { email })).StatusCode);
        var token = LinkToken(Assert.Single(await identity.Mail.WaitForMailAsync(email, m => (m.Subject ?? "").StartsWith("Set a new password", StringComparison.Ordinal))),
            "/reset-password");

        clock.Advance(TimeSpan.FromMinutes(31));
        var expired = await client.PostAsJsonAsync("/api/auth/password-reset/complete", new { token, password = "second-edition-2027" });
        Assert.Equal(HttpStatusCode.Gone, expired.StatusCode);
        Assert.Equal("https://newsplatform.dev/problems/link-expired", await ProblemTypeAsync(expired));
        await LoginAsync(client, email, Password); // the old password still works
    }

    [Fact]
    public async Task Asking_for_a_reset_of_an_unknown_address_answers_the_same_and_mails_nothing()
    {
        var known = NewEmail("known");
        var unknown = NewEmail("unknown");
        await RegisterAsync(identity.Service, known);

        var forKnown = await identity.Client.PostAsJsonAsync("/api/auth/password-reset", new { email = known });
        var forUnknown = await identity.Client.PostAsJsonAsync("/api/auth/password-reset", new { email = unknown });
        Assert.Equal(forKnown.StatusCode, forUnknown.StatusCode);
        Assert.Equal(await forKnown.Content.ReadAsStringAsync(), await forUnknown.Content.ReadAsStringAsync());
        Assert.Equal(forKnown.Headers.Location, forUnknown.Headers.Location);

        // The known address's mail arrived, so the unknown one's would have too.
        await identity.Mail.WaitForMailAsync(known, m => (m.Subject ?? "").StartsWith("Set a new password", StringComparison.Ordinal));
        await Task.Delay(TimeSpan.FromSeconds(1));
        Assert.Empty(await identity.Mail.MailToAsync(unknown));
        Assert.Equal(HttpStatusCode.BadRequest, (await identity.Client.PostAsJsonAsync("/api/auth/password-reset", new { email = "not an address" })).StatusCode);
    }

    [Fact]
    public async Task A_new_address_is_confirmed_from_itself_and_the_old_address_is_told()
    {
        var old = NewEmail("old");
        var fresh = NewEmail("new");
        var (reader, _) = await RegisterAsync(identity.Service, old, "Moving Reader");

        var wrongPassword = await reader.PostAsJsonAsync("/api/me/email", new { newEmail = fresh, password = "not-my-password-1" });
        Assert.Equal(HttpStatusCode.BadRequest, wrongPassword.StatusCode);
        var taken = await reader.PostAsJsonAsync("/api/me/email", new { newEmail = SubscriptionsServiceFixture.AdminEmail, password = Password });
        Assert.Equal(HttpStatusCode.Conflict, taken.StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, (await reader.PostAsJsonAsync("/api/me/email", new { newEmail = fresh, password = Password })).StatusCode);

        var confirm = Assert.Single(await identity.Mail.WaitForMailAsync(fresh, m => (m.Subject ?? "").StartsWith("Confirm your new email", StringComparison.Ordinal)));
        // Until confirmed, nothing changed.
        Assert.Equal(HttpStatusCode.Unauthorized, (await identity.Client.PostAsJsonAsync("/api/auth/login", new { email = fresh, password = Password })).StatusCode);
        var confirmed = await identity.Client.PostAsJsonAsync("/api/auth/email-change/confirm", new { token = LinkToken(confirm, "/confirm-email") });
        Assert.Equal(HttpStatusCode.OK, confirmed.StatusCode);

        await LoginAsync(identity.Client, fresh, Password);
        Assert.Equal(HttpStatusCode.Unauthorized, (await identity.Client.PostAsJsonAsync("/api/auth/login", new { email = old, password = Password })).StatusCode);
        var me = await reader.GetFromJsonAsync<JsonElement>("/api/auth/me");
        Assert.Equal(fresh, me.GetProperty("email").GetString());
        Assert.True(me.GetProperty("emailVerified").GetBoolean()); // the new address proved itself

        var notice = Assert.Single(await identity.Mail.WaitForMailAsync(old, m => (m.Subject ?? "").Contains("was changed", StringComparison.Ordinal)));
        Assert.DoesNotContain(fresh, notice.TextBody); // masked: whoever reads the old mailbox learns little
        Assert.Contains("@example.org", notice.TextBody);
        // The old address is free again for someone else.
        Assert.Equal(HttpStatusCode.Created,
            (await identity.Client.PostAsJsonAsync("/api/auth/register", new { email = old, password = Password, displayName = "Next" })).StatusCode);
    }
}
