using System.Net;
using System.Text.Json;

namespace NewsPlatform.Web.Tests;

/// <summary>
/// The admin desk against stand-in services: who may open it, what each form sends the services with the admin's
/// token, what their answers come to on the page — and that a partner key's secret appears once, on the answer to
/// issuing it, and never on the list.
/// </summary>
[Collection(SiteCollection.Name)]
public sealed class AdminDeskTests(SiteFixture site)
{
    private StandInServices Services => site.Services;

    private async Task<SiteBrowser> AdminAsync()
    {
        var browser = site.NewBrowser();
        await browser.LogInAsync(StandInServices.Admin);
        return browser;
    }

    [Fact]
    public async Task A_reader_who_is_not_an_admin_gets_the_403_page_and_an_anonymous_one_the_login()
    {
        using var anonymous = site.NewBrowser();
        var (challenge, _) = await anonymous.GetAsync("/admin/readers");
        Assert.Equal(HttpStatusCode.Redirect, challenge.StatusCode);
        Assert.Equal("/login?returnUrl=%2Fadmin%2Freaders", challenge.Headers.Location?.PathAndQuery);

        using var reader = site.NewBrowser();
        await reader.LogInAsync();
        var mark = Services.Calls.Count;
        foreach (var path in new[] { "/admin", "/admin/readers", $"/admin/readers/{StandInServices.ReaderId}", "/admin/api-keys", "/admin/search" })
        {
            var (denied, _) = await reader.GetAsync(path);
            Assert.Equal(HttpStatusCode.Redirect, denied.StatusCode);
            Assert.Equal("/forbidden", denied.Headers.Location?.AbsolutePath);
            var (forbidden, page) = await reader.GetAsync(denied.Headers.Location!.PathAndQuery);
            Assert.Equal(HttpStatusCode.Forbidden, forbidden.StatusCode);
            Assert.Equal("This page is not open to your account", page.QuerySelector("main h1")!.TextContent);
            Assert.Null(page.QuerySelector("nav.account-bar a[href='/admin']")); // no way in is offered either
        }
        Assert.DoesNotContain(Services.CallsSince(mark), c => c.Path.StartsWith("/api/admin/", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_admin_finds_the_desk_from_the_account_bar_and_its_front_links_every_part_and_the_operations_tools()
    {
        using var admin = await AdminAsync();
        var (_, front) = await admin.GetAsync("/");
        Assert.NotNull(front.QuerySelector("nav.account-bar a[href='/admin']"));
        Assert.NotNull(front.QuerySelector("nav.account-bar a[href='/newsroom']")); // an editor too

        var (response, page) = await admin.GetAsync("/admin");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(response.Headers.CacheControl?.NoStore);
        Assert.Equal("noindex", page.QuerySelector("head meta[name=robots]")?.GetAttribute("content"));
        var links = page.QuerySelectorAll("main a").Select(a => a.GetAttribute("href")).ToList();
        Assert.Contains("/admin/readers", links);
        Assert.Contains("/admin/api-keys", links);
        Assert.Contains("/admin/search", links);
        Assert.Contains("http://localhost:18888", links); // Operations:DashboardUrl's default
        Assert.Contains("/docs", links);                  // the gateway's API reference
        Assert.Contains("Aspire dashboard", page.QuerySelector("main")!.TextContent);
        Assert.NotNull(page.QuerySelector("nav.desk-nav[aria-label=Admin] a[href='/admin/readers']"));
    }

    [Fact]
    public async Task Finding_a_reader_by_email_asks_the_service_with_the_admins_token_and_links_their_page()
    {
        using var admin = await AdminAsync();
        var mark = Services.Calls.Count;
        var (response, page) = await admin.GetAsync($"/admin/readers?email={Uri.EscapeDataString(StandInServices.Reader.ToUpperInvariant())}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var call = Assert.Single(Services.CallsSince(mark), c => c.Path.StartsWith("/api/admin/users", StringComparison.Ordinal));
        Assert.Equal("/api/admin/users?email=READER%40EXAMPLE.ORG&page=1", call.Path);
        Assert.Equal("Bearer access-admin", call.Authorization);
        Assert.Equal("1 reader found.", page.QuerySelector("[role=status]")!.TextContent);
        var link = Assert.Single(page.QuerySelectorAll("table.reader-list tbody a"));
        Assert.Equal($"/admin/readers/{StandInServices.ReaderId}", link.GetAttribute("href"));
        Assert.Equal("Rae Reader", link.TextContent);
        Assert.Equal(StandInServices.Reader.ToUpperInvariant(), page.QuerySelector("#find-email")!.GetAttribute("value"));

        var (_, byName) = await admin.GetAsync("/admin/readers?q=sam");
        Assert.Equal($"/admin/readers/{StandInServices.SubscriberId}", byName.QuerySelector("table.reader-list tbody a")!.GetAttribute("href"));
        Assert.Contains("Digital monthly", byName.QuerySelector("table.reader-list tbody")!.TextContent);

        var (both, bothPage) = await admin.GetAsync("/admin/readers?email=a%40example.org&q=a");
        Assert.Equal(HttpStatusCode.BadRequest, both.StatusCode);
        Assert.Equal("Fill in one of the two: the whole email address, or a part of a name or address.", bothPage.QuerySelector("#find-q-error")!.TextContent);
    }

    [Fact]
    public async Task Make_editor_posts_the_role_and_grant_and_comes_back_with_what_it_did()
    {
        using var admin = await AdminAsync();
        var path = $"/admin/readers/{StandInServices.ReaderId}";
        var (_, before) = await admin.GetAsync(path);
        Assert.Equal("Rae Reader", before.QuerySelector("main h1")!.TextContent);
        Assert.Equal(StandInServices.Reader, before.QuerySelector("dd.reader-email")!.TextContent);
        var bodies = Services.AdminBodies.Count;

        var (posted, _) = await admin.SubmitAsync(path, "grant-editor", new Dictionary<string, string>());

        Assert.Equal(HttpStatusCode.Redirect, posted.StatusCode);
        Assert.Equal($"{path}?done=editor-granted", posted.Headers.Location?.PathAndQuery);
        var (sent, body) = Assert.Single(Services.AdminBodies.Skip(bodies));
        Assert.Equal($"/api/admin/users/{StandInServices.ReaderId}/roles", sent);
        Assert.Equal("editor", body.GetProperty("role").GetString());
        Assert.True(body.GetProperty("grant").GetBoolean());

        var (_, after) = await admin.GetAsync(posted.Headers.Location!.PathAndQuery);
        Assert.StartsWith("Rae Reader is now an editor.", after.QuerySelector("p.notice[role=status]")!.TextContent);
        Assert.Contains("Editor", after.QuerySelector("dd.reader-roles")!.TextContent);
        Assert.NotNull(FormNamed(after, "revoke-editor"));
        Assert.Null(FormNamed(after, "grant-editor"));

        // And back: the revoke sends grant false.
        bodies = Services.AdminBodies.Count;
        var (revoked, _) = await admin.SubmitAsync(path, "revoke-editor", new Dictionary<string, string>());
        Assert.Equal($"{path}?done=editor-revoked", revoked.Headers.Location?.PathAndQuery);
        Assert.False(Assert.Single(Services.AdminBodies.Skip(bodies)).Body.GetProperty("grant").GetBoolean());
    }

    [Fact]
    public async Task The_admin_is_not_offered_to_remove_their_own_admin_role_and_the_services_refusal_is_put_in_words()
    {
        using var admin = await AdminAsync();
        var (_, own) = await admin.GetAsync($"/admin/readers/{StandInServices.AdminId}");
        Assert.Null(FormNamed(own, "revoke-admin"));
        Assert.DoesNotContain(own.QuerySelectorAll("main button"), b => b.TextContent == "Remove admin");
        Assert.NotNull(FormNamed(own, "revoke-editor")); // their editor role is theirs to drop

        // The service refuses the revocation (409 cannot-revoke-own-admin): the page says so, with the service's status.
        var guarded = $"/admin/readers/{StandInServices.GuardedAdminId}";
        var (refused, page) = await admin.SubmitAsync(guarded, "revoke-admin", new Dictionary<string, string>());
        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        Assert.Equal("You cannot remove your own admin role; another admin can.", page.QuerySelector("[role=alert]")!.TextContent);
        Assert.Contains("Admin", page.QuerySelector("dd.reader-roles")!.TextContent);
    }

    [Fact]
    public async Task A_new_keys_secret_is_shown_once_on_the_answer_to_the_form_and_never_on_the_list()
    {
        using var admin = await AdminAsync();
        var name = $"Morning briefing {Guid.NewGuid():N}"[..26];
        var (created, page) = await admin.SubmitAsync("/admin/api-keys", "create",
            new Dictionary<string, string> { ["Create.Name"] = name, ["Create.Tier"] = "standard" });

        Assert.Equal(HttpStatusCode.OK, created.StatusCode); // the answer itself, no redirect: nothing else ever holds the secret
        Assert.True(created.Headers.CacheControl?.NoStore);
        Assert.True(created.Headers.CacheControl?.Private);
        var (id, issued) = Services.ApiKeys.Single(k => k.Value.Name == name);
        Assert.Equal("standard", issued.Tier);
        var secret = page.QuerySelector("input#new-key-secret")!;
        Assert.Equal(issued.Key, secret.GetAttribute("value"));
        Assert.True(secret.HasAttribute("readonly"));
        Assert.NotNull(page.QuerySelector("label[for=new-key-secret]"));
        Assert.Contains("It is shown only now", page.QuerySelector(".new-key")!.TextContent);
        var copy = page.QuerySelector("button[data-copy=new-key-secret]")!;
        Assert.True(copy.HasAttribute("hidden")); // desk.js shows it where the clipboard can be written
        Assert.NotNull(page.QuerySelector($"#{copy.GetAttribute("data-copy-status")}[role=status]"));
        Assert.Equal(1, CountOf(await created.Content.ReadAsStringAsync(), issued.Key)); // in the field only

        var (_, list) = await admin.GetAsync("/admin/api-keys");
        var html = list.DocumentElement.OuterHtml;
        Assert.DoesNotContain(issued.Key, html);
        Assert.Null(list.QuerySelector("#new-key-secret"));
        var row = list.QuerySelector($"#key-{id}")!;
        Assert.Equal(name, row.QuerySelector("th")!.TextContent);
        Assert.Contains(issued.Key[..11], row.QuerySelector("code")!.TextContent);
        Assert.Contains("by you", row.TextContent);
        Assert.Contains("Standard", row.TextContent);
    }

    [Fact]
    public async Task A_key_is_revoked_after_its_confirmation_and_a_key_without_a_name_is_refused_next_to_the_field()
    {
        using var admin = await AdminAsync();
        var (missing, missingPage) = await admin.SubmitAsync("/admin/api-keys", "create",
            new Dictionary<string, string> { ["Create.Name"] = " ", ["Create.Tier"] = "basic" });
        Assert.Equal(HttpStatusCode.BadRequest, missing.StatusCode);
        Assert.StartsWith("A name has 1 to 100 characters", missingPage.QuerySelector("#key-name-error")!.TextContent);
        Assert.Null(missingPage.QuerySelector("#new-key-secret"));

        var name = $"Revoked partner {Guid.NewGuid():N}"[..24];
        await admin.SubmitAsync("/admin/api-keys", "create", new Dictionary<string, string> { ["Create.Name"] = name, ["Create.Tier"] = "basic" });
        var id = Services.ApiKeys.Single(k => k.Value.Name == name).Key;
        var (_, list) = await admin.GetAsync("/admin/api-keys");
        var confirm = list.QuerySelector($"#key-{id} details.revoke")!;
        Assert.Equal($"Revoke “{name}”", confirm.QuerySelector("summary")!.TextContent);
        Assert.Equal($"Yes, revoke “{name}”", confirm.QuerySelector("button[type=submit]")!.TextContent);

        var mark = Services.Calls.Count;
        var (revoked, _) = await admin.SubmitAsync("/admin/api-keys", $"revoke-{id}", new Dictionary<string, string>());
        Assert.Equal(HttpStatusCode.Redirect, revoked.StatusCode);
        Assert.Equal("/admin/api-keys?done=revoked", revoked.Headers.Location?.PathAndQuery);
        Assert.Contains(Services.CallsSince(mark), c => c.Method == "DELETE" && c.Path == $"/api/admin/api-keys/{id}" && c.Authorization == "Bearer access-admin");

        var (_, after) = await admin.GetAsync("/admin/api-keys?done=revoked");
        Assert.NotNull(after.QuerySelector("p.notice[role=status]"));
        var row = after.QuerySelector($"#key-{id}")!;
        Assert.Contains("Revoked", row.TextContent);
        Assert.Contains("by Gus Guarded", row.TextContent); // the revoking admin by name, from their profile
        Assert.Null(row.QuerySelector("details.revoke"));
    }

    [Fact]
    public async Task The_search_page_reloads_itself_while_a_rebuild_runs_and_not_once_it_has_ended()
    {
        using var admin = await AdminAsync();
        try
        {
            Services.RebuildPhase = "idle";
            var (_, idle) = await admin.GetAsync("/admin/search");
            Assert.Null(idle.QuerySelector("head meta[http-equiv=refresh]"));
            Assert.Null(idle.QuerySelector("progress"));

            var (started, _) = await admin.SubmitAsync("/admin/search", "rebuild", new Dictionary<string, string>());
            Assert.Equal(HttpStatusCode.Redirect, started.StatusCode);
            Assert.Equal("/admin/search?done=started", started.Headers.Location?.PathAndQuery);
            Assert.Equal("running", Services.RebuildPhase);

            var (_, running) = await admin.GetAsync("/admin/search?done=started");
            Assert.Equal("2; url=/admin/search", running.QuerySelector("head meta[http-equiv=refresh]")?.GetAttribute("content"));
            var progress = running.QuerySelector("progress#rebuild-progress")!;
            Assert.Equal("25", progress.GetAttribute("value"));
            Assert.Equal("100", progress.GetAttribute("max"));
            Assert.NotNull(running.QuerySelector("label[for=rebuild-progress]"));
            Assert.Contains("300 of 1,200 events", running.QuerySelector(".rebuild-progress")!.TextContent);
            Assert.Equal("2026-12-01T02:00:00Z", running.QuerySelector(".rebuild-status time")?.GetAttribute("datetime"));
            Assert.Equal("The rebuild has started.", running.QuerySelector("p.notice[role=status]")!.TextContent);

            // The reader of the page can stop it (WCAG 2.2.1).
            var (_, still) = await admin.GetAsync("/admin/search?refresh=off");
            Assert.Null(still.QuerySelector("head meta[http-equiv=refresh]"));
            Assert.NotNull(still.QuerySelector("a[href='/admin/search']"));

            // A second start while one runs: the service's 409, in words.
            var (again, againPage) = await admin.SubmitAsync("/admin/search", "rebuild", new Dictionary<string, string>());
            Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
            Assert.StartsWith("A rebuild is already running", againPage.QuerySelector("[role=alert]")!.TextContent);
            Assert.NotNull(againPage.QuerySelector("head meta[http-equiv=refresh]"));

            Services.RebuildPhase = "completed";
            var (_, completed) = await admin.GetAsync("/admin/search");
            Assert.Null(completed.QuerySelector("head meta[http-equiv=refresh]"));
            Assert.Equal("100", completed.QuerySelector("progress#rebuild-progress")!.GetAttribute("value"));
            Assert.Equal(2, completed.QuerySelectorAll(".rebuild-status time").Length); // started and finished
            Assert.Contains("Completed", completed.QuerySelector(".rebuild-status")!.TextContent);
        }
        finally
        {
            Services.RebuildPhase = "idle";
        }
    }

    private static AngleSharp.Dom.IElement? FormNamed(AngleSharp.Dom.IDocument page, string name) =>
        page.QuerySelectorAll("form").FirstOrDefault(f => f.QuerySelector($"input[name=_handler][value='{name}']") is not null);

    private static int CountOf(string text, string part)
    {
        var count = 0;
        for (var at = text.IndexOf(part, StringComparison.Ordinal); at >= 0; at = text.IndexOf(part, at + part.Length, StringComparison.Ordinal)) count++;
        return count;
    }
}
