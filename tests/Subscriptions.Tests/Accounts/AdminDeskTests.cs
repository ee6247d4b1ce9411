using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace NewsPlatform.Subscriptions.Tests.Accounts;

/// <summary>What the admin desk asks of the identity service: finding readers, one reader's profile, changing roles.</summary>
public sealed class AdminDeskTests(SubscriptionsServiceFixture identity) : IClassFixture<SubscriptionsServiceFixture>
{
    private const string Password = "desk-of-the-night-editor";

    private async Task<HttpClient> LoggedInAsync(string email, string password = Password)
    {
        var client = identity.Service.CreateClient();
        var login = await client.PostAsJsonAsync("/api/auth/login", new { email, password });
        Assert.Equal(HttpStatusCode.OK, login.StatusCode);
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer",
            (await login.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString());
        return client;
    }

    private Task<HttpClient> AdminAsync() => LoggedInAsync(SubscriptionsServiceFixture.AdminEmail, SubscriptionsServiceFixture.AdminPassword);

    private async Task<Guid> RegisterAsync(string email, string displayName = "Desk Reader")
    {
        var response = await identity.Client.PostAsJsonAsync("/api/auth/register", new { email, password = Password, displayName });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
    }

    private static Task<HttpResponseMessage> ChangeRoleAsync(HttpClient admin, Guid id, string role, bool grant) =>
        admin.PostAsJsonAsync($"/api/admin/users/{id}/roles", new { role, grant });

    private static string[] Roles(JsonElement profile) => profile.GetProperty("roles").EnumerateArray().Select(r => r.GetString()!).ToArray();

    [Fact]
    public async Task An_admin_finds_a_reader_by_exact_email_whatever_its_case_and_reads_the_profile_with_the_subscription()
    {
        var token = Guid.NewGuid().ToString("N")[..10];
        var email = $"min-jun.{token}@example.org";
        var id = await RegisterAsync(email, "Park Min-jun");
        await RegisterAsync($"another.{token}@example.org");
        var reader = await LoggedInAsync(email);
        Assert.Equal(HttpStatusCode.Created,
            (await reader.PostAsJsonAsync("/api/subscriptions", new { planCode = "digital-monthly", paymentToken = "tok_ok" })).StatusCode);
        var admin = await AdminAsync();

        var found = await admin.GetFromJsonAsync<JsonElement>($"/api/admin/users?email={Uri.EscapeDataString($"  Min-Jun.{token.ToUpperInvariant()}@Example.ORG ")}");

        Assert.Equal(1, found.GetProperty("total").GetInt64());
        Assert.Equal((1, 20), (found.GetProperty("page").GetInt32(), found.GetProperty("pageSize").GetInt32()));
        var profile = Assert.Single(found.GetProperty("items").EnumerateArray());
        Assert.Equal(id, profile.GetProperty("id").GetGuid());
        Assert.Equal(email, profile.GetProperty("email").GetString());
        Assert.Equal("Park Min-jun", profile.GetProperty("displayName").GetString());
        Assert.Equal(["reader"], Roles(profile));
        Assert.True(profile.GetProperty("registeredAt").GetDateTimeOffset() > DateTimeOffset.UtcNow.AddMinutes(-5));
        Assert.Equal("active", profile.GetProperty("subscription").GetProperty("status").GetString());
        Assert.Equal("digital-monthly", profile.GetProperty("subscription").GetProperty("planCode").GetString());

        // The profile by id is the same one.
        var byId = await admin.GetFromJsonAsync<JsonElement>($"/api/admin/users/{id}");
        Assert.Equal(profile.GetRawText(), byId.GetRawText());

        // An address nobody registered: an empty page, not an error.
        var nobody = await admin.GetFromJsonAsync<JsonElement>($"/api/admin/users?email=nobody.{token}@example.org");
        Assert.Equal(0, nobody.GetProperty("total").GetInt64());
        Assert.Empty(nobody.GetProperty("items").EnumerateArray());
    }

    [Fact]
    public async Task An_admin_finds_readers_by_part_of_their_email_newest_first_in_pages_with_wildcards_taken_literally()
    {
        var token = Guid.NewGuid().ToString("N")[..10];
        var oldest = await RegisterAsync($"first_{token}@example.org");
        var middle = await RegisterAsync($"second.{token}@example.org");
        var newest = await RegisterAsync($"last.{token}@desk.example.org");
        var admin = await AdminAsync();

        var all = await admin.GetFromJsonAsync<JsonElement>($"/api/admin/users?q={token.ToUpperInvariant()}");
        Assert.Equal(3, all.GetProperty("total").GetInt64());
        Assert.Equal([newest, middle, oldest], all.GetProperty("items").EnumerateArray().Select(p => p.GetProperty("id").GetGuid()));
        Assert.All(all.GetProperty("items").EnumerateArray(), p => Assert.Equal(JsonValueKind.Null, p.GetProperty("subscription").ValueKind));

        var second = await admin.GetFromJsonAsync<JsonElement>($"/api/admin/users?q={token}&page=2&pageSize=2");
        Assert.Equal((2, 2, 3L), (second.GetProperty("page").GetInt32(), second.GetProperty("pageSize").GetInt32(), second.GetProperty("total").GetInt64()));
        Assert.Equal([oldest], second.GetProperty("items").EnumerateArray().Select(p => p.GetProperty("id").GetGuid()));

        // "_" and "%" are characters of the address, not LIKE's wildcards: "t_" finds "first_…" and not "last.…".
        var underscore = await admin.GetFromJsonAsync<JsonElement>($"/api/admin/users?q={Uri.EscapeDataString($"t_{token}")}");
        Assert.Equal([oldest], underscore.GetProperty("items").EnumerateArray().Select(p => p.GetProperty("id").GetGuid()));
        var percent = await admin.GetFromJsonAsync<JsonElement>($"/api/admin/users?q={Uri.EscapeDataString($"%{token}")}");
        Assert.Equal(0, percent.GetProperty("total").GetInt64());
    }

    [Fact]
    public async Task An_admin_finds_readers_by_part_of_their_display_name_in_any_case_and_a_page_holds_at_most_20()
    {
        var token = Guid.NewGuid().ToString("N")[..10];
        var hanbit = await RegisterAsync($"reader.{Guid.NewGuid():N}@example.org", $"Lee Hanbit {token}Kim");
        var other = await RegisterAsync($"other.{Guid.NewGuid():N}@example.org", $"Choi {token}Park");
        var admin = await AdminAsync();

        var byName = await admin.GetFromJsonAsync<JsonElement>($"/api/admin/users?q={Uri.EscapeDataString($"HANBIT {token}")}");
        var profile = Assert.Single(byName.GetProperty("items").EnumerateArray());
        Assert.Equal(hanbit, profile.GetProperty("id").GetGuid());
        Assert.Equal($"Lee Hanbit {token}Kim", profile.GetProperty("displayName").GetString());

        // The part of a name matches names and addresses alike; newest first.
        var both = await admin.GetFromJsonAsync<JsonElement>($"/api/admin/users?q={token}");
        Assert.Equal([other, hanbit], both.GetProperty("items").EnumerateArray().Select(p => p.GetProperty("id").GetGuid()));

        // Not more than a screenful per page, however many match.
        var full = await admin.GetFromJsonAsync<JsonElement>("/api/admin/users?q=example.org&pageSize=20");
        Assert.True(full.GetProperty("items").GetArrayLength() <= 20);
        Assert.Equal(20, full.GetProperty("pageSize").GetInt32());
    }

    [Theory]
    [InlineData("/api/admin/users", "q")]
    [InlineData("/api/admin/users?q=%20%20", "q")]
    [InlineData("/api/admin/users?email=a@example.org&q=example", "q")]
    [InlineData("/api/admin/users?q=example&page=0", "page")]
    [InlineData("/api/admin/users?q=example&pageSize=0", "pageSize")]
    [InlineData("/api/admin/users?email=%00", "email")]
    [InlineData("/api/admin/users?q=kim%00", "q")]
    [InlineData("/api/admin/users?q=kim%0Apark", "q")]
    [InlineData("/api/admin/users?q=example&pageSize=21", "pageSize")]
    [InlineData("/api/admin/users?q=example&page=501", "page")]
    public async Task A_search_without_a_term_or_with_bad_paging_is_a_400_validation_problem_naming_the_parameter(string url, string parameter)
    {
        var response = await (await AdminAsync()).GetAsync(url);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.True((await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty(parameter, out _));
    }

    [Fact]
    public async Task Only_admins_find_readers_an_unparsable_page_is_a_400_and_an_unknown_id_a_404_problem()
    {
        var email = $"nosy.{Guid.NewGuid():N}@example.org";
        await RegisterAsync(email);
        var reader = await LoggedInAsync(email);
        var admin = await AdminAsync();

        Assert.Equal(HttpStatusCode.Unauthorized, (await identity.Client.GetAsync("/api/admin/users?q=example")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await reader.GetAsync("/api/admin/users?q=example")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await reader.GetAsync($"/api/admin/users/{Guid.NewGuid()}")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await admin.GetAsync("/api/admin/users?q=example&page=two")).StatusCode);

        var unknown = await admin.GetAsync($"/api/admin/users/{Guid.NewGuid()}");
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal("https://newsplatform.dev/problems/account-not-found",
            (await unknown.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("type").GetString());
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync($"/api/admin/users/{Guid.Empty}")).StatusCode);

        // Changing a role of nobody: the same 404 problem, for the empty id too.
        var id = await RegisterAsync($"target.{Guid.NewGuid():N}@example.org");
        Assert.Equal(HttpStatusCode.Forbidden, (await ChangeRoleAsync(reader, id, "editor", grant: true)).StatusCode);
        foreach (var nobody in new[] { Guid.NewGuid(), Guid.Empty })
        {
            var missing = await ChangeRoleAsync(admin, nobody, "editor", grant: true);
            Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
            Assert.Equal("https://newsplatform.dev/problems/account-not-found",
                (await missing.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("type").GetString());
        }
    }

    [Fact]
    public async Task An_admin_cannot_revoke_their_own_admin_role_but_another_admin_can_and_their_own_editor_role_is_theirs_to_change()
    {
        var email = $"second.admin.{Guid.NewGuid():N}@example.org";
        var id = await RegisterAsync(email);
        var first = await AdminAsync();
        Assert.Equal(HttpStatusCode.OK, (await ChangeRoleAsync(first, id, "admin", grant: true)).StatusCode);
        var second = await LoggedInAsync(email); // a token that carries the admin role

        var refused = await ChangeRoleAsync(second, id, "admin", grant: false);

        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
        var problem = await refused.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("https://newsplatform.dev/problems/cannot-revoke-own-admin", problem.GetProperty("type").GetString());
        Assert.Equal(409, problem.GetProperty("status").GetInt32());
        Assert.Contains("own admin role", problem.GetProperty("detail").GetString());
        Assert.Contains("admin", Roles(await first.GetFromJsonAsync<JsonElement>($"/api/admin/users/{id}")));

        // Their own editor role they grant and revoke as they like.
        var editor = await ChangeRoleAsync(second, id, "editor", grant: true);
        Assert.Equal(HttpStatusCode.OK, editor.StatusCode);
        Assert.Equal(["reader", "admin", "editor"], Roles(await editor.Content.ReadFromJsonAsync<JsonElement>()));
        Assert.Equal(["reader", "admin"], Roles(await (await ChangeRoleAsync(second, id, "editor", grant: false)).Content.ReadFromJsonAsync<JsonElement>()));

        // Another admin may take the admin role away.
        var revoked = await ChangeRoleAsync(first, id, "admin", grant: false);
        Assert.Equal(HttpStatusCode.OK, revoked.StatusCode);
        Assert.Equal(["reader"], Roles(await revoked.Content.ReadFromJsonAsync<JsonElement>()));
    }
}
