using System.Net;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;
using NewsPlatform.TestSupport;

namespace NewsPlatform.EndToEnd.Tests.Site;

/// <summary>The admin desk in a real browser against the whole platform: roles that open the newsroom, a partner key from issue to revocation.</summary>
[Collection(PlatformCollection.Name)]
public sealed class AdminDeskJourneyTests(PlatformFixture platform)
{
    private const string AdminEmail = "admin@newsplatform.local";
    private const string ReaderPassword = "desk-journey-reader-1";

    [Fact]
    public async Task An_admin_makes_a_new_reader_an_editor_who_then_reaches_the_newsroom_and_issues_uses_and_revokes_a_partner_key()
    {
        var browser = await platform.BrowserAsync();
        var admin = await browser.NewReaderAsync();
        var reader = await browser.NewReaderAsync();

        await admin.LogInAsync(AdminEmail, PlatformFixture.AdminPassword, returnUrl: "/admin");
        await admin.WaitForURLAsync("**/admin");
        Assert.Equal(1, await admin.GetByRole(AriaRole.Heading, new() { Name = "Admin", Exact = true }).CountAsync());

        // A new reader, in a browser of their own: the newsroom is not open to them.
        var name = $"Desk Recruit {Guid.NewGuid():N}"[..20];
        var email = $"recruit.{Guid.NewGuid():N}@example.org";
        await reader.RegisterAsync(name, email, ReaderPassword);
        await reader.WaitForURLAsync("**/account?welcome=1");
        var refused = await reader.GotoAsync("/newsroom");
        Assert.Equal((int)HttpStatusCode.Forbidden, refused!.Status);
        Assert.Equal(1, await reader.GetByRole(AriaRole.Heading, new() { Name = "This page is not open to your account" }).CountAsync());

        // The admin finds them by email and makes them an editor.
        await admin.GetByRole(AriaRole.Link, new() { Name = "Readers", Exact = true }).First.ClickAsync();
        await admin.WaitForURLAsync("**/admin/readers");
        await admin.GetByLabel("Find a reader by email").FillAsync(email.ToUpperInvariant()); // any case finds the address
        await admin.GetByRole(AriaRole.Button, new() { Name = "Find", Exact = true }).ClickAsync();
        await admin.WaitForURLAsync("**/admin/readers?email=**");
        await admin.GetByRole(AriaRole.Link, new() { Name = name }).ClickAsync();
        await admin.WaitForURLAsync("**/admin/readers/*");
        Assert.Equal(email, await admin.Locator("dd.reader-email").InnerTextAsync());
        await admin.GetByRole(AriaRole.Button, new() { Name = "Make editor" }).ClickAsync();
        await admin.WaitForURLAsync("**?done=editor-granted");
        Assert.StartsWith($"{name} is now an editor.", await admin.Locator("p.notice[role=status]").InnerTextAsync());
        Assert.Equal(1, await admin.GetByRole(AriaRole.Button, new() { Name = "Remove editor" }).CountAsync());

        // Roles are read at login: the reader logs out and in again, and the newsroom opens.
        await reader.GotoAsync("/");
        await reader.GetByRole(AriaRole.Button, new() { Name = "Log out" }).ClickAsync();
        await reader.WaitForSelectorAsync("nav.account-bar >> text=Log in");
        await reader.LogInAsync(email, ReaderPassword, returnUrl: "/newsroom");
        await reader.WaitForURLAsync("**/newsroom");
        Assert.Equal(1, await reader.GetByRole(AriaRole.Heading, new() { Name = "Stories", Exact = true }).CountAsync());
        Assert.Equal(1, await reader.Locator("nav.account-bar a[href='/newsroom']").CountAsync());
        Assert.Equal(0, await reader.Locator("nav.account-bar a[href='/admin']").CountAsync());

        // The admin issues a partner key; its secret is on the answer, once.
        var partner = $"Journey partner {Guid.NewGuid():N}"[..24];
        await admin.GotoAsync("/admin/api-keys");
        await admin.GetByLabel("Name of the partner or app").FillAsync(partner);
        await admin.GetByLabel("Tier", new() { Exact = true }).SelectOptionAsync("basic");
        await admin.GetByRole(AriaRole.Button, new() { Name = "Create key" }).ClickAsync();
        var secretField = admin.Locator("#new-key-secret");
        await secretField.WaitForAsync();
        var secret = await secretField.InputValueAsync();
        Assert.StartsWith("np_", secret);
        Assert.Contains("It is shown only now", await admin.Locator(".new-key").InnerTextAsync());

        // A partner reads the public API through the gateway with it.
        Assert.Equal(HttpStatusCode.OK, (await PartnerGetAsync(secret)).StatusCode);

        // The list never shows the secret; the admin revokes the key after its confirmation.
        await admin.GotoAsync("/admin/api-keys");
        Assert.DoesNotContain(secret, await admin.ContentAsync());
        var row = admin.Locator("table.key-list tbody tr", new() { HasText = partner });
        await row.Locator("summary").ClickAsync();
        await row.GetByRole(AriaRole.Button, new() { Name = $"Yes, revoke “{partner}”" }).ClickAsync();
        await admin.WaitForURLAsync("**/admin/api-keys?done=revoked");
        Assert.Contains("Revoked", await admin.Locator("table.key-list tbody tr", new() { HasText = partner }).InnerTextAsync());

        // Refused once the gateway's short cache of the key's answer has run out (30 s).
        await Eventually.Until(async () =>
            {
                var response = await PartnerGetAsync(secret);
                if (response.StatusCode == HttpStatusCode.OK) await Task.Delay(TimeSpan.FromSeconds(1)); // well inside the basic tier's rate
                return response.StatusCode;
            }, status => status is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden,
            TimeSpan.FromSeconds(40), "the revoked key refused at the gateway");

        await admin.Context.CloseAsync();
        await reader.Context.CloseAsync();
    }

    [Fact]
    public async Task No_admin_page_has_a_serious_or_critical_accessibility_violation_wide_or_narrow()
    {
        var (readerId, _) = await platform.NewReaderAsync();
        var browser = await platform.BrowserAsync();
        var failures = new List<string>();
        var paths = new[]
        {
            "/admin", $"/admin/readers?email={Uri.EscapeDataString(AdminEmail)}", $"/admin/readers/{readerId}", "/admin/api-keys", "/admin/search",
        };
        foreach (var phone in new[] { false, true })
        {
            var page = await browser.NewReaderAsync(phone: phone);
            await page.LogInAsync(AdminEmail, PlatformFixture.AdminPassword, returnUrl: "/admin");
            await page.WaitForURLAsync("**/admin");
            foreach (var path in paths) failures.AddRange(await CheckAsync(page, path, phone));

            // The answer to issuing a key, with its secret, the copy button and the warning showing.
            await page.GotoAsync("/admin/api-keys");
            await page.GetByLabel("Name of the partner or app").FillAsync($"Accessibility check {(phone ? "phone" : "desktop")}");
            await page.GetByRole(AriaRole.Button, new() { Name = "Create key" }).ClickAsync();
            await page.Locator("#new-key-secret").WaitForAsync();
            failures.AddRange(await CheckAsync(page, null, phone));

            if (phone)
            {
                // And nothing scrolls sideways on a 320 px screen.
                await page.SetViewportSizeAsync(320, 640);
                foreach (var path in paths)
                {
                    await page.GotoAsync(path);
                    if (await page.EvaluateAsync<bool>("document.documentElement.scrollWidth > document.documentElement.clientWidth + 1"))
                        failures.Add($"{path}: a 320 px screen scrolls sideways");
                }
            }
            await page.Context.CloseAsync();
        }
        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    private Task<HttpResponseMessage> PartnerGetAsync(string key)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, "/api/articles?section=national");
        request.Headers.Add("X-Api-Key", key);
        return platform.Gateway.SendAsync(request);
    }

    private static async Task<IEnumerable<string>> CheckAsync(IPage page, string? path, bool phone)
    {
        if (path is not null) await page.GotoAsync(path);
        var result = await page.RunAxe();
        return result.Violations
            .Where(v => v.Impact is "serious" or "critical")
            .Select(v => $"{path ?? page.Url} ({(phone ? "phone" : "desktop")}): {v.Impact} {v.Id}: {v.Help} — {string.Join(" | ", v.Nodes.Take(3).Select(n => n.Html))}");
    }
}
