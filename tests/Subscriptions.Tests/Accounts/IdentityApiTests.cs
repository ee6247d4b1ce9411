using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Claims;
using System.Text;
using System.Text.Json;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using NewsPlatform.Contracts.Subscriptions;
using NewsPlatform.Subscriptions.Tokens;
using NewsPlatform.TestSupport;

namespace NewsPlatform.Subscriptions.Tests.Accounts;

/// <summary>Accounts, login, tokens and their attacks, over HTTP on the real servers.</summary>
public sealed class IdentityApiTests(SubscriptionsServiceFixture identity) : IClassFixture<SubscriptionsServiceFixture>
{
    private const string Password = "winter-solstice-2026";
    private readonly HttpClient _http = identity.Client;

    private static string NewEmail() => $"reader.{Guid.NewGuid():N}@example.org";

    private async Task<JsonElement> RegisterAsync(string email, string password = Password)
    {
        var response = await _http.PostAsJsonAsync("/api/auth/register", new { email, password, displayName = "Kim Ji-woo" });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    private async Task<JsonElement> LoginAsync(string email, string password = Password, HttpClient? client = null)
    {
        var response = await (client ?? _http).PostAsJsonAsync("/api/auth/login", new { email, password });
        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    private Task<HttpResponseMessage> MeAsync(string accessToken, HttpClient? client = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, "/api/auth/me");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        return (client ?? _http).SendAsync(request);
    }

    private static string Access(JsonElement pair) => pair.GetProperty("accessToken").GetString()!;
    private static string Refresh(JsonElement pair) => pair.GetProperty("refreshToken").GetString()!;

    [Fact]
    public async Task A_reader_registers_logs_in_and_sees_their_profile_and_the_registration_reaches_the_bus()
    {
        var email = NewEmail();
        var registered = await RegisterAsync(email.ToUpperInvariant());
        Assert.Equal(email, registered.GetProperty("email").GetString()); // normalised

        var pair = await LoginAsync(email);
        var me = await (await MeAsync(Access(pair))).Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal(registered.GetProperty("id").GetGuid(), me.GetProperty("id").GetGuid());
        Assert.Equal(["reader"], me.GetProperty("roles").EnumerateArray().Select(r => r.GetString()));
        Assert.Equal("Bearer", pair.GetProperty("tokenType").GetString());
        Assert.InRange(pair.GetProperty("expiresIn").GetInt32(), 890, 900);

        var readerId = registered.GetProperty("id").GetGuid();
        await Eventually.Until(() => Task.FromResult(identity.Bus.Received<ReaderRegistered>().Any(m => m.Message.ReaderId == readerId)),
            found => found, TimeSpan.FromSeconds(15), "ReaderRegistered on the bus");
    }

    [Fact]
    public async Task The_access_token_is_an_rs256_jwt_with_a_kid_verifiable_with_the_published_keys()
    {
        var email = NewEmail();
        await RegisterAsync(email);
        var token = Access(await LoginAsync(email));

        var jwks = new JsonWebKeySet(await _http.GetStringAsync("/.well-known/jwks.json"));
        var discovery = await _http.GetFromJsonAsync<JsonElement>("/.well-known/openid-configuration");
        var result = await new JsonWebTokenHandler().ValidateTokenAsync(token, new TokenValidationParameters
        {
            ValidIssuer = discovery.GetProperty("issuer").GetString(),
            ValidAudience = "newsplatform-api",
            IssuerSigningKeys = jwks.GetSigningKeys(),
        });

        Assert.True(result.IsValid, result.Exception?.Message);
        var jwt = new JsonWebToken(token);
        Assert.Equal("RS256", jwt.Alg);
        Assert.Contains(jwks.Keys, k => k.Kid == jwt.Kid);
        Assert.Equal(email, jwt.GetClaim("email").Value);
        Assert.Equal("Kim Ji-woo", jwt.GetClaim("name").Value);
        Assert.EndsWith("/.well-known/jwks.json", discovery.GetProperty("jwks_uri").GetString());
        Assert.All(jwks.Keys, k => Assert.Null(k.D)); // public parts only
    }

    [Fact]
    public async Task The_same_address_registers_once_even_when_two_requests_race()
    {
        var email = NewEmail();
        var attempts = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ =>
            _http.PostAsJsonAsync("/api/auth/register", new { email, password = Password, displayName = "Racer" })));

        Assert.Single(attempts, r => r.StatusCode == HttpStatusCode.Created);
        Assert.All(attempts.Where(r => r.StatusCode != HttpStatusCode.Created), r => Assert.Equal(HttpStatusCode.Conflict, r.StatusCode));
        var again = await _http.PostAsJsonAsync("/api/auth/register", new { email = "  " + email.ToUpperInvariant(), password = Password, displayName = "X" });
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
    }

    [Fact]
    public async Task An_unknown_email_and_a_wrong_password_get_the_same_answer()
    {
        var email = NewEmail();
        await RegisterAsync(email);

        var unknown = await _http.PostAsJsonAsync("/api/auth/login", new { email = NewEmail(), password = Password });
        var wrong = await _http.PostAsJsonAsync("/api/auth/login", new { email, password = "not-the-password-1" });

        Assert.Equal(HttpStatusCode.Unauthorized, unknown.StatusCode);
        Assert.Equal(unknown.StatusCode, wrong.StatusCode);
        Assert.Equal(WithoutTrace(await unknown.Content.ReadAsStringAsync()), WithoutTrace(await wrong.Content.ReadAsStringAsync()));
    }

    [Fact]
    public async Task Five_failures_lock_the_account_for_15_minutes_then_the_right_password_works_again()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var service = identity.CreateService(clock);
        var client = service.CreateClient();
        var email = NewEmail();
        (await client.PostAsJsonAsync("/api/auth/register", new { email, password = Password, displayName = "Locked" })).EnsureSuccessStatusCode();

        for (var i = 0; i < 5; i++)
        {
            var failed = await client.PostAsJsonAsync("/api/auth/login", new { email, password = $"wrong-password-{i}" });
            Assert.Equal(HttpStatusCode.Unauthorized, failed.StatusCode);
        }
        // Locked, it says so even to the right password (and so tells nothing about the password), and when to come back.
        var whileLocked = await client.PostAsJsonAsync("/api/auth/login", new { email, password = Password });
        Assert.Equal(HttpStatusCode.Locked, whileLocked.StatusCode);
        Assert.Equal("https://newsplatform.dev/problems/account-locked",
            (await whileLocked.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("type").GetString());
        var retryAfter = whileLocked.Headers.RetryAfter?.Delta;
        Assert.True(retryAfter > TimeSpan.FromMinutes(14) && retryAfter <= TimeSpan.FromMinutes(15), $"Retry-After {retryAfter}");
        var wrongWhileLocked = await client.PostAsJsonAsync("/api/auth/login", new { email, password = "wrong-password-again" });
        Assert.Equal(HttpStatusCode.Locked, wrongWhileLocked.StatusCode);

        clock.Advance(TimeSpan.FromMinutes(15).Add(TimeSpan.FromSeconds(1)));
        await LoginAsync(email, client: client);
    }

    [Fact]
    public async Task A_refresh_token_works_once_and_reusing_it_revokes_its_whole_family()
    {
        var email = NewEmail();
        await RegisterAsync(email);
        var first = await LoginAsync(email);

        var second = await _http.PostAsJsonAsync("/api/auth/refresh", new { refreshToken = Refresh(first) });
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        var rotated = await second.Content.ReadFromJsonAsync<JsonElement>();
        Assert.NotEqual(Refresh(first), Refresh(rotated));
        Assert.Equal(HttpStatusCode.OK, (await MeAsync(Access(rotated))).StatusCode);

        var reuse = await _http.PostAsJsonAsync("/api/auth/refresh", new { refreshToken = Refresh(first) });
        Assert.Equal(HttpStatusCode.Unauthorized, reuse.StatusCode);
        var successorAfterTheft = await _http.PostAsJsonAsync("/api/auth/refresh", new { refreshToken = Refresh(rotated) });
        Assert.Equal(HttpStatusCode.Unauthorized, successorAfterTheft.StatusCode);
    }

    [Fact]
    public async Task Logging_out_revokes_the_refresh_token()
    {
        var email = NewEmail();
        await RegisterAsync(email);
        var pair = await LoginAsync(email);

        var logout = new HttpRequestMessage(HttpMethod.Post, "/api/auth/logout") { Content = JsonContent.Create(new { refreshToken = Refresh(pair) }) };
        logout.Headers.Authorization = new AuthenticationHeaderValue("Bearer", Access(pair));
        Assert.Equal(HttpStatusCode.NoContent, (await _http.SendAsync(logout)).StatusCode);

        var refresh = await _http.PostAsJsonAsync("/api/auth/refresh", new { refreshToken = Refresh(pair) });
        Assert.Equal(HttpStatusCode.Unauthorized, refresh.StatusCode);
    }

    [Fact]
    public async Task Forged_tokens_are_refused()
    {
        var email = NewEmail();
        await RegisterAsync(email);
        var token = Access(await LoginAsync(email));
        var parts = token.Split('.');

        var unsigned = Base64Url("{\"alg\":\"none\",\"typ\":\"JWT\"}") + "." + parts[1] + ".";
        var tampered = parts[0] + "." + Base64Url(Encoding.UTF8.GetString(Base64UrlEncoder.DecodeBytes(parts[1]))
            .Replace("\"role\":\"reader\"", "\"role\":\"admin\"")) + "." + parts[2];
        var wrongIssuer = await SignWithServiceKeyAsync(issuer: "someone-else", audience: "newsplatform-api", DateTime.UtcNow.AddMinutes(10));
        var wrongAudience = await SignWithServiceKeyAsync(issuer: "newsplatform-identity", audience: "another-api", DateTime.UtcNow.AddMinutes(10));
        var expired = await SignWithServiceKeyAsync(issuer: "newsplatform-identity", audience: "newsplatform-api", DateTime.UtcNow.AddMinutes(-5));
        var genuine = await SignWithServiceKeyAsync(issuer: "newsplatform-identity", audience: "newsplatform-api", DateTime.UtcNow.AddMinutes(10));

        foreach (var forged in new[] { unsigned, tampered, wrongIssuer, wrongAudience, expired, "not-a-token" })
        {
            Assert.Equal(HttpStatusCode.Unauthorized, (await MeAsync(forged)).StatusCode);
        }
        // The control: the same key, issuer and audience give a token that is accepted.
        Assert.NotEqual(HttpStatusCode.Unauthorized, (await MeAsync(genuine)).StatusCode);
    }

    [Fact]
    public async Task Only_an_admin_changes_roles_and_tokens_issued_afterwards_carry_the_new_role()
    {
        var email = NewEmail();
        var reader = await RegisterAsync(email);
        var readerToken = Access(await LoginAsync(email));
        var adminToken = Access(await LoginAsync(SubscriptionsServiceFixture.AdminEmail, SubscriptionsServiceFixture.AdminPassword));
        var url = $"/api/admin/users/{reader.GetProperty("id").GetGuid()}/roles";

        var byReader = new HttpRequestMessage(HttpMethod.Post, url) { Content = JsonContent.Create(new { role = "editor" }) };
        byReader.Headers.Authorization = new AuthenticationHeaderValue("Bearer", readerToken);
        Assert.Equal(HttpStatusCode.Forbidden, (await _http.SendAsync(byReader)).StatusCode);

        var byAdmin = new HttpRequestMessage(HttpMethod.Post, url) { Content = JsonContent.Create(new { role = "editor" }) };
        byAdmin.Headers.Authorization = new AuthenticationHeaderValue("Bearer", adminToken);
        Assert.Equal(HttpStatusCode.OK, (await _http.SendAsync(byAdmin)).StatusCode);

        var fresh = new JsonWebToken(Access(await LoginAsync(email)));
        Assert.Contains(fresh.Claims, c => c.Type == "role" && c.Value == "editor");
        Assert.DoesNotContain(new JsonWebToken(readerToken).Claims, c => c.Type == "role" && c.Value == "editor");
    }

    [Fact]
    public async Task The_signing_key_survives_a_restart()
    {
        var before = new JsonWebKeySet(await _http.GetStringAsync("/.well-known/jwks.json")).Keys.Select(k => k.Kid).ToList();
        await using var restarted = identity.CreateService();
        var after = new JsonWebKeySet(await restarted.CreateClient().GetStringAsync("/.well-known/jwks.json")).Keys.Select(k => k.Kid).ToList();
        Assert.Equal(before, after);
    }

    public static TheoryData<string, string> BadRequests => new()
    {
        { "/api/auth/register", "{ not json" },
        { "/api/auth/register", "{}" },
        { "/api/auth/register", "{\"email\":\"not-an-email\",\"password\":\"long-enough-password\",\"displayName\":\"A\"}" },
        { "/api/auth/register", "{\"email\":\"a@example.org\",\"password\":\"short\",\"displayName\":\"A\"}" },
        { "/api/auth/register", "{\"email\":\"a@example.org\",\"password\":\"1234567890\",\"displayName\":\"A\"}" },
        { "/api/auth/register", "{\"email\":\"" + new string('a', 300) + "@example.org\",\"password\":\"long-enough-password\",\"displayName\":\"A\"}" },
        { "/api/auth/register", "{\"email\":\"a@example.org\",\"password\":\"" + new string('p', 5000) + "\",\"displayName\":\"A\"}" },
        { "/api/auth/register", "{\"email\":\"a@example.org\",\"password\":\"long-enough-password\",\"displayName\":\"" + new string('n', 500) + "\"}" },
        { "/api/auth/register", "{\"email\":12,\"password\":[],\"displayName\":{}}" },
        { "/api/auth/login", "{ not json" },
        { "/api/auth/refresh", "{}" },
        { "/api/auth/refresh", "{\"refreshToken\":\"" + new string('r', 5000) + "\"}" },
    };

    [Theory]
    [MemberData(nameof(BadRequests))]
    public async Task Bad_input_gets_a_4xx_problem_never_a_5xx(string url, string json)
    {
        var response = await _http.PostAsync(url, new StringContent(json, Encoding.UTF8, "application/json"));

        Assert.InRange((int)response.StatusCode, 400, 499);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    private async Task<string> SignWithServiceKeyAsync(string issuer, string audience, DateTime expires)
    {
        // White-box: the test takes the service's own key to prove issuer, audience and lifetime are checked on their own.
        var key = await identity.Service.Services.GetRequiredService<SigningKeys>().CurrentAsync();
        return new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false }.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = issuer,
            Audience = audience,
            Subject = new ClaimsIdentity([new Claim("sub", Guid.NewGuid().ToString())]),
            IssuedAt = expires.AddMinutes(-15),
            NotBefore = expires.AddMinutes(-15),
            Expires = expires,
            SigningCredentials = new SigningCredentials(key, SecurityAlgorithms.RsaSha256),
        });
    }

    private static string Base64Url(string json) => Base64UrlEncoder.Encode(json);

    private static string WithoutTrace(string problem) =>
        System.Text.RegularExpressions.Regex.Replace(problem, "\"traceId\":\"[^\"]*\"", "");
}
