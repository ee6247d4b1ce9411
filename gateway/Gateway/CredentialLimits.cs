using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Yarp.ReverseProxy.Model;

namespace NewsPlatform.Gateway;

/// <summary>Configuration <c>RateLimits:Credentials</c>: the buckets of logging in and registering.</summary>
public sealed class CredentialSettings
{
    /// <summary>Every attempt from one address (the work a login costs: a slow password hash); generous.</summary>
    public BucketSettings Attempts { get; set; } = new() { Burst = 60, PerSecond = 1 };
    /// <summary>Failed attempts from one address: wrong credentials, a locked account, a taken email.</summary>
    public BucketSettings FailuresPerAddress { get; set; } = new() { Burst = 10, PerSecond = 0.2 };
    /// <summary>Failed logins to one account, from wherever they come.</summary>
    public BucketSettings FailuresPerAccount { get; set; } = new() { Burst = 10, PerSecond = 1.0 / 60 };
}

/// <summary>
/// Limits on logging in and registering that stop guessing without stopping a newsroom: what is limited is
/// <em>failure</em> — per client address and per account — plus a generous cap on all attempts from one address.
/// Fifty editors behind one office address all log in; a guesser runs out of failures after ten, and an account
/// attacked from many addresses is held back too (the identity service also locks it after five). A failure is
/// counted when the answer says so (401 or 423 to a login, 409 to a registration) and on
/// <c>newsplatform.gateway.credential_failures</c>, which an operator can alert on.
/// Routes opt in with YARP metadata <c>"Credentials"</c>:
/// <list type="bullet">
/// <item><c>api</c>: over a limit, a 429 problem with <c>Retry-After</c>;</item>
/// <item><c>page</c>: the site's forms. A problem document is no answer for a person, so the form is passed on with
/// <c>X-Edge-Retry-After</c> (seconds) and <c>X-Edge-Throttle-Scope</c> (<c>address</c> or <c>account</c>), and the
/// site answers 429 with the form and the message, calling no service. Copies sent by a client are dropped at
/// the edge (<see cref="EdgeHeaders"/>).</item>
/// </list>
/// </summary>
public sealed class CredentialLimits(IConfiguration configuration, ITokenBuckets buckets)
{
    public const string MetadataKey = "Credentials";
    public const string RetryAfterHeader = "X-Edge-Retry-After";
    public const string ScopeHeader = "X-Edge-Throttle-Scope";

    private readonly CredentialSettings _settings = configuration.GetSection("RateLimits:Credentials").Get<CredentialSettings>() ?? new();

    /// <summary>Whether one more attempt may go on; if not, how long to wait and which limit holds it back.</summary>
    public async ValueTask<(TimeSpan Wait, string Scope)?> AdmitAsync(string address, string? account)
    {
        if (await buckets.TakeAsync("attempts", _settings.Attempts, address) is { } busy) return (busy, "address");
        if (await buckets.EmptyAsync("address-failures", _settings.FailuresPerAddress, address) is { } guessing) return (guessing, "address");
        if (account is not null && await buckets.EmptyAsync("account-failures", _settings.FailuresPerAccount, account) is { } attacked) return (attacked, "account");
        return null;
    }

    /// <summary>An attempt failed: it counts against its address and its account.</summary>
    public async ValueTask FailedAsync(string address, string? account)
    {
        await buckets.TakeAsync("address-failures", _settings.FailuresPerAddress, address);
        if (account is not null) await buckets.TakeAsync("account-failures", _settings.FailuresPerAccount, account);
    }
}

public static class CredentialLimitsExtensions
{
    private const int LargestCredentialsBody = 16 * 1024;

    public static IApplicationBuilder UseCredentialLimits(this IApplicationBuilder app) => app.Use(async (http, next) =>
    {
        var mode = http.GetEndpoint()?.Metadata.GetMetadata<RouteModel>()?.Config.Metadata?.GetValueOrDefault(CredentialLimits.MetadataKey);
        if (mode is null || !HttpMethods.IsPost(http.Request.Method))
        {
            await next(http);
            return;
        }

        var limits = http.RequestServices.GetRequiredService<CredentialLimits>();
        var address = RateLimits.ClientOf(http);
        var account = await AccountOfAsync(http, page: mode == "page");
        if (await limits.AdmitAsync(address, account) is var (wait, scope))
        {
            http.RequestServices.GetRequiredService<GatewayMetrics>().RateLimitRejected(RateLimits.Credentials);
            if (mode == "page")
            {
                http.Request.Headers[CredentialLimits.RetryAfterHeader] = Seconds(wait);
                http.Request.Headers[CredentialLimits.ScopeHeader] = scope;
                await next(http);
                return;
            }
            await RateLimits.WriteTooManyRequestsAsync(http, wait);
            return;
        }

        // Counted as the answer starts, before the caller can read it: its next attempt meets the count.
        var registering = http.Request.Path.Value?.EndsWith("/register", StringComparison.Ordinal) == true;
        http.Response.OnStarting(async () =>
        {
            var failed = registering
                ? http.Response.StatusCode == StatusCodes.Status409Conflict
                : http.Response.StatusCode is StatusCodes.Status401Unauthorized or StatusCodes.Status423Locked;
            if (failed)
            {
                await limits.FailedAsync(address, registering ? null : account);
                http.RequestServices.GetRequiredService<GatewayMetrics>().CredentialFailed(registering ? "register" : "login");
            }
        });
        await next(http);
    });

    private static string Seconds(TimeSpan wait) => Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds)).ToString(CultureInfo.InvariantCulture);

    /// <summary>
    /// The account an attempt names: its email (the API's JSON body or the form's field), normalised and hashed — the
    /// gateway keeps no address in clear. The body stays readable for the service.
    /// </summary>
    private static async Task<string?> AccountOfAsync(HttpContext http, bool page)
    {
        if (http.Request.ContentLength is > LargestCredentialsBody) return null;
        http.Request.EnableBuffering(LargestCredentialsBody);
        string? email = null;
        try
        {
            if (page && http.Request.HasFormContentType)
            {
                var form = await http.Request.ReadFormAsync(http.RequestAborted);
                email = form["Form.Email"].ToString();
            }
            else if (!page)
            {
                using var json = await JsonDocument.ParseAsync(http.Request.Body, cancellationToken: http.RequestAborted);
                if (json.RootElement.ValueKind == JsonValueKind.Object && json.RootElement.TryGetProperty("email", out var value)
                    && value.ValueKind == JsonValueKind.String)
                    email = value.GetString();
            }
        }
        catch (Exception e) when (e is JsonException or InvalidDataException or IOException or BadHttpRequestException)
        {
            // Not readable here: the service answers it (a 400); only the address's limits apply.
        }
        finally
        {
            http.Request.Body.Position = 0;
        }
        if (string.IsNullOrWhiteSpace(email)) return null;
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(email.Trim().ToLowerInvariant())));
    }
}
