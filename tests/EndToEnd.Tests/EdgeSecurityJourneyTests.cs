using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Npgsql;

namespace NewsPlatform.EndToEnd.Tests;

/// <summary>Journey 4: what the edge refuses — bad tokens on newsroom routes, readers on admin routes, password guessing.</summary>
[Collection(PlatformCollection.Name)]
public sealed class EdgeSecurityJourneyTests(PlatformFixture platform)
{
    private const string NewsroomList = "/api/newsroom/articles";

    private static string Base64Url(string json) => Base64UrlEncoder.Encode(Encoding.UTF8.GetBytes(json));

    /// <summary>A token signed with the identity service's real key (read from its database), but expired an hour ago.</summary>
    private async Task<string> ExpiredEditorTokenAsync()
    {
        await using var connection = new NpgsqlConnection(await platform.App.GetConnectionStringAsync("subscriptionsdb"));
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "SELECT id, coalesce(data->>'PrivateKeyPkcs8', data->>'privateKeyPkcs8') FROM mt_doc_signingkeydocument ORDER BY id LIMIT 1", connection);
        await using var reader = await command.ExecuteReaderAsync();
        Assert.True(await reader.ReadAsync(), "the identity service has a signing key");
        var rsa = RSA.Create();
        rsa.ImportPkcs8PrivateKey(Convert.FromBase64String(reader.GetString(1)), out _);
        var key = new RsaSecurityKey(rsa) { KeyId = reader.GetString(0) };

        var now = DateTime.UtcNow;
        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = "newsplatform-identity",
            Audience = "newsplatform-api",
            Claims = new Dictionary<string, object> { ["sub"] = Guid.NewGuid().ToString(), ["role"] = "editor" },
            IssuedAt = now.AddHours(-2),
            NotBefore = now.AddHours(-2),
            Expires = now.AddHours(-1),
            SigningCredentials = new SigningCredentials(key, SecurityAlgorithms.RsaSha256),
        });
    }

    [Fact]
    public async Task Newsroom_routes_refuse_missing_expired_tampered_and_unsigned_tokens()
    {
        var editor = await platform.EditorTokenAsync();
        Assert.Equal(HttpStatusCode.OK, (await platform.SendAsync(HttpMethod.Get, NewsroomList, editor)).StatusCode);

        var parts = editor.Split('.');
        var claims = JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(Base64UrlEncoder.Decode(parts[1]))!;
        // Same signature, payload changed to claim admin.
        var tamperedPayload = JsonSerializer.Serialize(claims.Append(new("role", JsonSerializer.SerializeToElement(new[] { "editor", "admin" })))
            .GroupBy(c => c.Key).ToDictionary(g => g.Key, g => g.Last().Value));
        var tampered = $"{parts[0]}.{Base64Url(tamperedPayload)}.{parts[2]}";
        // No signature at all.
        var unsigned = $"{Base64Url("""{"alg":"none","typ":"JWT"}""")}.{parts[1]}.";

        foreach (var (what, token) in new[]
                 {
                     ("no token", (string?)null), ("expired", await ExpiredEditorTokenAsync()), ("tampered", tampered),
                     ("alg none", unsigned), ("garbage", "not-a-token"),
                 })
        {
            var response = await platform.SendAsync(HttpMethod.Get, NewsroomList, token);
            Assert.True(response.StatusCode == HttpStatusCode.Unauthorized, $"{what}: {(int)response.StatusCode}");
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        }
    }

    [Fact]
    public async Task Development_tokens_and_junk_headers_open_nothing_through_the_gateway_nor_in_the_services_as_start_sh_runs_them()
    {
        var slug = await platform.PublishAsync($"Premium: the dev-token test {Guid.NewGuid():N}"[..40], "business", "tech", premium: true,
            body: "<p>Opening paragraph.</p><p>The premium paragraph nobody without a subscription reads.</p>");
        foreach (var authorization in new[] { "Bearer dev:x:editor", "Bearer dev:x:admin", "x" })
        {
            var request = new HttpRequestMessage(HttpMethod.Get, $"/api/articles/{slug}");
            request.Headers.TryAddWithoutValidation("Authorization", authorization);
            var response = await platform.Gateway.SendAsync(request);
            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
            Assert.DoesNotContain("premium paragraph", await response.Content.ReadAsStringAsync());
        }

        // Behind the gateway too: the Articles service, in Development as ./start.sh runs it, does not take them.
        using var articles = platform.App.CreateHttpClient("articles");
        var direct = new HttpRequestMessage(HttpMethod.Get, $"/api/articles/{slug}");
        direct.Headers.TryAddWithoutValidation("Authorization", "Bearer dev:x:editor");
        var answer = await (await articles.SendAsync(direct)).Content.ReadAsStringAsync();
        Assert.DoesNotContain("premium paragraph", answer);
    }

    [Fact]
    public async Task A_reader_on_an_admin_route_is_forbidden()
    {
        var (_, reader) = await platform.NewReaderAsync();
        var response = await platform.SendAsync(HttpMethod.Get, "/api/admin/api-keys", reader);
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.Forbidden,
            (await platform.SendAsync(HttpMethod.Post, "/api/newsroom/articles", reader, new { headline = "x" })).StatusCode);
    }

    [Fact]
    public async Task Guessing_passwords_from_one_address_is_cut_off_with_429()
    {
        var email = $"victim.{Guid.NewGuid():N}@example.org";
        HttpResponseMessage? refused = null;
        for (var guess = 0; guess < 40 && refused is null; guess++)
        {
            var response = await platform.Gateway.PostAsJsonAsync("/api/auth/login", new { email, password = $"guess-{guess}" });
            if (response.StatusCode == HttpStatusCode.TooManyRequests) refused = response;
            else Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        }

        Assert.NotNull(refused);
        Assert.NotNull(refused.Headers.RetryAfter);
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Answers_from_the_real_server_carry_the_security_headers_and_name_no_server_software()
    {
        // Through Kestrel itself (the gateway's in-process tests use a test server, which adds no Server header).
        foreach (var path in new[] { "/api/sections", "/api/no-such-route" })
        {
            var response = await platform.Gateway.GetAsync(path);
            Assert.False(response.Headers.Contains("Server"), $"{path}: Server: {string.Join(",", response.Headers.TryGetValues("Server", out var v) ? v : [])}");
            Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
            Assert.Equal("DENY", response.Headers.GetValues("X-Frame-Options").Single());
            Assert.True(response.Headers.Contains("X-Request-Id"), path);
        }
    }
}
