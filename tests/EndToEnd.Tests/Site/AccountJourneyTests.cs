using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;
using NewsPlatform.TestSupport;

namespace NewsPlatform.EndToEnd.Tests.Site;

/// <summary>Registered readers and subscribers on the site in a real browser, against the whole platform.</summary>
[Collection(PlatformCollection.Name)]
public sealed class AccountJourneyTests(PlatformFixture platform)
{
    private const string Password = "morning-edition-reader-1";

    [Fact]
    public async Task A_reader_registers_follows_a_section_and_sees_one_notification_for_an_article_published_there()
    {
        var page = await (await platform.BrowserAsync()).NewReaderAsync();
        await page.RegisterAsync("Follow Reader", $"follow.{Guid.NewGuid():N}@example.org", Password);
        await page.WaitForURLAsync("**/account?welcome=1");
        Assert.Equal("Follow Reader", await page.Locator(".reader-name").InnerTextAsync());

        await page.GotoAsync("/sports");
        await page.GetByRole(AriaRole.Button, new() { Name = "Follow Sports" }).ClickAsync();
        await page.WaitForSelectorAsync("text=You follow Sports");

        var headline = $"Marathon route crosses the river twice {Guid.NewGuid():N}"[..48];
        await platform.PublishAsync(headline, "sports");

        // The masthead's count follows within seconds (it is kept briefly per reader).
        var badge = page.Locator(".notifications-link .badge");
        await Eventually.Until(async () => { await page.ReloadAsync(); return await badge.InnerTextAsync(); }, count => count != "0",
            TimeSpan.FromSeconds(40), "the unread count in the masthead");
        Assert.Equal("1", await badge.InnerTextAsync());

        await page.Locator(".notifications-link").ClickAsync();
        await page.WaitForURLAsync("**/account#notifications");
        var inbox = page.Locator(".inbox li").Filter(new() { HasText = headline });
        Assert.Equal(1, await inbox.CountAsync());
        await inbox.GetByRole(AriaRole.Button, new() { Name = $"Mark “{headline}” as read" }).ClickAsync();
        await page.WaitForSelectorAsync("#notifications-heading >> text=(0 unread)");
        Assert.Equal("0", await badge.InnerTextAsync());
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task A_reader_subscribes_from_the_paywall_reads_in_full_cancels_and_still_reads_while_a_declined_card_opens_nothing()
    {
        var secret = $"The subscriber-only quota tables {Guid.NewGuid():N}";
        var slug = await platform.PublishAsync($"Premium: what the chip quotas mean {Guid.NewGuid():N}"[..44], "business", "tech", premium: true,
            body: $"<p>Opening paragraph for everyone.</p><p>{secret}</p>");
        var browser = await platform.BrowserAsync();
        var anonymous = await browser.NewReaderAsync();
        var reader = await browser.NewReaderAsync();

        // An anonymous reader first: the teaser and the call to action (and the gateway now keeps that page).
        await anonymous.GotoAsync($"/articles/{slug}");
        Assert.Equal(1, await anonymous.GetByRole(AriaRole.Heading, new() { Name = "Subscribe to read the whole article" }).CountAsync());
        Assert.DoesNotContain(secret, await anonymous.ContentAsync());

        // A registered reader meets the paywall, subscribes with the sandbox's good card, and reads on.
        var (_, token) = await platform.NewReaderAsync();
        var email = (await (await platform.SendAsync(HttpMethod.Get, "/api/auth/me", token)).Content.ReadFromJsonAsync<JsonElement>()).GetProperty("email").GetString()!;
        await reader.LogInAsync(email, "first-light-reader-1", returnUrl: $"/articles/{slug}");
        await reader.WaitForURLAsync($"**/articles/{slug}");
        Assert.DoesNotContain(secret, await reader.ContentAsync());
        await reader.GetByRole(AriaRole.Link, new() { Name = "See plans and subscribe" }).ClickAsync();
        await reader.WaitForURLAsync("**/subscribe?returnUrl=**");
        Assert.Contains("tok_ok", await reader.Locator("#payment-token-hint").InnerTextAsync()); // Development names the sandbox's tokens
        await reader.GetByLabel("Digital monthly").CheckAsync();
        await reader.GetByLabel("Payment token").FillAsync("tok_ok");
        await reader.GetByRole(AriaRole.Button, new() { Name = "Subscribe" }).ClickAsync();
        await reader.WaitForURLAsync("**/subscribe/result**");
        Assert.Equal("You are subscribed", await reader.Locator("h1").InnerTextAsync());
        await reader.GetByRole(AriaRole.Link, new() { Name = "Continue reading" }).ClickAsync();
        await reader.WaitForURLAsync($"**/articles/{slug}");
        // The entitlement travels Subscriptions → RabbitMQ → Articles: at most a moment.
        await Eventually.Until(async () => { await reader.ReloadAsync(); return await reader.ContentAsync(); }, html => html.Contains(secret),
            TimeSpan.FromSeconds(15), "the whole premium body for the new subscriber");
        Assert.Equal(0, await reader.Locator(".paywall").CountAsync());

        // The cached anonymous page never reaches the subscriber, nor the subscriber's page the anonymous reader.
        await anonymous.ReloadAsync();
        Assert.DoesNotContain(secret, await anonymous.ContentAsync());
        await reader.ReloadAsync();
        Assert.Contains(secret, await reader.ContentAsync());

        // Cancelling asks first, says what happens next, and the paid period still reads in full.
        await reader.GotoAsync("/account");
        Assert.Equal("Active", await reader.Locator(".subscription-status").InnerTextAsync());
        await reader.GetByRole(AriaRole.Link, new() { Name = "Cancel subscription" }).ClickAsync();
        await reader.WaitForURLAsync("**/account/cancel");
        Assert.Contains("nothing more is charged", await reader.Locator("main").InnerTextAsync());
        await reader.GetByRole(AriaRole.Button, new() { Name = "Yes, cancel my subscription" }).ClickAsync();
        await reader.WaitForURLAsync("**/account?cancelled=1");
        Assert.StartsWith("Cancelled", await reader.Locator(".subscription-status").InnerTextAsync());
        await Task.Delay(TimeSpan.FromSeconds(2)); // time for a (wrong) cancellation event to reach Articles
        await reader.GotoAsync($"/articles/{slug}");
        Assert.Contains(secret, await reader.ContentAsync());

        // A second reader's declined card: the message, nothing charged, nothing opened.
        var declined = await browser.NewReaderAsync();
        var (_, otherToken) = await platform.NewReaderAsync();
        var otherEmail = (await (await platform.SendAsync(HttpMethod.Get, "/api/auth/me", otherToken)).Content.ReadFromJsonAsync<JsonElement>()).GetProperty("email").GetString()!;
        await declined.LogInAsync(otherEmail, "first-light-reader-1", returnUrl: $"/subscribe?returnUrl=%2Farticles%2F{slug}");
        await declined.WaitForURLAsync("**/subscribe?**");
        await declined.GetByLabel("Payment token").FillAsync("tok_declined");
        await declined.GetByRole(AriaRole.Button, new() { Name = "Subscribe" }).ClickAsync();
        Assert.Equal("The payment was declined, and nothing was charged. Try another payment method.",
            await declined.Locator("#payment-token-error").InnerTextAsync());
        await declined.GotoAsync($"/articles/{slug}");
        Assert.DoesNotContain(secret, await declined.ContentAsync());
        Assert.Equal(1, await declined.Locator(".paywall").CountAsync());

        foreach (var page in new[] { anonymous, reader, declined }) await page.Context.CloseAsync();
    }

    [Fact]
    public async Task The_login_form_says_when_the_password_is_wrong_when_the_account_is_locked_and_when_to_try_again()
    {
        var (_, token) = await platform.NewReaderAsync();
        var email = (await (await platform.SendAsync(HttpMethod.Get, "/api/auth/me", token)).Content.ReadFromJsonAsync<JsonElement>()).GetProperty("email").GetString()!;
        var page = await (await platform.BrowserAsync()).NewReaderAsync();
        await page.GotoAsync("/login");

        // Wrong passwords (waiting as told when the address is held back by earlier journeys) until the account locks.
        var messages = new List<string>();
        while (messages.Count(m => m == "The email or password is wrong.") < 5 && messages.Count < 40)
        {
            await page.FillLoginAsync(email, $"wrong-password-{messages.Count}");
            var message = await page.GetByRole(AriaRole.Alert).InnerTextAsync();
            messages.Add(message);
            if (message.StartsWith(ReaderActions.ThrottledMessage, StringComparison.Ordinal)) await Task.Delay(TimeSpan.FromSeconds(5));
        }
        Assert.Equal("The email or password is wrong.", messages[^1]);
        Assert.Equal(email, await page.GetByLabel("Email").InputValueAsync()); // what was typed stays, but the password never

        // Locked: even the right password is refused, with how long to wait.
        string locked;
        do
        {
            await page.FillLoginAsync(email, "first-light-reader-1");
            locked = await page.GetByRole(AriaRole.Alert).InnerTextAsync();
            if (locked.StartsWith(ReaderActions.ThrottledMessage, StringComparison.Ordinal)) await Task.Delay(TimeSpan.FromSeconds(5));
        } while (locked.StartsWith(ReaderActions.ThrottledMessage, StringComparison.Ordinal));
        Assert.Matches(@"^This account is locked after too many failed attempts\. Try again in 1[45] minutes\.$", locked);

        // And from this address, soon: the gateway's limit, with its wait in seconds.
        string throttled = "";
        for (var attempt = 0; attempt < 20 && !throttled.StartsWith(ReaderActions.ThrottledMessage, StringComparison.Ordinal); attempt++)
        {
            await page.FillLoginAsync($"someone.{attempt}@example.org", "any-password-at-all");
            throttled = await page.GetByRole(AriaRole.Alert).InnerTextAsync();
        }
        Assert.Matches(@"^Too many attempts from your network\. Try again in \d+ seconds?\.$", throttled);
        await page.Context.CloseAsync();
    }
}
