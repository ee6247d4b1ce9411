using System.Text.Json;
using Microsoft.Playwright;
using NewsPlatform.TestSupport;

namespace NewsPlatform.EndToEnd.Tests.Site;

/// <summary>Readers on the site in a real browser, through the gateway, against the whole platform.</summary>
[Collection(PlatformCollection.Name)]
public sealed class ReadingJourneyTests(PlatformFixture platform)
{
    [Fact]
    public async Task An_anonymous_reader_goes_from_the_front_page_through_a_section_and_articles_to_search_and_the_site_map()
    {
        var page = await (await platform.BrowserAsync()).NewReaderAsync();

        await page.GotoAsync("/");
        Assert.Equal("NewsPlatform Daily", await page.TitleAsync());
        Assert.True(await page.Locator(".front-lead h2 a").CountAsync() == 1, "a lead story");
        Assert.True(await page.Locator(".front-section").CountAsync() >= 5, "the latest from the sections");

        // The section tree: a section from the bar.
        await page.GetByRole(AriaRole.Navigation, new() { Name = "Sections" }).GetByRole(AriaRole.Link, new() { Name = "Business", Exact = true }).ClickAsync();
        await page.WaitForURLAsync("**/business");
        Assert.Equal("Business", await page.Locator("main h1").InnerTextAsync());
        Assert.Equal("/rss/business", await page.Locator("link[rel=alternate][type='application/rss+xml'][href^='/rss/']").GetAttributeAsync("href"));
        Assert.Equal(1, await page.GetByRole(AriaRole.Link, new() { Name = "Log in to follow" }).CountAsync());

        // An article from the front, then one of its related articles.
        var headline = await page.Locator(".front-list .card-headline a").First.InnerTextAsync();
        await page.Locator(".front-list .card-headline a").First.ClickAsync();
        await page.WaitForURLAsync("**/articles/**");
        Assert.Equal(headline, await page.Locator("h1").InnerTextAsync());
        Assert.Equal("Business", await page.Locator(".kicker a").First.TextContentAsync()); // shown in capitals by the stylesheet
        Assert.Matches(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$", await page.Locator(".times time").First.GetAttributeAsync("datetime"));
        Assert.EndsWith("KST", await page.Locator(".times time").First.InnerTextAsync());
        var related = page.Locator(".related a");
        Assert.True(await related.CountAsync() > 0, "related articles");
        var relatedHeadline = await related.First.InnerTextAsync();
        await related.First.ClickAsync();
        await page.WaitForFunctionAsync("h => document.querySelector('h1')?.textContent === h", relatedHeadline);

        // Search from the masthead, the next page, then one section's results.
        await page.GetByLabel("Search articles").FillAsync("year"); // a combobox once site.js offers suggestions
        await page.GetByRole(AriaRole.Search).First.GetByRole(AriaRole.Button, new() { Name = "Search" }).ClickAsync();
        await page.WaitForURLAsync("**/search?q=year");
        Assert.Equal(10, await page.Locator(".result").CountAsync());
        Assert.True(await page.Locator(".result .snippet mark").CountAsync() > 0, "highlighted excerpts");
        await page.Locator("a[rel=next]").First.ClickAsync();
        await page.WaitForURLAsync("**/search?q=year&page=2");
        Assert.Equal("11", await page.Locator("ol.results").GetAttributeAsync("start"));
        await page.GetByRole(AriaRole.Navigation, new() { Name = "Filter by section" }).GetByRole(AriaRole.Link, new() { Name = "National" }).ClickAsync();
        await page.WaitForURLAsync("**/search?q=year&section=national");
        Assert.All(await page.Locator(".result .meta span:first-child").AllInnerTextsAsync(), s => Assert.Equal("National", s));
        Assert.Equal("National", await page.Locator("#search-section option[selected]").InnerTextAsync());

        // And the site map from the footer.
        await page.GetByRole(AriaRole.Contentinfo).GetByRole(AriaRole.Link, new() { Name = "Site map" }).ClickAsync();
        await page.WaitForURLAsync("**/sitemap");
        Assert.Equal(10, await page.Locator(".sitemap-section h2 a").CountAsync());
        Assert.Equal(1, await page.Locator(".sitemap a[href='/entertainment-arts/k-pop']").Filter(new() { HasText = "K-pop" }).CountAsync());
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task An_article_pages_structured_data_carries_its_fields_and_a_premium_pages_none_of_the_premium_text()
    {
        var secret = $"Only subscribers read these quota tables {Guid.NewGuid():N}";
        var free = await platform.PublishAsync($"Ferry trial begins on the Han River {Guid.NewGuid():N}"[..44], "national", "society", byline: "Kim Ha-eun");
        var premium = await platform.PublishAsync($"Premium analysis of chip quotas {Guid.NewGuid():N}"[..40], "business", "tech", premium: true,
            body: $"<p>Opening paragraph for everyone.</p><p>{secret}</p>");
        var page = await (await platform.BrowserAsync()).NewReaderAsync();

        await page.GotoAsync($"/articles/{free}");
        var data = await StructuredDataAsync(page);
        Assert.Equal("NewsArticle", data.GetProperty("@type").GetString());
        Assert.Equal(await page.Locator("h1").InnerTextAsync(), data.GetProperty("headline").GetString());
        Assert.Equal("Kim Ha-eun", data.GetProperty("author")[0].GetProperty("name").GetString());
        Assert.Equal("National", data.GetProperty("articleSection")[0].GetString());
        Assert.True(DateTimeOffset.TryParse(data.GetProperty("datePublished").GetString(), out _));
        Assert.True(DateTimeOffset.TryParse(data.GetProperty("dateModified").GetString(), out _));
        Assert.True(data.GetProperty("isAccessibleForFree").GetBoolean());
        var canonical = await page.Locator("link[rel=canonical]").GetAttributeAsync("href");
        Assert.EndsWith($"/articles/{free}", canonical);
        Assert.Equal(canonical, data.GetProperty("mainEntityOfPage").GetProperty("@id").GetString());
        Assert.Equal("article", await page.Locator("meta[property='og:type']").GetAttributeAsync("content"));
        Assert.Equal(await page.Locator("h1").InnerTextAsync(), await page.Locator("meta[name='twitter:title']").GetAttributeAsync("content"));

        await page.GotoAsync($"/articles/{premium}");
        var premiumData = await StructuredDataAsync(page);
        Assert.False(premiumData.GetProperty("isAccessibleForFree").GetBoolean());
        Assert.Equal(".paywalled", premiumData.GetProperty("hasPart").GetProperty("cssSelector").GetString());
        Assert.Equal(1, await page.Locator(".paywalled").CountAsync());
        Assert.DoesNotContain(secret, premiumData.GetRawText());
        Assert.DoesNotContain(secret, await page.ContentAsync());
        await page.Context.CloseAsync();
    }

    private static async Task<JsonElement> StructuredDataAsync(IPage page) =>
        JsonDocument.Parse(await page.Locator("script[type='application/ld+json']").TextContentAsync() ?? "").RootElement;

    [Fact]
    public async Task Reading_registering_and_logging_in_work_without_javascript_on_a_phone()
    {
        var page = await (await platform.BrowserAsync()).NewReaderAsync(javaScript: false, phone: true);

        // The section menu opens as an in-page target, no script needed.
        await page.GotoAsync("/");
        var menu = page.Locator("#section-menu");
        Assert.False(await menu.IsVisibleAsync());
        await page.GetByRole(AriaRole.Link, new() { Name = "Sections" }).ClickAsync();
        Assert.True(await menu.IsVisibleAsync());
        await menu.GetByRole(AriaRole.Link, new() { Name = "Society" }).ClickAsync();
        await page.WaitForURLAsync("**/national/society");
        Assert.Equal("Society", await page.Locator("main h1").InnerTextAsync());

        await page.Locator(".front-list .card-headline a").First.ClickAsync();
        await page.WaitForURLAsync("**/articles/**");
        Assert.True(await page.Locator(".article-body p").CountAsync() > 0);
        Assert.False(await page.Locator("[data-font-size]").IsVisibleAsync()); // the text-size buttons need script: not offered

        var email = $"nojs.{Guid.NewGuid():N}@example.org";
        await page.RegisterAsync("No Script Reader", email, "reading-without-script-1");
        await page.WaitForURLAsync("**/account?welcome=1");
        Assert.Equal("No Script Reader", await page.Locator(".reader-name").InnerTextAsync());

        await page.GetByRole(AriaRole.Button, new() { Name = "Log out" }).ClickAsync();
        await page.WaitForURLAsync(url => new Uri(url).AbsolutePath == "/");
        Assert.Equal(1, await page.GetByRole(AriaRole.Link, new() { Name = "Log in" }).CountAsync());

        await page.GotoAsync("/national");
        await page.GetByRole(AriaRole.Link, new() { Name = "Log in to follow" }).ClickAsync();
        await page.WaitForURLAsync("**/login?returnUrl=%2Fnational");
        await page.LogInAsync(email, "reading-without-script-1", returnUrl: "/national");
        await page.WaitForURLAsync("**/national");
        Assert.Equal(1, await page.GetByRole(AriaRole.Button, new() { Name = "Follow National" }).CountAsync());
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task The_section_menu_and_the_login_form_work_with_the_keyboard_alone()
    {
        var page = await (await platform.BrowserAsync()).NewReaderAsync(phone: true);
        await page.GotoAsync("/");

        // Skip link first, then through the masthead to the Sections button, which opens with Enter.
        await page.Keyboard.PressAsync("Tab");
        Assert.Equal("Skip to content", await page.EvaluateAsync<string>("document.activeElement.textContent"));
        var toggle = page.GetByRole(AriaRole.Button, new() { Name = "Sections" });
        await toggle.FocusAsync();
        await page.Keyboard.PressAsync("Enter");
        Assert.Equal("true", await toggle.GetAttributeAsync("aria-expanded"));
        await page.Keyboard.PressAsync("Tab");
        Assert.Equal("National", await page.EvaluateAsync<string>("document.activeElement.textContent"));
        await page.Keyboard.PressAsync("Escape");
        Assert.Equal("false", await toggle.GetAttributeAsync("aria-expanded"));

        // The login form, field by field with Tab, sent with Enter.
        await page.GotoAsync("/login");
        await page.GetByLabel("Email").FocusAsync();
        await page.Keyboard.TypeAsync("nobody@example.org");
        await page.Keyboard.PressAsync("Tab");
        Assert.Equal("login-password", await page.EvaluateAsync<string>("document.activeElement.id"));
        await page.Keyboard.TypeAsync("not-the-password-1");
        await page.Keyboard.PressAsync("Enter");
        await page.WaitForSelectorAsync("[role=alert]");
        var alert = await page.GetByRole(AriaRole.Alert).InnerTextAsync();
        Assert.True(alert == "The email or password is wrong." || alert.StartsWith(ReaderActions.ThrottledMessage, StringComparison.Ordinal), alert);
        await page.Context.CloseAsync();
    }
}
