using System.Diagnostics.Metrics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using MimeKit;
using NewsPlatform.Contracts.Articles;
using NewsPlatform.Subscriptions.Newsletters;
using NewsPlatform.Subscriptions.Telemetry;
using NewsPlatform.TestSupport;
using static NewsPlatform.Subscriptions.Tests.Mail.MailReaders;

namespace NewsPlatform.Subscriptions.Tests.Mail;

/// <summary>Bulk mail through a real SMTP server: instant alerts, the daily digest, the morning briefing, one-click unsubscribe.</summary>
public sealed class NewsletterTests(SubscriptionsServiceFixture identity) : IClassFixture<SubscriptionsServiceFixture>
{
    private static bool IsAlert(MimeMessage mail) => (mail.Subject ?? "").StartsWith("Sports: ", StringComparison.Ordinal);
    private static bool IsDigest(MimeMessage mail) => (mail.Subject ?? "").StartsWith("Today in your sections", StringComparison.Ordinal);
    private static bool IsBriefing(MimeMessage mail) => (mail.Subject ?? "").StartsWith("Morning briefing", StringComparison.Ordinal);

    private static Task WaitUntilKeptAsync(ServiceUnderTest<SubscriptionsService> service, params Guid[] articles) =>
        Eventually.Until(async () =>
        {
            await using var session = service.Services.GetRequiredService<IDocumentStore>().QuerySession();
            return (await session.LoadManyAsync<EditionArticle>(articles)).Count;
        }, kept => kept == articles.Length, TimeSpan.FromSeconds(15), "the articles in the service's copy of the edition");

    [Fact]
    public async Task An_instant_alert_is_mailed_once_per_article_though_the_article_comes_twice_and_only_to_verified_addresses()
    {
        var follower = NewEmail("alerts");
        var unverified = NewEmail("unverified");
        var reader = await VerifiedAsync(identity.Service, identity.Mail, follower, alerts: "instant");
        Assert.Equal(HttpStatusCode.NoContent, (await reader.PutAsync("/api/me/follows/sports", null)).StatusCode);
        var (other, _) = await RegisterAsync(identity.Service, unverified);
        await other.PutAsJsonAsync("/api/me/mail-preferences", new { alerts = "instant" });
        await other.PutAsync("/api/me/follows/sports", null);

        var article = NewsletterStack.Article("sports", "Derby ends in a late draw", "Both sides scored in stoppage time. The second half was wild.");
        await identity.Bus.PublishAsync(article);
        await identity.Bus.PublishAsync(article);
        var marker = NewsletterStack.Article("sports", "Marathon route announced", "The route runs along the Han.");
        await identity.Bus.PublishAsync(marker);

        var alerts = await identity.Mail.WaitForMailAsync(follower, m => IsAlert(m) && m.Subject!.Contains("Marathon"));
        await Task.Delay(TimeSpan.FromSeconds(2)); // time for a second copy to arrive, if one were coming
        alerts = (await identity.Mail.MailToAsync(follower)).Where(IsAlert).ToList();
        var derby = Assert.Single(alerts, m => m.Subject!.Contains("Derby"));
        Assert.Contains("Both sides scored in stoppage time.", derby.TextBody);
        Assert.Contains("Both sides scored in stoppage time.", derby.HtmlBody);
        Assert.StartsWith("/api/mail/unsubscribe/", OneClickUnsubscribe(derby));
        Assert.Equal("bulk", derby.Headers["Precedence"]);
        Assert.DoesNotContain(await identity.Mail.MailToAsync(unverified), IsAlert); // not verified, not mailed
    }

    [Fact]
    public async Task The_one_click_unsubscribe_post_takes_the_reader_off_that_list_without_a_login()
    {
        var email = NewEmail("unsubscribe");
        var reader = await VerifiedAsync(identity.Service, identity.Mail, email, alerts: "instant", briefing: true);
        await reader.PutAsync("/api/me/follows/sports", null);
        await identity.Bus.PublishAsync(NewsletterStack.Article("sports", "Cup semi-final tonight", "Kick-off is at eight."));
        var alert = Assert.Single(await identity.Mail.WaitForMailAsync(email, IsAlert));
        var oneClick = OneClickUnsubscribe(alert);

        // As a mail program does it (RFC 8058): a POST with this one form field, no cookie, no token.
        var anonymous = identity.Service.CreateClient();
        Assert.True((await anonymous.GetFromJsonAsync<JsonElement>(oneClick)).GetProperty("subscribed").GetBoolean());
        var unsubscribed = await anonymous.PostAsync(oneClick,
            new FormUrlEncodedContent(new Dictionary<string, string> { ["List-Unsubscribe"] = "One-Click" }));
        Assert.Equal(HttpStatusCode.OK, unsubscribed.StatusCode);
        Assert.Equal("alerts", (await unsubscribed.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("list").GetString());

        var preferences = await reader.GetFromJsonAsync<JsonElement>("/api/me/mail-preferences");
        Assert.Equal("off", preferences.GetProperty("alerts").GetString());
        Assert.True(preferences.GetProperty("morningBriefing").GetBoolean()); // the other list is untouched
        Assert.False((await anonymous.GetFromJsonAsync<JsonElement>(oneClick)).GetProperty("subscribed").GetBoolean());
        Assert.Equal(HttpStatusCode.OK, (await anonymous.PostAsync(oneClick, null)).StatusCode); // twice: still off, still fine
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.PostAsync("/api/mail/unsubscribe/not-a-token", null)).StatusCode);

        await identity.Bus.PublishAsync(NewsletterStack.Article("sports", "Cup final on Sunday", "Tickets sold out."));
        await Task.Delay(TimeSpan.FromSeconds(2));
        Assert.Single(await identity.Mail.MailToAsync(email), IsAlert);
    }

    [Fact]
    public async Task The_briefing_gives_a_reader_without_a_plan_only_the_teaser_of_a_premium_story_and_a_subscriber_its_body()
    {
        await using var stack = await NewsletterStack.StartAsync(identity.Mail);
        var (free, subscriber) = (NewEmail("briefing-free"), NewEmail("briefing-paid"));
        await VerifiedAsync(stack.Service, stack.Mail, free, briefing: true, name: "Free Reader");
        var paying = await VerifiedAsync(stack.Service, stack.Mail, subscriber, briefing: true, name: "Paying Reader");
        Assert.Equal(HttpStatusCode.Created,
            (await paying.PostAsJsonAsync("/api/subscriptions", new { planCode = "digital-monthly", paymentToken = "tok_ok" })).StatusCode);

        const string teaser = "The central bank weighs its next step.";
        const string premiumBody = "Insiders expect a quarter-point cut in January, three officials said.";
        var premium = NewsletterStack.Article("finance", "Rate decision looms", $"{teaser} {premiumBody}", premium: true, teaser: teaser);
        var open = NewsletterStack.Article("sports", "League opens its season", "Twelve clubs kick off on Saturday.");
        await stack.Bus.PublishAsync(premium);
        await stack.Bus.PublishAsync(open);
        await WaitUntilKeptAsync(stack.Service, premium.ArticleId, open.ArticleId);
        stack.PassTheMailTimes();

        var toFree = Assert.Single(await stack.Mail.WaitForMailAsync(free, IsBriefing));
        var toSubscriber = Assert.Single(await stack.Mail.WaitForMailAsync(subscriber, IsBriefing));
        foreach (var part in new[] { toFree.TextBody, toFree.HtmlBody })
        {
            Assert.Contains("Rate decision looms", part);
            Assert.Contains(teaser, part);
            Assert.DoesNotContain("quarter-point cut", part); // no premium body in an unentitled inbox
            Assert.Contains(PremiumAccess.SubscribersReadOn, part);
            Assert.Contains("Twelve clubs kick off on Saturday.", part); // a free story in full
        }
        Assert.Contains(premiumBody, toSubscriber.TextBody);
        Assert.Contains(premiumBody, toSubscriber.HtmlBody);
        Assert.StartsWith("/api/mail/unsubscribe/", OneClickUnsubscribe(toFree));
        // Finance comes before Sports, as in the section tree.
        Assert.True(toFree.TextBody!.IndexOf("FINANCE", StringComparison.Ordinal) < toFree.TextBody.IndexOf("SPORTS", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_daily_digest_gathers_the_days_articles_of_followed_sections_into_one_mail()
    {
        await using var stack = await NewsletterStack.StartAsync(identity.Mail);
        var email = NewEmail("digest");
        var reader = await VerifiedAsync(stack.Service, stack.Mail, email, alerts: "daily");
        await reader.PutAsync("/api/me/follows/world", null);
        var first = NewsletterStack.Article("world", "Summit opens in Singapore", "Leaders arrive on Monday.");
        var second = NewsletterStack.Article("world", "Trade talks resume", "Negotiators meet in Geneva.");
        foreach (var article in new[] { first, first, second }) await stack.Bus.PublishAsync(article);
        await Eventually.Until(async () =>
        {
            await using var session = stack.Service.Services.GetRequiredService<IDocumentStore>().QuerySession();
            return await session.Query<DigestEntry>().CountAsync();
        }, entries => entries == 2, TimeSpan.FromSeconds(15), "two digest entries");
        Assert.DoesNotContain(await stack.Mail.MailToAsync(email), IsDigest);

        stack.PassTheMailTimes();
        var digest = Assert.Single(await stack.Mail.WaitForMailAsync(email, IsDigest));
        Assert.Equal("Today in your sections: 2 new articles", digest.Subject);
        Assert.Contains("Summit opens in Singapore", digest.TextBody);
        Assert.Contains("Trade talks resume", digest.TextBody);
        OneClickUnsubscribe(digest);
        await Task.Delay(TimeSpan.FromSeconds(2)); // the next looks at the digest find nothing more to send
        Assert.Single(await stack.Mail.MailToAsync(email), IsDigest);
    }

    [Fact(Timeout = 3 * 60_000)] // bounded: an outage test that hangs fails instead
    public async Task With_the_smtp_server_down_during_the_briefing_every_mail_arrives_once_it_is_back()
    {
        await using var smtp = await TestSmtpServer.StartNewAsync();
        await using var stack = await NewsletterStack.StartAsync(smtp);
        var readers = Enumerable.Range(1, 4).Select(i => NewEmail($"outage{i}")).ToArray();
        foreach (var email in readers) await VerifiedAsync(stack.Service, smtp, email, briefing: true);
        var story = NewsletterStack.Article("national", "Cold wave grips the peninsula", "Seoul wakes to minus twelve.");
        await stack.Bus.PublishAsync(story);
        await WaitUntilKeptAsync(stack.Service, story.ArticleId);

        using var deliveries = new MetricCollector<long>(stack.Service.Services.GetRequiredService<IMeterFactory>(),
            SubscriptionsMetrics.MeterName, "newsplatform.mail.deliveries");
        await smtp.StopAsync();
        stack.PassTheMailTimes();
        await Eventually.Until(() => Task.FromResult(deliveries.GetMeasurementSnapshot()
                .Count(m => (string?)m.Tags["newsplatform.mail.kind"] == "morning-briefing" && (string?)m.Tags["newsplatform.outcome"] == "deferred")),
            deferred => deferred >= readers.Length, TimeSpan.FromSeconds(30), "the briefing's mails deferred while the server is down");

        await smtp.StartAsync();
        stack.Clock.Advance(TimeSpan.FromMinutes(1)); // past the longest wait before a retry
        foreach (var email in readers) await smtp.WaitForMailAsync(email, IsBriefing, timeout: TimeSpan.FromSeconds(60));
        await Task.Delay(TimeSpan.FromSeconds(3)); // a duplicate, if any, would land now
        foreach (var email in readers) Assert.Single(await smtp.MailToAsync(email), IsBriefing);
    }
}
