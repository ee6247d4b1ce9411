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
    public async Task Only_admins_manage_keys_and_bad_requests_get_problems()
    {
        var admin = await AdminAsync();
        Assert.Equal(HttpStatusCode.Unauthorized, (await identity.Client.GetAsync("/api/admin/api-keys")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await admin.PostAsJsonAsync("/api/admin/api-keys", new { name = "", tier = "platinum" })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.DeleteAsync($"/api/admin/api-keys/{Guid.NewGuid()}")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await CheckAsync("")).StatusCode);
    }
}
