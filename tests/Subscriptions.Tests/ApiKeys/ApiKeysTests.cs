using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using NewsPlatform.Subscriptions.ApiKeys;

namespace NewsPlatform.Subscriptions.Tests.ApiKeys;

/// <summary>Partner API keys: issued by admins, shown once, stored hashed, checkable, revocable.</summary>
public sealed class ApiKeysTests(SubscriptionsServiceFixture identity) : IClassFixture<SubscriptionsServiceFixture>
{
    private async Task<HttpClient> AdminAsync()
    {
        var client = identity.Service.CreateClient();
        var login = await (await client.PostAsJsonAsync("/api/auth/login",
            new { email = SubscriptionsServiceFixture.AdminEmail, password = SubscriptionsServiceFixture.AdminPassword })).Content.ReadFromJsonAsync<JsonElement>();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", login.GetProperty("accessToken").GetString());
        return client;
    }

    private Task<HttpResponseMessage> CheckAsync(string key) => identity.Client.PostAsJsonAsync("/internal/api-keys/check", new { key });

    [Fact]
    public async Task An_admin_issues_a_key_shown_once_stored_as_a_hash_checkable_until_revoked()
    {
        var admin = await AdminAsync();
        var created = await admin.PostAsJsonAsync("/api/admin/api-keys", new { name = "Morning Briefing app", tier = "standard" });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var issued = await created.Content.ReadFromJsonAsync<JsonElement>();
        var key = issued.GetProperty("key").GetString()!;
        var id = issued.GetProperty("id").GetGuid();

        var listed = (await admin.GetFromJsonAsync<JsonElement>("/api/admin/api-keys")).EnumerateArray().Single(k => k.GetProperty("id").GetGuid() == id);
        Assert.False(listed.TryGetProperty("key", out _));
        Assert.StartsWith(listed.GetProperty("prefix").GetString()!, key);
        await using (var session = identity.Service.Services.GetRequiredService<IDocumentStore>().QuerySession())
        {
            var stored = await session.LoadAsync<ApiKey>(id);
            Assert.Equal(ApiKey.HashOf(key), stored!.KeyHash);
            Assert.DoesNotContain(key, JsonSerializer.Serialize(stored));
        }

        var check = await (await CheckAsync(key)).Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("standard", check.GetProperty("tier").GetString());
        Assert.Equal(HttpStatusCode.Unauthorized, (await CheckAsync(key + "x")).StatusCode);

        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync($"/api/admin/api-keys/{id}")).StatusCode);
        var revoked = await CheckAsync(key);
        Assert.Equal(HttpStatusCode.Unauthorized, revoked.StatusCode);
        Assert.Equal("https://newsplatform.dev/problems/revoked-api-key",
            (await revoked.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("type").GetString());
    }

    [Fact]
    public async Task The_list_shows_who_created_and_revoked_each_key_and_never_a_secret_and_revoking_again_changes_nothing()
    {
        var admin = await AdminAsync();
        var adminId = (await admin.GetFromJsonAsync<JsonElement>("/api/auth/me")).GetProperty("id").GetString();
        var created = await admin.PostAsJsonAsync("/api/admin/api-keys", new { name = "  Evening Edition widget  " });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var issued = await created.Content.ReadFromJsonAsync<JsonElement>();
        var (id, key) = (issued.GetProperty("id").GetGuid(), issued.GetProperty("key").GetString()!);
        Assert.Equal(("Evening Edition widget", "basic", adminId), // trimmed; the tier defaults to basic
            (issued.GetProperty("name").GetString(), issued.GetProperty("tier").GetString(), issued.GetProperty("createdBy").GetString()));
        Assert.Equal($"/api/admin/api-keys/{id}", created.Headers.Location?.OriginalString);

        // Neither the list nor the key's own address ever shows the secret again, only its first characters.
        var listText = await admin.GetStringAsync("/api/admin/api-keys");
        var oneText = await admin.GetStringAsync($"/api/admin/api-keys/{id}");
        Assert.DoesNotContain(key, listText);
        Assert.DoesNotContain(key, oneText);
        var listed = JsonDocument.Parse(listText).RootElement.EnumerateArray().Single(k => k.GetProperty("id").GetGuid() == id);
        Assert.Equal(
            ["id", "name", "tier", "prefix", "createdAt", "createdBy", "revokedAt", "revokedBy"],
            listed.EnumerateObject().Select(p => p.Name));
        Assert.Equal(listed.GetRawText(), JsonDocument.Parse(oneText).RootElement.GetRawText());
        Assert.Equal(11, listed.GetProperty("prefix").GetString()!.Length);
        Assert.StartsWith(listed.GetProperty("prefix").GetString()!, key);
        Assert.Equal(issued.GetProperty("createdAt").GetDateTimeOffset(), listed.GetProperty("createdAt").GetDateTimeOffset());
        Assert.Equal(JsonValueKind.Null, listed.GetProperty("revokedAt").ValueKind);

        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync($"/api/admin/api-keys/{id}")).StatusCode);
        var revoked = await admin.GetFromJsonAsync<JsonElement>($"/api/admin/api-keys/{id}");
        var revokedAt = revoked.GetProperty("revokedAt").GetDateTimeOffset();
        Assert.Equal(adminId, revoked.GetProperty("revokedBy").GetString());

        // Revoking a revoked key is no error and changes nothing: it stays revoked as it first was.
        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync($"/api/admin/api-keys/{id}")).StatusCode);
        Assert.Equal(revokedAt, (await admin.GetFromJsonAsync<JsonElement>($"/api/admin/api-keys/{id}")).GetProperty("revokedAt").GetDateTimeOffset());
        Assert.Equal(HttpStatusCode.Unauthorized, (await CheckAsync(key)).StatusCode);
    }

    [Theory]
    [InlineData("{\"name\":\"\",\"tier\":\"basic\"}", "name")]
    [InlineData("{\"name\":\"   \"}", "name")]
    [InlineData("{\"tier\":\"basic\"}", "name")]
    [InlineData("{\"name\":\"Bell\\u0007app\"}", "name")]
    [InlineData("{\"name\":\"Partner\",\"tier\":\"platinum\"}", "tier")]
    [InlineData("{\"name\":\"Partner\",\"tier\":\"\"}", "tier")]
    public async Task A_key_without_a_usable_name_or_with_an_unknown_tier_is_a_400_validation_problem(string json, string field)
    {
        var admin = await AdminAsync();
        var before = (await admin.GetFromJsonAsync<JsonElement>("/api/admin/api-keys")).GetArrayLength();

        var response = await admin.PostAsync("/api/admin/api-keys", new StringContent(json, System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True((await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty(field, out _));
        Assert.Equal(before, (await admin.GetFromJsonAsync<JsonElement>("/api/admin/api-keys")).GetArrayLength());
    }

    [Fact]
    public async Task A_name_of_101_characters_is_refused_and_one_of_100_accepted()
    {
        var admin = await AdminAsync();
        Assert.Equal(HttpStatusCode.BadRequest, (await admin.PostAsJsonAsync("/api/admin/api-keys", new { name = new string('n', 101) })).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await admin.PostAsJsonAsync("/api/admin/api-keys", new { name = new string('n', 100) })).StatusCode);
    }

    [Fact]
    public async Task Only_admins_manage_keys_and_bad_requests_get_problems()
    {
        var admin = await AdminAsync();
        Assert.Equal(HttpStatusCode.Unauthorized, (await identity.Client.GetAsync("/api/admin/api-keys")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await admin.PostAsJsonAsync("/api/admin/api-keys", new { name = "", tier = "platinum" })).StatusCode);
        var unknown = await admin.DeleteAsync($"/api/admin/api-keys/{Guid.NewGuid()}");
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal("https://newsplatform.dev/problems/api-key-not-found",
            (await unknown.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("type").GetString());
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync($"/api/admin/api-keys/{Guid.NewGuid()}")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await CheckAsync("")).StatusCode);
    }
}
