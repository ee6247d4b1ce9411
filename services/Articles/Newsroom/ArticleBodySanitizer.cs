using AngleSharp.Dom;
using AngleSharp.Html.Parser;
using Ganss.Xss;

namespace NewsPlatform.Articles.Newsroom;

/// <summary>
/// Article bodies are HTML, cleaned on the way in with HtmlSanitizer (a maintained library): only the tags of news
/// copy survive; scripts, event-handler attributes and javascript: URLs do not. What an editor pasted from a word
/// processor keeps its words: a tag that is not allowed goes and its text stays (a <c>span</c>, a <c>font</c>, Word's
/// <c>o:p</c>), a block that is not allowed becomes a paragraph or leaves its text apart from the next, and a
/// heading of a level the copy does not use becomes the nearest that it does. Only what holds no words a reader
/// should see goes with its content: scripts, styles, a pasted document's head, embedded objects and media.
/// </summary>
public sealed class ArticleBodySanitizer
{
    private static readonly HashSet<string> Allowed =
    [
        "p", "br", "h2", "h3", "h4", "blockquote", "ul", "ol", "li", "strong", "em", "b", "i", "u", "sup", "sub",
        "a", "figure", "figcaption", "img", "table", "thead", "tbody", "tr", "th", "td", "hr",
    ];

    /// <summary>Elements whose content is code, styling, metadata or media: removed whole.</summary>
    private static readonly HashSet<string> RemovedWhole =
    [
        "script", "style", "noscript", "template", "iframe", "frame", "frameset", "object", "embed", "applet", "svg", "math",
        "head", "title", "meta", "link", "base", "xml", "canvas", "audio", "video", "source", "track", "map", "select", "textarea",
    ];

    /// <summary>Blocks the copy does not use: a paragraph when they hold only text, else their content kept apart.</summary>
    private static readonly HashSet<string> Blocks =
    [
        "div", "section", "article", "header", "footer", "main", "aside", "nav", "center", "address", "pre", "details",
        "summary", "dl", "dt", "dd", "fieldset", "legend", "caption", "body", "html",
    ];

    private static readonly HashSet<string> BlockLevel = [.. Allowed.Except(["br", "strong", "em", "b", "i", "u", "sup", "sub", "a", "img"]), .. Blocks];

    private readonly HtmlSanitizer _sanitizer = new() { KeepChildNodes = true };
    private readonly HtmlParser _parser = new();

    public ArticleBodySanitizer()
    {
        _sanitizer.AllowedTags.Clear();
        foreach (var tag in Allowed) _sanitizer.AllowedTags.Add(tag);

        _sanitizer.AllowedAttributes.Clear();
        foreach (var attribute in new[] { "href", "title", "src", "alt", "width", "height", "colspan", "rowspan" })
        {
            _sanitizer.AllowedAttributes.Add(attribute);
        }

        _sanitizer.AllowedSchemes.Clear();
        _sanitizer.AllowedSchemes.Add("https");
        _sanitizer.AllowedSchemes.Add("http");
        _sanitizer.AllowedSchemes.Add("mailto");
        _sanitizer.AllowedCssProperties.Clear();
        // Whatever the pass below did not foresee and the sanitizer removes with its children kept: never a script's text.
        _sanitizer.RemovingTag += (_, e) =>
        {
            if (RemovedWhole.Contains(e.Tag.LocalName)) e.Tag.TextContent = "";
        };
    }

    public string Sanitize(string html)
    {
        var document = _parser.ParseDocument("<!DOCTYPE html><html><body></body></html>");
        var body = document.Body!;
        body.InnerHtml = html;
        Normalise(body);
        return _sanitizer.Sanitize(body.InnerHtml).Trim();
    }

    /// <summary>What pasted copy looks like to the allow-list: headings and blocks it knows, no code, words apart.</summary>
    private static void Normalise(IElement root)
    {
        foreach (var element in root.QuerySelectorAll("*").ToList())
        {
            var name = element.LocalName;
            if (RemovedWhole.Contains(name))
            {
                element.Remove();
            }
            else if (name is "h1")
            {
                Rename(element, "h2");
            }
            else if (name is "h5" or "h6")
            {
                Rename(element, "h4");
            }
            else if (Blocks.Contains(name) || (!Allowed.Contains(name) && element.Children.Any(c => BlockLevel.Contains(c.LocalName))))
            {
                if (element.Children.Any(c => BlockLevel.Contains(c.LocalName)))
                {
                    // It holds blocks of its own: it goes, and its text does not run into what was beside it.
                    element.Before(element.Owner!.CreateTextNode(" "));
                    element.After(element.Owner!.CreateTextNode(" "));
                }
                else if (element.TextContent.Trim().Length > 0 && element.ParentElement?.LocalName is not ("p" or "li" or "td" or "th" or "h2" or "h3" or "h4" or "blockquote" or "figcaption"))
                {
                    Rename(element, "p");
                }
                else
                {
                    element.After(element.Owner!.CreateTextNode(" "));
                }
            }
        }
    }

    private static void Rename(IElement element, string name)
    {
        var renamed = element.Owner!.CreateElement(name);
        while (element.FirstChild is { } child) renamed.AppendChild(child);
        element.Replace(renamed);
    }
}
