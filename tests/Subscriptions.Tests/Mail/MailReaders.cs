using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using MimeKit;
using NewsPlatform.TestSupport;

namespace NewsPlatform.Subscriptions.Tests.Mail;

/// <summary>Readers as the mail tests need them: registered, logged in, and verified through the link in their inbox.</summary>
internal static partial class MailReaders
{
    public const string Password = "evening-edition-2026";

    public static string NewEmail(string who) => $"{who}.{Guid.NewGuid():N}@example.org";

    /// <summary>Registers and logs in; the client carries the access token.</summary>
    public static async Task<(HttpClient Client, JsonElement Tokens)> RegisterAsync(ServiceUnderTest<SubscriptionsService> service, string email,
        string name = "Mail Reader")
    {
        var client = service.CreateClient();
        var registered = await client.PostAsJsonAsync("/api/auth/register", new { email, password = Password, displayName = name });
        Assert.Equal(HttpStatusCode.Created, registered.StatusCode);
        var tokens = await LoginAsync(client, email, Password);
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", tokens.GetProperty("accessToken").GetString());
        return (client, tokens);
    }

    public static async Task<JsonElement> LoginAsync(HttpClient client, string email, string password)
    {
        var login = await client.PostAsJsonAsync("/api/auth/login", new { email, password });
        Assert.Equal(HttpStatusCode.OK, login.StatusCode);
        return await login.Content.ReadFromJsonAsync<JsonElement>();
    }

    /// <summary>Registers, opens the verification link from the inbox, and sets what the reader gets by mail.</summary>
    public static async Task<HttpClient> VerifiedAsync(ServiceUnderTest<SubscriptionsService> service, TestSmtpServer smtp, string email,
        string alerts = "off", bool briefing = false, string name = "Mail Reader")
    {
        var (client, _) = await RegisterAsync(service, email, name);
        var mail = Assert.Single(await smtp.WaitForMailAsync(email, IsVerification));
        Assert.Equal(HttpStatusCode.OK, (await client.PostAsJsonAsync("/api/auth/verify-email", new { token = LinkToken(mail, "/verify-email") })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.PutAsJsonAsync("/api/me/mail-preferences", new { alerts, morningBriefing = briefing })).StatusCode);
        return client;
    }

    public static bool IsVerification(MimeMessage mail) => (mail.Subject ?? "").StartsWith("Confirm your email address", StringComparison.Ordinal);

    /// <summary>The token of the link to <paramref name="path"/> in the mail's plain-text part.</summary>
    public static string LinkToken(MimeMessage mail, string path)
    {
        var match = Regex.Match(mail.TextBody ?? "", $@"http://site\.test{Regex.Escape(path)}\?token=([A-Za-z0-9_-]+)");
        Assert.True(match.Success, $"no {path} link in: {mail.TextBody}");
        return match.Groups[1].Value;
    }

    /// <summary>The path and query of a bulk mail's one-click unsubscribe address (RFC 8058), checking both of its headers.</summary>
    public static string OneClickUnsubscribe(MimeMessage mail)
    {
        Assert.Equal("List-Unsubscribe=One-Click", mail.Headers["List-Unsubscribe-Post"]);
        var match = UnsubscribeHeader().Match(mail.Headers["List-Unsubscribe"] ?? "");
        Assert.True(match.Success, $"List-Unsubscribe: {mail.Headers["List-Unsubscribe"]}");
        return match.Groups[1].Value;
    }

    [GeneratedRegex(@"^<http://site\.test(/api/mail/unsubscribe/[A-Za-z0-9_-]+)>$")]
    private static partial Regex UnsubscribeHeader();
}
