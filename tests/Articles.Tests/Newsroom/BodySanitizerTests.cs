using System.Text.RegularExpressions;
using AngleSharp.Html.Parser;
using NewsPlatform.Articles.Newsroom;

namespace NewsPlatform.Articles.Tests.Newsroom;

/// <summary>Copy pasted from word processors keeps every word; code and what no reader sees go whole.</summary>
public sealed partial class BodySanitizerTests
{
    private static readonly ArticleBodySanitizer Sanitizer = new();

    public static TheoryData<string, string> Pasted() => new()
    {
        { "the issue's own", "<p>Rose <span>5%</span> today</p>" },
        { "a web editor's divs", "<div>Markets closed higher.</div><div>Chip makers led the rally.</div>" },
        { "a top-level heading", "<h1>Busan port expands</h1><p>Cranes arrive in May.</p>" },
        {
            "Microsoft Word",
            """
            <html xmlns:o="urn:schemas-microsoft-com:office:office"><head><meta name=Generator content="Microsoft Word 15">
            <style>p.MsoNormal { margin:0cm; font-family:Calibri }</style><!--[if gte mso 9]><xml><o:OfficeDocumentSettings>
            <o:AllowPNG/></o:OfficeDocumentSettings></xml><![endif]--></head><body lang=EN-US><div class=WordSection1>
            <p class=MsoNormal><span style='font-size:12.0pt'>The committee <b>approved</b> the bill<o:p></o:p></span></p>
            <p class=MsoListParagraphCxSpFirst style='mso-list:l0 level1 lfo1'><![if !supportLists]><span>1.<span style='font:7.0pt'>&nbsp;</span></span><![endif]>First reading passed</p>
            <h1><span lang=EN-GB>Reactions</span></h1><p class=MsoNormal>Opposition lawmakers <i>objected</i>.</p></div></body></html>
            """
        },
        {
            "Google Docs",
            """<meta charset="utf-8"><b style="font-weight:normal;" id="docs-internal-guid-5f2a"><p dir="ltr" style="line-height:1.38"><span style="font-size:11pt;font-family:Arial;font-weight:400">Seoul's subway </span><span style="font-weight:700">extends</span><span> its night hours</span></p><br><p dir="ltr"><span>A second paragraph follows.</span></p><div><span>Closing line in a div</span></div></b>"""
        },
        {
            "LibreOffice Writer",
            """<!DOCTYPE HTML PUBLIC "-//W3C//DTD HTML 4.0 Transitional//EN"><html><head><meta http-equiv="content-type" content="text/html; charset=utf-8"/><title>draft.odt</title><style type="text/css">p { margin-bottom: 0.25cm }</style></head><body lang="en-GB" dir="ltr"><p style="margin-bottom: 0cm"><font face="Liberation Serif, serif"><font size="3">Harbour works begin on Monday</font></font></p><h6 class="western">Background note</h6><center>Centred remark</center></body></html>"""
        },
        {
            "a news site's article",
            """<article><header><h1>Title of the piece</h1><time datetime="2026-12-01">Dec 1</time></header><section><p>Para with <code>code</code> and <mark>marked</mark> words.</p><dl><dt>Term</dt><dd>Its meaning</dd></dl></section></article>"""
        },
        {
            "an e-mail client",
            """<div dir="ltr"><div>Line one of the tip<br></div><div><font color="#888888">Sent from the field</font></div><blockquote><div>Quoted text</div></blockquote></div>"""
        },
    };

    [Theory]
    [MemberData(nameof(Pasted))]
    public void Every_word_of_pasted_copy_survives_in_its_order(string source, string html)
    {
        var clean = Sanitizer.Sanitize(html);
        var before = Words(VisibleText(html));
        var after = Words(VisibleText(clean));
        Assert.True(before.SequenceEqual(after), $"{source}: [{string.Join(' ', before)}] became [{string.Join(' ', after)}]");
        Assert.DoesNotMatch("<(span|div|font|o:p|center|h1|h6|section|article|meta|style|b style)[ >]", clean);
    }

    [Fact]
    public void Blocks_become_paragraphs_and_headings_the_nearest_level_the_copy_uses()
    {
        Assert.Equal("<p>Markets closed higher.</p><p>Chip makers led the rally.</p>",
            Sanitizer.Sanitize("<div>Markets closed higher.</div><div>Chip makers led the rally.</div>"));
        Assert.Equal("<h2>Busan port expands</h2><h4>Small print</h4>", Sanitizer.Sanitize("<h1>Busan port expands</h1><h6>Small print</h6>"));
        Assert.Equal("<p>Rose 5% today</p>", Sanitizer.Sanitize("<p>Rose <span>5%</span> today</p>"));
    }

    [Theory]
    [InlineData("<p>Safe</p><script>alert('stolen')</script>", "stolen")]
    [InlineData("<p>Safe</p><style>body{display:none}</style>", "display")]
    [InlineData("<p onclick=\"steal()\">Safe</p>", "steal")]
    [InlineData("<p>Safe <a href=\"javascript:alert(2)\">link</a></p>", "javascript")]
    [InlineData("<svg onload=\"boom()\"><text>Safe</text></svg><p>Safe</p>", "boom")]
    [InlineData("<iframe src=\"https://evil.example\">fallback</iframe><p>Safe</p>", "evil")]
    [InlineData("<span><script>document.cookie</script></span><p>Safe</p>", "cookie")]
    [InlineData("<div><noscript><img src=x onerror=alert(1)></noscript>Safe</div>", "onerror")]
    public void Scripts_event_handlers_and_javascript_links_still_go_entirely(string html, string gone)
    {
        var clean = Sanitizer.Sanitize(html);
        Assert.Contains("Safe", clean);
        Assert.DoesNotContain(gone, clean, StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>The text a reader sees of some HTML: no code, styles, document head or comments.</summary>
    private static string VisibleText(string html)
    {
        var document = new HtmlParser().ParseDocument(html);
        foreach (var hidden in document.QuerySelectorAll("script, style, head, title, xml, noscript, template").ToList()) hidden.Remove();
        // A browser shows block elements on lines of their own; their words never run together.
        foreach (var block in document.QuerySelectorAll(BlockElements).ToList())
        {
            block.Before(document.CreateTextNode(" "));
            block.After(document.CreateTextNode(" "));
        }
        return document.Body?.TextContent ?? "";
    }

    private const string BlockElements = "p, div, h1, h2, h3, h4, h5, h6, header, section, article, dl, dt, dd, li, blockquote, center, br";

    private static List<string> Words(string text) => WordPattern().Matches(text.Replace('\u00a0', ' ')).Select(m => m.Value).ToList();

    [GeneratedRegex(@"[\p{L}\p{N}%'’.]+")]
    private static partial Regex WordPattern();
}
