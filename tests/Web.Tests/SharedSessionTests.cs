using System.Net;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.Mvc.Testing.Handlers;
using NewsPlatform.TestSupport;
using StackExchange.Redis;

namespace NewsPlatform.Web.Tests;

/// <summary>
/// Two replicas of the site sharing their sessions in the real Redis (<c>ConnectionStrings:edge</c>, a key prefix of
/// this run's own), started together on an empty store as two pods would be, in front of one set of stand-in services.
/// </summary>
public sealed class SharedSitesFixture : IAsyncLifetime
{
    public StandInServices Services { get; private set; } = null!;
    public string KeyPrefix { get; } = $"test:{Guid.NewGuid():N}:site:";
    private ServiceUnderTest<WebSite>[] _replicas = [];

    public async Task InitializeAsync()
    {
        Services = await StandInServices.StartAsync();
        _replicas = Enumerable.Range(0, 2).Select(_ => new ServiceUnderTest<WebSite>(SiteFixture.SettingsFor(Services,
            ("ConnectionStrings:edge", TestServers.Redis), ("Sessions:KeyPrefix", KeyPrefix)))).ToArray();
        await Task.WhenAll(_replicas.Select(r => Task.Run(r.StartAsync))); // each makes its key ring at once
    }

    /// <summary>One reader's browser: one cookie jar, and a way to each replica (as the gateway would send it to either).</summary>
    public SiteBrowser[] NewBrowser()
    {
        var cookies = new CookieContainer();
        return _replicas.Select(r => new SiteBrowser(r.CreateDefaultClient(new Uri("http://localhost"), new CookieContainerHandler(cookies)))).ToArray();
    }

    public async Task DisposeAsync()
    {
        foreach (var replica in _replicas) await replica.DisposeAsync();
        await Services.DisposeAsync();
    }
}

public sealed class SharedSessionTests(SharedSitesFixture sites) : IClassFixture<SharedSitesFixture>
{
    private StandInServices Services => sites.Services;

    [Fact]
    public async Task A_reader_who_logs_in_at_one_replica_is_logged_in_at_the_other()
    {
        var (first, second) = Pair(sites.NewBrowser());
        await first.LogInAsync();

        var (response, page) = await second.GetAsync("/articles/free-story");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Rae Reader", page.QuerySelector(".reader-name")?.TextContent);
    }

    [Fact]
    public async Task A_form_made_by_one_replica_is_accepted_by_the_other_and_logging_out_there_ends_the_session_everywhere()
    {
        var (first, second) = Pair(sites.NewBrowser());
        await first.LogInAsync();
        var (_, page) = await first.GetAsync("/articles/free-story");
        var logout = page.QuerySelector("form[action='/logout']")!;
        var fields = logout.QuerySelectorAll("input[type=hidden]").ToDictionary(i => i.GetAttribute("name")!, i => i.GetAttribute("value") ?? "");
        Assert.NotEmpty(fields); // the antiforgery token, protected by the first replica's key ring

        var posted = await second.Http.PostAsync("/logout", new FormUrlEncodedContent(fields));

        Assert.Equal(HttpStatusCode.Redirect, posted.StatusCode); // not 400: the second replica read the token
        var (_, after) = await first.GetAsync("/articles/free-story");
        Assert.Null(after.QuerySelector(".reader-name"));
    }

    [Fact]
    public async Task Requests_of_one_session_at_both_replicas_renew_its_tokens_once()
    {
        var browsers = sites.NewBrowser();
        Services.AccessTokenLifetime = TimeSpan.FromSeconds(30); // inside the minute in which the site renews
        try
        {
            await browsers[0].LogInAsync();
        }
        finally
        {
            Services.AccessTokenLifetime = TimeSpan.FromMinutes(15);
        }
        var mark = Services.Calls.Count;

        var pages = await Task.WhenAll(Enumerable.Range(0, 8).Select(i => browsers[i % 2].GetAsync("/articles/free-story")));

        Assert.All(pages, p => Assert.Equal("Rae Reader", p.Page.QuerySelector(".reader-name")?.TextContent));
        var calls = Services.CallsSince(mark);
        Assert.Single(calls, c => c.Path == "/api/auth/refresh"); // twice would look like a stolen token to the identity service
        Assert.Single(calls.Where(c => c.Path == "/api/articles/free-story").Select(c => c.Authorization).Distinct());
    }

    [Fact]
    public async Task The_session_and_the_key_ring_are_kept_in_the_store_and_the_browser_holds_only_a_key()
    {
        var (first, _) = Pair(sites.NewBrowser());
        await first.LogInAsync();

        await using var redis = await ConnectionMultiplexer.ConnectAsync(TestServers.Redis);
        var database = redis.GetDatabase();
        Assert.True(await database.ListLengthAsync(sites.KeyPrefix + "key-ring") >= 1);
        var server = redis.GetServer(redis.GetEndPoints()[0]);
        var sessions = server.Keys(pattern: sites.KeyPrefix + "sessions:*").ToList();
        Assert.NotEmpty(sessions);
        foreach (var session in sessions)
            Assert.DoesNotContain("access-", (string?)await database.HashGetAsync(session, "data") ?? ""); // encrypted at rest
    }

    private static (SiteBrowser, SiteBrowser) Pair(SiteBrowser[] browsers) => (browsers[0], browsers[1]);
}

/// <summary>The site with its session store named but not answering (nothing listens on its port).</summary>
public sealed class UnreachableSessionStoreTests : IAsyncLifetime
{
    private StandInServices _services = null!;
    private ServiceUnderTest<WebSite> _site = null!;

    public async Task InitializeAsync()
    {
        _services = await StandInServices.StartAsync();
        _site = new ServiceUnderTest<WebSite>(SiteFixture.SettingsFor(_services,
            ("ConnectionStrings:edge", $"127.0.0.1:{LocalPorts.Free()}"), ("Sessions:TimeoutMilliseconds", "300")));
    }

    [Fact]
    public async Task Anonymous_pages_are_served_and_the_login_page_is_the_503_page_rather_than_an_error()
    {
        using var browser = new SiteBrowser(_site.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false }));

        var (page, _) = await browser.GetAsync("/articles/free-story");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);

        // The login form carries an antiforgery token, which needs the key ring kept in the store.
        var (login, loginPage) = await browser.GetAsync("/login");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, login.StatusCode);
        Assert.Equal("This page is temporarily unavailable", loginPage.QuerySelector("h1")!.TextContent);

        var health = await _site.CreateClient().GetStringAsync("/health");
        Assert.Contains("session-store", health);
    }

    public async Task DisposeAsync()
    {
        await _site.DisposeAsync();
        await _services.DisposeAsync();
    }
}
