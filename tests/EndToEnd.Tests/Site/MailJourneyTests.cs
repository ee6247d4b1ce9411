using System.Net;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using MimeKit;

namespace NewsPlatform.EndToEnd.Tests.Site;

/// <summary>
/// The mails of the whole platform, caught by its smtp4dev: the links in them opened in a real browser — confirm an
/// address, set a new password, choose alerts, get one for a published article, leave the list from its footer and
/// with the one-click POST through the gateway.
/// </summary>
[Collection(PlatformCollection.Name)]
public sealed partial class MailJourneyTests(PlatformFixture platform)
{
    private const string Password = "letters-to-the-editor-1";

    /// <summary>A mailed link as the browser opens it: the path and query (the mail names the gateway's address).</summary>
    private static string LinkIn(MimeMessage mail, string path)
    {
        var match = Regex.Match(mail.TextBody ?? "", $@"https?://[^/\s]+({Regex.Escape(path)}[^\s]*)");
        Assert.True(match.Success, $"no {path} link in: {mail.TextBody}");
        return match.Groups[1].Value;
    }

    [Fact(Timeout = 4 * 60_000)] // bounded: past it the journey fails rather than hangs
    public async Task A_reader_confirms_the_address_from_the_mail_chooses_instant_alerts_and_unsubscribes_from_the_alert_mail()
    {
        var email = $"letters.{Guid.NewGuid():N}@example.org";
        var page = await (await platform.BrowserAsync()).NewReaderAsync();
        await page.RegisterAsync("Letter Reader", email, Password);
        await page.WaitForURLAsync("**/account?welcome=1");
        Assert.Contains($"We mailed a link to {email}", await page.Locator("p.notice").First.InnerTextAsync());
        Assert.Contains("not confirmed yet", await page.Locator(".email-status").InnerTextAsync());

        var verification = Assert.Single(await platform.Inbox.WaitForMailAsync(email, m => (m.Subject ?? "").StartsWith("Confirm your email", StringComparison.Ordinal)));
        await page.GotoAsync(LinkIn(verification, "/verify-email"));
        await page.GetByRole(AriaRole.Button, new() { Name = "Confirm my address" }).ClickAsync();
        await page.WaitForSelectorAsync("h1 >> text=Your address is confirmed");
        await page.GotoAsync("/account");
        Assert.Contains("(confirmed)", await page.Locator(".email-status").InnerTextAsync());

        // Alerts for a followed section, chosen on the account page.
        await page.GetByLabel("A mail for each new article").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Save email choices" }).ClickAsync();
        await page.WaitForURLAsync("**/account?mail=saved*");
        Assert.True(await page.GetByLabel("A mail for each new article").IsCheckedAsync());
        await page.GotoAsync("/world");
        await page.GetByRole(AriaRole.Button, new() { Name = "Follow World" }).ClickAsync();
        await page.WaitForSelectorAsync("text=You follow World");

        var headline = $"Ferry link to Tsushima reopens {Guid.NewGuid():N}"[..40];
        await platform.PublishAsync(headline, "world");
        var alert = Assert.Single(await platform.Inbox.WaitForMailAsync(email, m => (m.Subject ?? "").Contains(headline), timeout: TimeSpan.FromSeconds(60)));
        Assert.Equal("List-Unsubscribe=One-Click", alert.Headers["List-Unsubscribe-Post"]);

        // The footer's link asks first; its button leaves the list.
        await page.GotoAsync(LinkIn(alert, "/unsubscribe/"));
        Assert.Equal("Unsubscribe from alerts for followed sections?", await page.Locator("h1").InnerTextAsync());
        await page.GetByRole(AriaRole.Button, new() { Name = "Unsubscribe" }).ClickAsync();
        await page.WaitForSelectorAsync("h1 >> text=You are unsubscribed");
        await page.GotoAsync("/account");
        Assert.True(await page.GetByLabel("No alerts by mail (they still appear in your notifications)").IsCheckedAsync());

        // The one-click POST of a mail program, through the gateway, without a login: it answers as often as it comes.
        var oneClick = Regex.Match(alert.Headers["List-Unsubscribe"] ?? "", "^<https?://[^/]+(/api/mail/unsubscribe/[^>]+)>$").Groups[1].Value;
        var posted = await platform.Gateway.PostAsync(oneClick,
            new FormUrlEncodedContent(new Dictionary<string, string> { ["List-Unsubscribe"] = "One-Click" }));
        Assert.Equal(HttpStatusCode.OK, posted.StatusCode);
        await page.Context.CloseAsync();
    }

    [Fact(Timeout = 4 * 60_000)] // bounded: past it the journey fails rather than hangs
    public async Task A_reader_who_forgot_the_password_sets_a_new_one_from_the_mail_and_the_link_then_says_it_was_used()
    {
        var email = $"forgetful.{Guid.NewGuid():N}@example.org";
        var browser = await platform.BrowserAsync();
        var registering = await browser.NewReaderAsync();
        await registering.RegisterAsync("Forgetful Reader", email, Password);
        await registering.WaitForURLAsync("**/account?welcome=1");
        await registering.Context.CloseAsync();

        var page = await browser.NewReaderAsync(javaScript: false); // the whole way works without JavaScript
        await page.GotoAsync("/login");
        await page.GetByRole(AriaRole.Link, new() { Name = "Forgot your password?" }).ClickAsync();
        await page.GetByLabel("Email").FillAsync(email);
        await page.GetByRole(AriaRole.Button, new() { Name = "Mail me a link" }).ClickAsync();
        Assert.StartsWith($"If an account uses {email}", await page.Locator("p.notice").InnerTextAsync());

        var mail = Assert.Single(await platform.Inbox.WaitForMailAsync(email, m => (m.Subject ?? "").StartsWith("Set a new password", StringComparison.Ordinal)));
        var link = LinkIn(mail, "/reset-password");
        await page.GotoAsync(link);
        const string newPassword = "second-letter-to-the-editor";
        await page.GetByLabel("New password", new() { Exact = true }).FillAsync(newPassword);
        await page.GetByLabel("New password again").FillAsync(newPassword);
        await page.GetByRole(AriaRole.Button, new() { Name = "Set the new password" }).ClickAsync();
        await page.WaitForURLAsync("**/login?reset=1");
        Assert.StartsWith("Your new password is set", await page.Locator("p.notice").InnerTextAsync());
        await page.LogInAsync(email, newPassword);
        await page.WaitForURLAsync(url => !url.Contains("/login"));

        await page.GotoAsync(link);
        Assert.Equal("This link has already been used", await page.Locator("h1").InnerTextAsync());
        Assert.Equal(1, await page.GetByRole(AriaRole.Link, new() { Name = "Ask for a new link" }).CountAsync());
        await page.Context.CloseAsync();
    }
}
