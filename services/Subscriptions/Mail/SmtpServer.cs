using MailKit.Net.Smtp;
using MailKit.Security;
using MimeKit;

namespace NewsPlatform.Subscriptions.Mail;

/// <summary>
/// The SMTP server from the connection string "mail": <c>smtp://[user:password@]host:port</c>, or
/// <c>Endpoint=smtp://host:port;Username=…;Password=…</c> as Aspire's mail resources give it.
/// STARTTLS is used when the server offers it.
/// </summary>
public sealed record SmtpServer(string Host, int Port, string? Username, string? Password)
{
    public static SmtpServer? Parse(string? connectionString)
    {
        if (string.IsNullOrWhiteSpace(connectionString)) return null;
        string? endpoint = null, user = null, password = null;
        if (connectionString.Contains('='))
        {
            foreach (var part in connectionString.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                var (key, value) = (part[..Math.Max(0, part.IndexOf('='))], part[(part.IndexOf('=') + 1)..]);
                if (key.Equals("Endpoint", StringComparison.OrdinalIgnoreCase)) endpoint = value;
                else if (key.Equals("Username", StringComparison.OrdinalIgnoreCase)) user = value;
                else if (key.Equals("Password", StringComparison.OrdinalIgnoreCase)) password = value;
            }
        }
        else endpoint = connectionString.Trim();

        if (endpoint is null || !Uri.TryCreate(endpoint, UriKind.Absolute, out var uri) || uri.Scheme != "smtp")
            throw new InvalidOperationException("ConnectionStrings:mail is not an smtp:// address.");
        if (uri.UserInfo.Length > 0)
        {
            var colon = uri.UserInfo.IndexOf(':');
            user ??= Uri.UnescapeDataString(colon < 0 ? uri.UserInfo : uri.UserInfo[..colon]);
            password ??= colon < 0 ? null : Uri.UnescapeDataString(uri.UserInfo[(colon + 1)..]);
        }
        return new SmtpServer(uri.Host, uri.IsDefaultPort || uri.Port < 0 ? 25 : uri.Port, user, password);
    }

    public async Task<SmtpClient> ConnectAsync(CancellationToken cancellationToken)
    {
        var client = new SmtpClient { Timeout = 15_000 };
        try
        {
            await client.ConnectAsync(Host, Port, SecureSocketOptions.StartTlsWhenAvailable, cancellationToken);
            if (Username is not null) await client.AuthenticateAsync(Username, Password ?? "", cancellationToken);
            return client;
        }
        catch
        {
            client.Dispose();
            throw;
        }
    }
}

/// <summary>An <see cref="OutgoingMail"/> as MIME: a plain-text part beside the HTML, a stable Message-Id, and for bulk mail the RFC 8058 headers.</summary>
public static class MimeMail
{
    public static MimeMessage From(OutgoingMail mail, MailSettings settings)
    {
        var message = new MimeMessage
        {
            MessageId = $"{mail.Id:N}@{settings.MessageIdDomain}",
            Date = mail.CreatedAt,
            Subject = mail.Subject,
            Body = new BodyBuilder { TextBody = mail.Text, HtmlBody = mail.Html }.ToMessageBody(),
        };
        message.From.Add(new MailboxAddress(settings.PublicationTitle, settings.From));
        message.To.Add(new MailboxAddress(mail.ToName ?? "", mail.To));
        if (mail.UnsubscribeUrl is { } unsubscribe)
        {
            message.Headers.Add("List-Unsubscribe", $"<{unsubscribe}>");
            message.Headers.Add("List-Unsubscribe-Post", "List-Unsubscribe=One-Click");
            message.Headers.Add("Precedence", "bulk");
        }
        else
        {
            message.Headers.Add("Auto-Submitted", "auto-generated"); // a transactional mail: no auto-replies wanted
        }
        return message;
    }
}
