using System.Net;
using System.Text;

namespace NewsPlatform.Subscriptions.Mail;

/// <summary>
/// Writes one mail twice as it goes, as HTML (inline styles: mail readers ignore style sheets) and as the plain
/// text beside it, so the two parts always say the same. Everything put in is text and is encoded here.
/// </summary>
public sealed class MailBody(MailSettings settings)
{
    private readonly StringBuilder _html = new();
    private readonly StringBuilder _text = new();

    private static string E(string text) => WebUtility.HtmlEncode(text);

    public MailBody Heading(string text)
    {
        _html.Append($"<h2 style=\"font:bold 20px Georgia,serif;margin:24px 0 8px\">{E(text)}</h2>");
        _text.Append($"\n{text.ToUpperInvariant()}\n{new string('=', Math.Min(text.Length, 60))}\n\n");
        return this;
    }

    public MailBody Paragraph(string text)
    {
        _html.Append($"<p style=\"margin:0 0 12px\">{E(text)}</p>");
        _text.Append(text).Append("\n\n");
        return this;
    }

    /// <summary>A link as a button; the text part spells the address out.</summary>
    public MailBody Button(string label, string url)
    {
        _html.Append($"<p style=\"margin:16px 0\"><a href=\"{E(url)}\" style=\"background:#1a4d8f;color:#fff;padding:10px 18px;border-radius:4px;text-decoration:none;font-weight:bold\">{E(label)}</a></p>");
        _text.Append($"{label}:\n{url}\n\n");
        return this;
    }

    /// <summary>One story: its headline as a link, then what the reader may read of it, then an optional note (e.g. "Subscribers read on").</summary>
    public MailBody Story(string headline, string url, string? text, string? note = null)
    {
        _html.Append("<div style=\"margin:0 0 16px\">")
            .Append($"<h3 style=\"font:bold 17px Georgia,serif;margin:0 0 4px\"><a href=\"{E(url)}\" style=\"color:#111\">{E(headline)}</a></h3>");
        if (!string.IsNullOrWhiteSpace(text)) _html.Append($"<p style=\"margin:0 0 4px\">{E(text)}</p>");
        if (note is not null) _html.Append($"<p style=\"margin:0;color:#555;font-size:14px\"><a href=\"{E(url)}\">{E(note)}</a></p>");
        _html.Append("</div>");
        _text.Append($"* {headline}\n");
        if (!string.IsNullOrWhiteSpace(text)) _text.Append($"  {text}\n");
        if (note is not null) _text.Append($"  {note}\n");
        _text.Append($"  {url}\n\n");
        return this;
    }

    /// <summary>The finished mail: the publication's masthead, the body, and a footer saying why it came (and, for bulk mail, how to stop it).</summary>
    public (string Html, string Text) Finish(string why, string? unsubscribeUrl = null, string? preferencesUrl = null)
    {
        var footer = new StringBuilder($"<p style=\"margin:0 0 6px\">{E(why)}</p>");
        var textFooter = new StringBuilder($"-- \n{why}\n");
        if (unsubscribeUrl is not null)
        {
            footer.Append($"<p style=\"margin:0\"><a href=\"{E(unsubscribeUrl)}\" style=\"color:#555\">Unsubscribe</a>");
            textFooter.Append($"Unsubscribe: {unsubscribeUrl}\n");
            if (preferencesUrl is not null)
            {
                footer.Append($" · <a href=\"{E(preferencesUrl)}\" style=\"color:#555\">Email preferences</a>");
                textFooter.Append($"Email preferences: {preferencesUrl}\n");
            }
            footer.Append("</p>");
        }
        var html = $"""
            <!DOCTYPE html>
            <html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width"><title>{E(settings.PublicationTitle)}</title></head>
            <body style="margin:0;padding:0;background:#f4f4f1">
            <div style="max-width:600px;margin:0 auto;padding:24px 20px;background:#fff;font:16px/1.5 Georgia,serif;color:#111">
            <p style="font:bold 24px Georgia,serif;margin:0 0 16px;border-bottom:2px solid #111;padding-bottom:8px"><a href="{E(settings.Link("/"))}" style="color:#111;text-decoration:none">{E(settings.PublicationTitle)}</a></p>
            {_html}
            <div style="margin-top:32px;border-top:1px solid #ddd;padding-top:12px;font:13px/1.4 Arial,sans-serif;color:#555">{footer}</div>
            </div></body></html>
            """;
        return (html, $"{settings.PublicationTitle}\n\n{_text}{textFooter}");
    }
}
