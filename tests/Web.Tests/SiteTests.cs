using System.Net;

namespace NewsPlatform.Web.Tests;

/// <summary>The site's pages against stand-in services: what each page asks of them, what it says, and who may keep it.</summary>
[Collection(SiteCollection.Name)]
public sealed class SiteTests(SiteFixture site)
{
    private StandInServices Services => site.Services;

    [Fact]
    public async Task A_logged_in_readers_article_page_costs_the_services_one_read_of_the_article()
    {
        using var browser = site.NewBrowser();
        await browser.LogInAsync();
        await browser.GetAsync("/articles/free-story"); // the shared reads (sections, related, most read, the masthead's glance) are kept

        var mark = Services.Calls.Count;
        var (response, page) = await browser.GetAsync("/articles/free-story");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Ferry trial begins", page.QuerySelector("h1")!.TextContent);
        var call = Assert.Single(Services.CallsSince(mark));
        Assert.Equal("GET", call.Method);
        Assert.Equal("/api/articles/free-story", call.Path);
        Assert.StartsWith("Bearer access-", call.Authorization);
    }

    [Fact]
    public async Task A_page_made_for_a_logged_in_reader_is_private_and_an_anonymous_page_may_be_shared()
    {
        using var anonymous = site.NewBrowser();
        var (shared, _) = await anonymous.GetAsync("/articles/free-story");
        Assert.DoesNotContain("private", shared.Headers.CacheControl?.ToString() ?? "");
        Assert.DoesNotContain("no-store", shared.Headers.CacheControl?.ToString() ?? "");
        Assert.False(shared.Headers.Contains("Set-Cookie"));

        using var reader = site.NewBrowser();
        await reader.LogInAsync();
        var (personal, page) = await reader.GetAsync("/articles/free-story");
        Assert.True(personal.Headers.CacheControl?.Private);
        Assert.True(personal.Headers.CacheControl?.NoStore);
        Assert.Equal("Rae Reader", page.QuerySelector(".reader-name")!.TextContent);
        Assert.Equal("3", page.QuerySelector(".notifications-link .badge")!.TextContent);
    }

    [Fact]
    public async Task A_subscriber_reads_the_whole_premium_body_and_others_the_teaser_with_a_call_to_action()
    {
        using var anonymous = site.NewBrowser();
        var (_, teaser) = await anonymous.GetAsync("/articles/premium-story");
        Assert.DoesNotContain("Subscriber-only", teaser.QuerySelector(".paywalled")!.TextContent);
        Assert.Equal("/subscribe?returnUrl=%2Farticles%2Fpremium-story", teaser.QuerySelector(".paywall a.button")!.GetAttribute("href"));

        using var subscriber = site.NewBrowser();
        await subscriber.LogInAsync(StandInServices.Subscriber);
        var (_, whole) = await subscriber.GetAsync("/articles/premium-story");
        Assert.Contains("Subscriber-only quota tables.", whole.QuerySelector(".paywalled")!.TextContent);
        Assert.Null(whole.QuerySelector(".paywall"));
    }

    [Fact]
    public async Task A_login_the_identity_service_fails_is_sent_once_and_the_reader_gets_the_503_page()
    {
        using var browser = site.NewBrowser();
        var mark = Services.Calls.Count;

        var (answer, page) = await browser.SubmitAsync("/login", "login", Form(StandInServices.OutageReader, StandInServices.Password));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, answer.StatusCode);
        Assert.Equal("This page is temporarily unavailable", page.QuerySelector("h1")!.TextContent);
        Assert.Single(Services.CallsSince(mark), call => call is { Method: "POST", Path: "/api/auth/login" });
    }

    [Fact]
    public async Task The_login_form_says_what_went_wrong_without_saying_which_field()
    {
        using var browser = site.NewBrowser();
        var (wrong, page) = await browser.SubmitAsync("/login", "login", Form(StandInServices.Reader, "wrong-password-1"));
        Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        Assert.Equal("The email or password is wrong.", page.QuerySelector("[role=alert]")!.TextContent);
        Assert.Equal(StandInServices.Reader, page.QuerySelector("#login-email")!.GetAttribute("value")); // what they typed stays
        Assert.Equal("", page.QuerySelector("#login-password")!.GetAttribute("value") ?? "");                // but never the password

        var (locked, lockedPage) = await browser.SubmitAsync("/login", "login", Form(StandInServices.LockedReader, StandInServices.Password));
        Assert.Equal(HttpStatusCode.Locked, locked.StatusCode);
        Assert.Equal("This account is locked after too many failed attempts. Try again in 14 minutes.", lockedPage.QuerySelector("[role=alert]")!.TextContent);

        var (empty, emptyPage) = await browser.SubmitAsync("/login", "login", Form("", ""));
        Assert.Equal(HttpStatusCode.BadRequest, empty.StatusCode);
        Assert.Equal("Enter your email address.", emptyPage.QuerySelector("#login-email-error")!.TextContent);
        Assert.Equal("login-email-error", emptyPage.QuerySelector("#login-email")!.GetAttribute("aria-describedby"));
    }

    [Fact]
    public async Task A_form_the_gateway_throttled_is_answered_429_with_the_wait_and_never_reaches_the_identity_service()
    {
        using var browser = site.NewBrowser();
        var mark = Services.Calls.Count;
        var (response, page) = await browser.SubmitAsync("/login", "login", Form(StandInServices.Reader, StandInServices.Password),
            new Dictionary<string, string> { ["X-Edge-Retry-After"] = "42" });

        Assert.Equal(HttpStatusCode.TooManyRequests, response.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(42), response.Headers.RetryAfter?.Delta);
        Assert.Equal("Too many attempts from your network. Try again in 42 seconds.", page.QuerySelector("[role=alert]")!.TextContent);
        Assert.DoesNotContain(Services.CallsSince(mark), c => c.Path.StartsWith("/api/auth/login", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Registration_problems_appear_next_to_their_fields_and_success_logs_the_reader_in()
    {
        using var browser = site.NewBrowser();
        var (taken, takenPage) = await browser.SubmitAsync("/register", "register", Registration(StandInServices.TakenEmail, "long-enough-password"));
        Assert.Equal(HttpStatusCode.Conflict, taken.StatusCode);
        Assert.StartsWith("An account with this email already exists.", takenPage.QuerySelector("#register-email-error")!.TextContent);
        Assert.Contains("register-email-error", takenPage.QuerySelector("#register-email")!.GetAttribute("aria-describedby"));
        Assert.Equal("true", takenPage.QuerySelector("#register-email")!.GetAttribute("aria-invalid"));

        var (weak, weakPage) = await browser.SubmitAsync("/register", "register", Registration("new@example.org", "short"));
        Assert.Equal(HttpStatusCode.BadRequest, weak.StatusCode);
        Assert.Equal("A password has at least 10 characters.", weakPage.QuerySelector("#register-password-error")!.TextContent);

        var (created, _) = await browser.SubmitAsync("/register?returnUrl=%2Fbusiness", "register", Registration("new@example.org", StandInServices.Password));
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        Assert.Equal("/business", created.Headers.Location?.PathAndQuery);
        var (_, front) = await browser.GetAsync("/business");
        Assert.Equal("Rae Reader", front.QuerySelector(".reader-name")!.TextContent);
    }

    [Theory]
    [InlineData("/articles/free-story", "/articles/free-story")]
    [InlineData("//evil.example/", "/")]
    [InlineData("https://evil.example/", "/")]
    public async Task After_logging_in_the_reader_returns_only_to_a_page_of_this_site(string returnUrl, string expected)
    {
        using var browser = site.NewBrowser();
        var (response, _) = await browser.SubmitAsync($"/login?returnUrl={Uri.EscapeDataString(returnUrl)}", "login", Form(StandInServices.Reader, StandInServices.Password));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(expected, response.Headers.Location?.PathAndQuery);
        Assert.Equal("localhost", response.Headers.Location?.Host); // the site's own host, never another
    }

    [Fact]
    public async Task Requests_of_one_session_renew_its_tokens_once_and_then_use_the_new_token()
    {
        Services.AccessTokenLifetime = TimeSpan.FromSeconds(30); // inside the minute in which the site renews
        using var browser = site.NewBrowser();
        try
        {
            await browser.LogInAsync();
        }
        finally
        {
            Services.AccessTokenLifetime = TimeSpan.FromMinutes(15);
        }
        var mark = Services.Calls.Count;

        var pages = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => browser.GetAsync("/articles/free-story")));

        Assert.All(pages, p => Assert.Equal("Rae Reader", p.Page.QuerySelector(".reader-name")?.TextContent));
        var calls = Services.CallsSince(mark);
        Assert.Single(calls, c => c.Path == "/api/auth/refresh");
        var renewedToken = calls.Where(c => c.Path == "/api/articles/free-story").Select(c => c.Authorization).Distinct().ToList();
        Assert.Single(renewedToken); // all six pages read with the one renewed token
    }

    [Fact]
    public async Task A_session_whose_refresh_token_is_refused_ends_and_the_reader_is_anonymous_again()
    {
        Services.AccessTokenLifetime = TimeSpan.FromSeconds(30);
        using var browser = site.NewBrowser();
        try
        {
            await browser.LogInAsync();
        }
        finally
        {
            Services.AccessTokenLifetime = TimeSpan.FromMinutes(15);
        }
        foreach (var n in Enumerable.Range(0, 10_000)) Services.RevokedRefreshTokens.TryAdd($"refresh-{n}", true); // e.g. revoked by a reuse elsewhere

        var (_, page) = await browser.GetAsync("/national");
        Assert.Null(page.QuerySelector(".reader-name"));
        Assert.NotNull(page.QuerySelector("a[href='/login?returnUrl=%2Fnational']"));
        Services.RevokedRefreshTokens.Clear();
    }

    [Fact]
    public async Task Logging_out_revokes_the_refresh_token_and_ends_the_session()
    {
        using var browser = site.NewBrowser();
        await browser.LogInAsync();
        var (_, before) = await browser.GetAsync("/");
        var form = before.QuerySelector("form.logout-form")!;
        var token = form.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        var mark = Services.Calls.Count;

        var response = await browser.Http.PostAsync("/logout", new FormUrlEncodedContent([new("__RequestVerificationToken", token)]));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Single(Services.CallsSince(mark), c => c.Path == "/api/auth/logout");
        var (_, after) = await browser.GetAsync("/account");
        Assert.Equal("/login?returnUrl=%2Faccount", (await browser.Http.GetAsync("/account")).Headers.Location?.PathAndQuery ?? "");
        Assert.Null(after.QuerySelector(".reader-name"));
    }

    [Fact]
    public async Task A_post_without_the_forms_antiforgery_token_is_refused()
    {
        using var browser = site.NewBrowser();
        var mark = Services.Calls.Count;
        var response = await browser.Http.PostAsync("/login", new FormUrlEncodedContent(
            [new("_handler", "login"), new("Form.Email", StandInServices.Reader), new("Form.Password", StandInServices.Password)]));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.DoesNotContain(Services.CallsSince(mark), c => c.Path == "/api/auth/login");
    }

    [Fact]
    public async Task Search_excerpts_carry_the_services_marks_and_no_other_markup()
    {
        using var browser = site.NewBrowser();
        var (_, page) = await browser.GetAsync("/search?q=ferry");
        var snippet = page.QuerySelector(".snippet")!;
        Assert.Equal("ferry", snippet.QuerySelector("mark")!.TextContent);
        Assert.Null(snippet.QuerySelector("script"));
        Assert.Null(snippet.QuerySelector("b"));
        Assert.Contains("<script>alert(1)</script>", snippet.TextContent);
    }

    [Fact]
    public async Task An_unknown_page_is_a_404_and_a_service_that_is_down_a_503_both_with_the_sites_chrome()
    {
        using var browser = site.NewBrowser();
        foreach (var path in new[] { "/no-such-section", "/business/no-such-subsection", "/articles/no-such-story", "/business?page=0" })
        {
            var (missing, page) = await browser.GetAsync(path);
            Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
            Assert.Equal("We could not find that page", page.QuerySelector("h1")!.TextContent);
            Assert.NotNull(page.QuerySelector("nav[aria-label=Sections] a[href='/business']"));
        }

        Services.ArticlesDown = true;
        try
        {
            var (down, page) = await browser.GetAsync("/articles/free-story");
            Assert.Equal(HttpStatusCode.ServiceUnavailable, down.StatusCode);
            Assert.Equal("This page is temporarily unavailable", page.QuerySelector("h1")!.TextContent);
            Assert.NotNull(page.QuerySelector("nav[aria-label=Sections]"));
        }
        finally
        {
            Services.ArticlesDown = false;
        }
    }

    [Fact]
    public async Task A_section_front_says_in_its_head_where_its_feed_and_its_neighbouring_pages_are()
    {
        using var browser = site.NewBrowser();
        var (_, page) = await browser.GetAsync("/business?page=2");
        Assert.Equal("/rss/business", page.QuerySelector("head link[rel=alternate][type='application/rss+xml'][title=Business]")?.GetAttribute("href"));
        Assert.Equal("/business", page.QuerySelector("head link[rel=prev]")?.GetAttribute("href"));
        Assert.Equal("/business?page=3", page.QuerySelector("head link[rel=next]")?.GetAttribute("href"));
        Assert.Equal("https://news.example/business?page=2", page.QuerySelector("head link[rel=canonical]")?.GetAttribute("href"));
        Assert.Equal("Business | NewsPlatform Daily", page.Title);
        Assert.Equal("/business?page=3", page.QuerySelector("main a[rel=next]")?.GetAttribute("href"));
    }

    [Fact]
    public async Task The_subscribe_page_offers_the_paid_plans_and_in_development_names_the_sandboxs_tokens()
    {
        using var browser = site.NewBrowser();
        Assert.Equal("/login?returnUrl=%2Fsubscribe", (await browser.Http.GetAsync("/subscribe")).Headers.Location?.PathAndQuery);
        await browser.LogInAsync();
        var (response, page) = await browser.GetAsync("/subscribe?plan=digital-monthly&returnUrl=%2Farticles%2Fpremium-story");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(["digital-monthly"], page.QuerySelectorAll("input[name='Form.PlanCode']").Select(i => i.GetAttribute("value")));
        Assert.NotNull(page.QuerySelector("#plan-digital-monthly[checked]"));
        Assert.Equal("The token your payment provider gave for your card.", page.QuerySelector("#payment-token-hint")!.TextContent); // not Development
        Assert.Equal("/articles/premium-story", page.QuerySelector("input[name='Form.ReturnUrl']")!.GetAttribute("value"));
    }

    [Theory]
    [InlineData("tok_ok", "You are subscribed", "every premium article is open to you now")]
    [InlineData("tok_timeout", "We are confirming your payment", "premium articles open as soon as it is confirmed, and you are charged once")]
    public async Task A_subscription_ends_on_a_page_that_says_what_it_came_to_and_leads_back_to_the_article(string card, string heading, string words)
    {
        using var browser = site.NewBrowser();
        await browser.LogInAsync(StandInServices.Reader, StandInServices.Password); // a new access token: a reader of their own
        var (posted, _) = await browser.SubmitAsync("/subscribe?returnUrl=%2Farticles%2Fpremium-story", "subscribe",
            new Dictionary<string, string> { ["Form.PlanCode"] = "digital-monthly", ["Form.PaymentToken"] = card });
        Assert.Equal(HttpStatusCode.Redirect, posted.StatusCode);
        Assert.Equal("/subscribe/result?returnUrl=%2Farticles%2Fpremium-story", posted.Headers.Location?.PathAndQuery);

        var (_, result) = await browser.GetAsync(posted.Headers.Location!.PathAndQuery);
        Assert.Equal(heading, result.QuerySelector("main h1")!.TextContent);
        Assert.Contains(words, result.QuerySelector("[role=status]")!.TextContent);
        Assert.Equal("/articles/premium-story", result.QuerySelector("main a.button")!.GetAttribute("href"));
    }

    [Fact]
    public async Task A_declined_card_keeps_the_form_with_the_message_next_to_the_payment_field()
    {
        using var browser = site.NewBrowser();
        await browser.LogInAsync();
        var (declined, page) = await browser.SubmitAsync("/subscribe", "subscribe",
            new Dictionary<string, string> { ["Form.PlanCode"] = "digital-monthly", ["Form.PaymentToken"] = "tok_declined" });
        Assert.Equal(HttpStatusCode.PaymentRequired, declined.StatusCode);
        Assert.Equal("The payment was declined, and nothing was charged. Try another payment method.", page.QuerySelector("#payment-token-error")!.TextContent);
        Assert.Equal("tok_declined", page.QuerySelector("#payment-token")!.GetAttribute("value"));
    }

    private static Dictionary<string, string> Form(string email, string password) =>
        new() { ["Form.Email"] = email, ["Form.Password"] = password };

    private static Dictionary<string, string> Registration(string email, string password) =>
        new() { ["Form.Email"] = email, ["Form.Password"] = password, ["Form.DisplayName"] = "Rae Reader" };
}
