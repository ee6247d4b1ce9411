using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace NewsPlatform.EndToEnd.Tests.Site;

/// <summary>
/// Headless Chromium driven by Playwright — the machine's own Chromium (the test command installs the Debian
/// package; <c>NEWSPLATFORM_CHROMIUM</c> or the PATH names it), since Playwright cannot download its browser here.
/// One browser for the assembly; each reader gets a context of their own (cookies, storage), like a person
/// with their own browser.
/// </summary>
public sealed class SiteBrowser : IAsyncDisposable
{
    private readonly IPlaywright _playwright;
    private readonly IBrowser _browser;
    private readonly string _site;

    private SiteBrowser(IPlaywright playwright, IBrowser browser, string site) => (_playwright, _browser, _site) = (playwright, browser, site);

    public static async Task<SiteBrowser> LaunchAsync(Uri site)
    {
        var playwright = await Playwright.CreateAsync();
        var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath(),
            Headless = true,
            // A sandbox needs privileges the test machine's root user lacks; the flags keep Chromium off the network.
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--no-first-run", "--disable-component-update", "--disable-sync"],
        });
        return new SiteBrowser(playwright, browser, site.ToString().TrimEnd('/'));
    }

    /// <summary>A reader's own browser on the site: a desktop window unless a phone is asked for.</summary>
    public async Task<IPage> NewReaderAsync(bool javaScript = true, bool phone = false)
    {
        var context = await _browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = _site,
            JavaScriptEnabled = javaScript,
            ViewportSize = phone ? new ViewportSize { Width = 390, Height = 844 } : new ViewportSize { Width = 1280, Height = 900 },
            IsMobile = phone,
            HasTouch = phone,
            Locale = "en-GB",
        });
        context.SetDefaultTimeout(15_000);
        // Page loads wait longer: with the whole platform and Chromium on two cores, a load can take its time in CI.
        context.SetDefaultNavigationTimeout(30_000);
        return await context.NewPageAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await _browser.CloseAsync();
        _playwright.Dispose();
    }

    private static string ChromiumPath()
    {
        if (Environment.GetEnvironmentVariable("NEWSPLATFORM_CHROMIUM") is { Length: > 0 } configured) return configured;
        var found = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator)
            .SelectMany(dir => new[] { "chromium", "chromium-browser", "google-chrome" }.Select(name => Path.Combine(dir, name)))
            .FirstOrDefault(File.Exists);
        return found ?? throw new InvalidOperationException("No Chromium found: install it (the test command does) or set NEWSPLATFORM_CHROMIUM.");
    }
}

/// <summary>What a reader does on the site's forms, as a person would — including waiting when told to.</summary>
public static partial class ReaderActions
{
    public const string ThrottledMessage = "Too many attempts from your network";

    public static async Task RegisterAsync(this IPage page, string name, string email, string password)
    {
        await page.GotoAsync("/register");
        await SubmitPatientlyAsync(page, async () =>
        {
            await page.GetByLabel("Your name").FillAsync(name);
            await page.GetByLabel("Email").FillAsync(email);
            await page.GetByLabel("Password", new() { Exact = true }).FillAsync(password);
            await page.GetByRole(AriaRole.Button, new() { Name = "Create account" }).ClickAsync();
        });
    }

    public static async Task LogInAsync(this IPage page, string email, string password, string? returnUrl = null)
    {
        await page.GotoAsync(returnUrl is null ? "/login" : $"/login?returnUrl={Uri.EscapeDataString(returnUrl)}");
        await SubmitPatientlyAsync(page, () => page.FillLoginAsync(email, password));
    }

    public static async Task FillLoginAsync(this IPage page, string email, string password)
    {
        await page.GetByLabel("Email").FillAsync(email);
        await page.GetByLabel("Password", new() { Exact = true }).FillAsync(password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Log in" }).ClickAsync();
    }

    /// <summary>
    /// Login and registration share a strict limit per address at the gateway, and every journey comes from the
    /// same address: told to wait, a reader waits as long as the form says and tries again.
    /// </summary>
    private static async Task SubmitPatientlyAsync(IPage page, Func<Task> submit)
    {
        for (var attempt = 0; ; attempt++)
        {
            await submit();
            await page.WaitForLoadStateAsync(LoadState.DOMContentLoaded);
            var alert = page.GetByRole(AriaRole.Alert);
            if (attempt == 20 || await alert.CountAsync() == 0 || !(await alert.InnerTextAsync()).Contains(ThrottledMessage)) return;
            var seconds = int.Parse(Seconds().Match(await alert.InnerTextAsync()).Groups[1].Value);
            await Task.Delay(TimeSpan.FromSeconds(seconds));
        }
    }

    [GeneratedRegex(@"in (\d+) second")]
    private static partial Regex Seconds();
}
