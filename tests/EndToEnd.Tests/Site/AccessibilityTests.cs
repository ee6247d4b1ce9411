using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

namespace NewsPlatform.EndToEnd.Tests.Site;

/// <summary>axe-core on every page type of the site, anonymous and logged in, wide and narrow.</summary>
[Collection(PlatformCollection.Name)]
public sealed class AccessibilityTests(PlatformFixture platform)
{
    [Fact]
    public async Task No_page_type_has_a_serious_or_critical_accessibility_violation()
    {
        var free = await platform.PublishAsync($"Accessible ferry timetables for the Han River {Guid.NewGuid():N}"[..52], "national", "society");
        var premium = await platform.PublishAsync($"Premium: port logistics outlook {Guid.NewGuid():N}"[..40], "business", "companies", premium: true,
            body: "<p>Opening paragraph.</p><p>Premium analysis.</p>");
        var browser = await platform.BrowserAsync();
        var anonymousPages = new[]
        {
            "/", "/national", "/national/society", $"/articles/{free}", $"/articles/{premium}", $"/articles/{free}/print",
            "/search?q=ferry", "/search?q=zzqqxx", "/search", "/sitemap", "/plans", "/login", "/register", "/no-such-page",
            "/forgot-password", "/reset-password?token=not-a-token", "/verify-email?token=not-a-token", "/unsubscribe/not-a-token",
        };
        var failures = new List<string>();
        foreach (var phone in new[] { false, true })
        {
            var page = await browser.NewReaderAsync(phone: phone);
            foreach (var path in anonymousPages) failures.AddRange(await CheckAsync(page, path, phone));
            await page.Context.CloseAsync();
        }

        // The forms with their messages showing, and the pages of a logged-in reader.
        var reader = await browser.NewReaderAsync();
        await reader.GotoAsync("/login");
        await reader.FillLoginAsync("nobody@example.org", "not-the-password-1");
        failures.AddRange(await CheckAsync(reader, null, false));
        var email = $"a11y.{Guid.NewGuid():N}@example.org";
        await reader.RegisterAsync("Accessible Reader", email, "accessible-reader-pass-1");
        foreach (var path in new[] { "/account", "/subscribe", $"/articles/{premium}", "/national" })
            failures.AddRange(await CheckAsync(reader, path, false));
        await reader.Context.CloseAsync();

        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    [Fact]
    public async Task Text_at_200_percent_and_a_320_pixel_screen_need_no_sideways_scrolling()
    {
        var article = await platform.PublishAsync($"Reflow: a long headline about harbour redevelopment plans in Incheon {Guid.NewGuid():N}"[..80], "national", "society");
        var browser = await platform.BrowserAsync();
        var failures = new List<string>();
        var desktop = await browser.NewReaderAsync();
        var narrow = await browser.NewReaderAsync(phone: true);
        await narrow.SetViewportSizeAsync(320, 640);
        foreach (var path in new[] { "/", "/national", $"/articles/{article}", "/search?q=harbour", "/login", "/register", "/plans", "/sitemap" })
        {
            await desktop.GotoAsync(path);
            await desktop.EvaluateAsync("document.documentElement.style.fontSize = '200%'");
            if (await OverflowsAsync(desktop)) failures.Add($"{path}: text at 200 % scrolls sideways");
            await narrow.GotoAsync(path);
            if (await OverflowsAsync(narrow)) failures.Add($"{path}: a 320 px screen scrolls sideways");
        }
        await desktop.Context.CloseAsync();
        await narrow.Context.CloseAsync();
        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    private static Task<bool> OverflowsAsync(IPage page) =>
        page.EvaluateAsync<bool>("document.documentElement.scrollWidth > document.documentElement.clientWidth + 1");

    private static async Task<IEnumerable<string>> CheckAsync(IPage page, string? path, bool phone)
    {
        if (path is not null) await page.GotoAsync(path);
        var result = await page.RunAxe();
        return result.Violations
            .Where(v => v.Impact is "serious" or "critical")
            .Select(v => $"{path ?? page.Url} ({(phone ? "phone" : "desktop")}): {v.Impact} {v.Id}: {v.Help} — {string.Join(" | ", v.Nodes.Take(3).Select(n => n.Html))}");
    }
}
