using NewsPlatform.Contracts.Articles;
using NewsPlatform.Subscriptions.Accounts;
using NewsPlatform.Subscriptions.Mail;
using NewsPlatform.Subscriptions.Newsletters;

namespace NewsPlatform.Subscriptions.Tests.Mail;

/// <summary>The mail rules as pure code: no database, no server.</summary>
public sealed class MailRulesTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 2, 1, 0, 0, TimeSpan.Zero);
    private static readonly TimeZoneInfo Seoul = TimeZoneInfo.FindSystemTimeZoneById("Asia/Seoul");

    private static ReaderAccount Account(bool verified = false) =>
        AccountDecider.Evolve(null, new AccountRegistered(Guid.NewGuid(), "reader@example.org", "Reader", "hash", Now))! with { EmailVerified = verified };

    [Fact]
    public void A_verification_link_verifies_the_address_it_was_sent_to_once_and_no_other()
    {
        var account = Account();
        var verified = Assert.IsType<EmailVerified>(Assert.Single(AccountDecider.DecideVerification(account, account.Email, Now)));
        account = AccountDecider.Evolve(account, verified)!;
        Assert.True(account.EmailVerified);
        Assert.Empty(AccountDecider.DecideVerification(account, account.Email, Now));
        Assert.Empty(AccountDecider.DecideVerification(Account(), "earlier@example.org", Now));
    }

    [Fact]
    public void A_password_reset_changes_the_hash_and_ends_a_lock_out()
    {
        var locked = Account() with { LockedUntil = Now.AddMinutes(10), RecentFailures = [Now] };
        var events = AccountDecider.DecidePasswordReset(locked, "new-hash", Now);
        var after = events.Aggregate(locked, (s, e) => AccountDecider.Evolve(s, e)!);
        Assert.Equal("new-hash", after.PasswordHash);
        Assert.False(after.IsLockedAt(Now));
        Assert.Single(AccountDecider.DecidePasswordReset(Account(), "new-hash", Now)); // nothing to unlock
    }

    [Fact]
    public void A_changed_email_is_verified_and_unsubscribing_takes_off_one_list_only()
    {
        var account = AccountDecider.Evolve(Account(), Assert.Single(AccountDecider.DecideEmailChange(Account(), "new@example.org", Now)))!;
        Assert.Equal(("new@example.org", true), (account.Email, account.EmailVerified));

        account = account with { Alerts = SectionAlerts.Instant, MorningBriefing = true };
        Assert.True(account.Receives(MailLists.Alerts) && account.Receives(MailLists.MorningBriefing));
        var off = AccountDecider.Evolve(account, Assert.Single(AccountDecider.DecideUnsubscribe(account, MailLists.Alerts, Now)))!;
        Assert.Equal((SectionAlerts.Off, true), (off.Alerts, off.MorningBriefing));
        Assert.Empty(AccountDecider.DecideUnsubscribe(off, MailLists.Alerts, Now)); // twice changes nothing
        Assert.False((account with { EmailVerified = false }).Receives(MailLists.MorningBriefing)); // no bulk mail unverified
    }

    [Theory]
    [InlineData("2026-12-01T21:59:00Z", "07:00", null)]          // 06:59 KST: not yet
    [InlineData("2026-12-01T22:00:00Z", "07:00", "2026-12-02")]  // 07:00 KST
    [InlineData("2026-12-02T03:59:00Z", "07:00", "2026-12-02")]  // 12:59 KST: late, still today's
    [InlineData("2026-12-02T04:01:00Z", "07:00", null)]          // 13:01 KST: the window closed
    [InlineData("2026-12-01T15:05:00Z", "23:59", "2026-12-01")]  // 00:05 KST: yesterday's 23:59 mail, just due
    public void A_daily_mail_is_due_from_its_local_time_for_six_hours(string utc, string at, string? edition)
    {
        var due = NewsletterSchedule.DueEdition(DateTimeOffset.Parse(utc), Seoul, TimeOnly.Parse(at));
        Assert.Equal(edition, due?.ToString("yyyy-MM-dd"));
    }

    [Fact]
    public void A_premium_story_shows_its_teaser_to_a_reader_without_a_plan_and_its_body_to_a_subscriber()
    {
        var article = new ArticleContent("s", "Rate decision looms", "Summary.", "Opening paragraph. Premium analysis follows here.",
            "finance", null, [], null, null, IsPremium: true, Teaser: "Opening paragraph.");
        Assert.Equal(("Opening paragraph.", PremiumAccess.SubscribersReadOn), PremiumAccess.StoryText(article, entitled: false, 300));
        Assert.Contains("Premium analysis", PremiumAccess.StoryText(article, entitled: true, 300).Text);
        Assert.Contains("Premium analysis", PremiumAccess.StoryText(article with { IsPremium = false }, entitled: false, 300).Text);
        Assert.Equal("Opening…", PremiumAccess.Cut("Opening paragraph", 12));
    }

    [Theory]
    [InlineData("smtp://127.0.0.1:2525", "127.0.0.1", 2525, null, null)]
    [InlineData("smtp://mailer:s%40cret@mail.example.org:587", "mail.example.org", 587, "mailer", "s@cret")]
    [InlineData("Endpoint=smtp://mailpit:1025", "mailpit", 1025, null, null)]
    [InlineData("Endpoint=smtp://relay:25;Username=u;Password=p", "relay", 25, "u", "p")]
    public void The_smtp_server_is_read_from_its_connection_string(string connection, string host, int port, string? user, string? password) =>
        Assert.Equal(new SmtpServer(host, port, user, password), SmtpServer.Parse(connection));

    [Fact]
    public void A_bulk_mail_has_the_one_click_unsubscribe_headers_a_plain_text_part_and_a_stable_message_id()
    {
        var settings = new MailSettings { SiteUrl = "https://news.example.org", PublicationTitle = "The Daily" };
        var id = OutgoingMail.IdFor(MailKinds.Alert, Guid.Empty, Guid.Empty);
        var mail = OutgoingMail.Create(id, MailKinds.Alert, null, "reader@example.org", "Reader", "Sports: Derby",
            new MailBody(settings).Paragraph("Hello & welcome").Finish("Why", "https://news.example.org/unsubscribe/t"), Now,
            "https://news.example.org/api/mail/unsubscribe/t");
        var message = MimeMail.From(mail, settings);

        Assert.Equal("<https://news.example.org/api/mail/unsubscribe/t>", message.Headers["List-Unsubscribe"]);
        Assert.Equal("List-Unsubscribe=One-Click", message.Headers["List-Unsubscribe-Post"]);
        Assert.Equal($"{id:N}@news.example.org", message.MessageId);
        Assert.Equal(message.MessageId, MimeMail.From(mail, settings).MessageId); // every attempt the same
        Assert.Contains("Hello & welcome", message.TextBody);
        Assert.Contains("Hello &amp; welcome", message.HtmlBody); // encoded in the HTML part
        Assert.Null(MimeMail.From(OutgoingMail.Create(id, MailKinds.VerifyEmail, null, "r@example.org", null, "s", ("<p>x</p>", "x"), Now), settings)
            .Headers["List-Unsubscribe"]);
    }

    [Fact]
    public void Retries_wait_longer_each_time_up_to_half_a_minute()
    {
        Assert.Equal([1, 2, 4, 8, 16, 30, 30], Enumerable.Range(1, 7).Select(a => MailDelivery.DelayAfter(a).TotalSeconds));
        Assert.Equal(OutgoingMail.IdFor(MailKinds.Alert, "a", "b"), OutgoingMail.IdFor(MailKinds.Alert, "a", "b"));
        Assert.NotEqual(OutgoingMail.IdFor(MailKinds.Alert, "a", "b"), OutgoingMail.IdFor(MailKinds.Digest, "a", "b"));
    }
}
