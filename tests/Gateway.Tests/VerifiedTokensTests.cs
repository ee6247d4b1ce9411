using System.Net;
using System.Security.Claims;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace NewsPlatform.Gateway.Tests;

/// <summary>
/// The platform's token check (ServiceDefaults, as the gateway and every service run it) remembers a token that
/// verified: the same text is accepted again without verifying it again, and any other text is verified in full.
/// </summary>
public sealed class VerifiedTokensTests : IAsyncLifetime
{
    private readonly RsaSecurityKey _key = new(RSA.Create(2048)) { KeyId = "test-key" };
    private WebApplication? _app;
    private int _verifications;

    private async Task<HttpClient> StartAsync(bool remember)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { [VerifiedTokens.Setting] = remember.ToString() });
        builder.AddPlatformAuthentication();
        builder.Services.PostConfigure<JwtBearerOptions>(AuthenticationExtensions.JwtScheme, options =>
        {
            options.TokenValidationParameters.IssuerSigningKey = _key;
            var validated = options.Events.OnTokenValidated; // the platform's own hook stays, counted here
            options.Events.OnTokenValidated = context =>
            {
                Interlocked.Increment(ref _verifications);
                return validated(context);
            };
        });
        _app = builder.Build();
        _app.UseAuthentication();
        _app.UseAuthorization();
        _app.MapGet("/me", (ClaimsPrincipal user) => user.FindFirst("sub")!.Value).RequireAuthorization(Policies.Reader);
        await _app.StartAsync();
        return new HttpClient { BaseAddress = new Uri(_app.Urls.First()) };
    }

    private string Token(string subject) => new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
    {
        Issuer = "newsplatform-identity",
        Audience = "newsplatform-api",
        Subject = new ClaimsIdentity([new Claim("sub", subject)]),
        Expires = DateTime.UtcNow.AddMinutes(15),
        SigningCredentials = new SigningCredentials(_key, SecurityAlgorithms.RsaSha256),
    });

    private static async Task<(HttpStatusCode Status, string Body)> MeAsync(HttpClient client, string token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/me") { Headers = { Authorization = new("Bearer", token) } };
        using var response = await client.SendAsync(request);
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_token_seen_again_is_accepted_without_verifying_it_again()
    {
        var client = await StartAsync(remember: true);
        var token = Token("reader-1");

        for (var i = 0; i < 5; i++) Assert.Equal((HttpStatusCode.OK, "reader-1"), await MeAsync(client, token));
        Assert.Equal(1, _verifications);

        // Another reader's token is its own entry, verified on its own.
        Assert.Equal((HttpStatusCode.OK, "reader-2"), await MeAsync(client, Token("reader-2")));
        Assert.Equal(2, _verifications);
    }

    [Fact]
    public async Task A_token_that_differs_from_a_remembered_one_in_its_signature_is_refused()
    {
        var client = await StartAsync(remember: true);
        var token = Token("reader-1");
        Assert.Equal(HttpStatusCode.OK, (await MeAsync(client, token)).Status);

        var signature = token[(token.LastIndexOf('.') + 1)..];
        var forged = token[..(token.LastIndexOf('.') + 1)] + (signature[0] == 'A' ? 'B' : 'A') + signature[1..];
        Assert.Equal(HttpStatusCode.Unauthorized, (await MeAsync(client, forged)).Status);

        // Nor do other claims ride on a remembered signature.
        var parts = token.Split('.');
        var otherClaims = new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = "newsplatform-identity", Audience = "newsplatform-api", Subject = new ClaimsIdentity([new Claim("sub", "admin-1")]),
            Expires = DateTime.UtcNow.AddMinutes(15), SigningCredentials = new SigningCredentials(_key, SecurityAlgorithms.RsaSha256),
        }).Split('.');
        Assert.Equal(HttpStatusCode.Unauthorized, (await MeAsync(client, $"{parts[0]}.{otherClaims[1]}.{parts[2]}")).Status);
    }

    [Fact]
    public async Task With_remembering_off_every_request_is_verified_in_full()
    {
        var client = await StartAsync(remember: false);
        var token = Token("reader-1");
        for (var i = 0; i < 3; i++) Assert.Equal(HttpStatusCode.OK, (await MeAsync(client, token)).Status);
        Assert.Equal(3, _verifications);
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        if (_app is not null) await _app.DisposeAsync();
    }
}
