using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using NewsPlatform.TestSupport;

namespace NewsPlatform.EndToEnd.Tests;

/// <summary>Journey 3: a partner app reads with an API key an admin issued, meets its tier's limit, and loses access on revocation.</summary>
[Collection(PlatformCollection.Name)]
public sealed class PartnerJourneyTests(PlatformFixture platform)
{
    private Task<HttpResponseMessage> PartnerGetAsync(string url, string key)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Add("X-Api-Key", key);
        return platform.Gateway.SendAsync(request);
    }

    [Fact]
    public async Task A_partner_reads_within_its_limit_is_throttled_past_it_and_is_refused_once_revoked()
    {
        var admin = await platform.AdminTokenAsync();
        var issued = await platform.SendAsync(HttpMethod.Post, "/api/admin/api-keys", admin, new { name = "Morning briefing app", tier = "basic" });
        Assert.Equal(HttpStatusCode.Created, issued.StatusCode);
        var created = await issued.Content.ReadFromJsonAsync<JsonElement>();
        var key = created.GetProperty("key").GetString()!;

        // Within the basic tier's burst: articles and search answer.
        Assert.Equal(HttpStatusCode.OK, (await PartnerGetAsync("/api/articles?section=national", key)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await PartnerGetAsync("/api/search?q=seoul", key)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await PartnerGetAsync("/api/sections", key)).StatusCode);

        // Past it: 429 with a Retry-After, as problem details.
        var burst = await Task.WhenAll(Enumerable.Range(0, 60).Select(_ => PartnerGetAsync("/api/sections", key)));
        var throttled = burst.FirstOrDefault(r => r.StatusCode == HttpStatusCode.TooManyRequests);
        Assert.NotNull(throttled);
        Assert.NotNull(throttled.Headers.RetryAfter);
        Assert.Equal("application/problem+json", throttled.Content.Headers.ContentType!.MediaType);

        // An unknown key is refused outright.
        Assert.Equal(HttpStatusCode.Unauthorized, (await PartnerGetAsync("/api/sections", "np_unknown_key_0000000000")).StatusCode);

        // Revoked: refused once the gateway's short cache of the key's answer has run out.
        var revoked = await platform.SendAsync(HttpMethod.Delete, $"/api/admin/api-keys/{created.GetProperty("id").GetGuid()}", admin);
        Assert.True(revoked.IsSuccessStatusCode, revoked.StatusCode.ToString());
        await Eventually.Until(() => PartnerGetAsync("/api/sections", key), r => r.StatusCode == HttpStatusCode.Unauthorized,
            TimeSpan.FromSeconds(75), "the revoked key refused");
    }
}
