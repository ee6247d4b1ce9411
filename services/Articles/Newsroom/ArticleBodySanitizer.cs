using Ganss.Xss;

namespace NewsPlatform.Articles.Newsroom;

/// <summary>
/// Article bodies are HTML, cleaned on the way in with HtmlSanitizer (a maintained library): only
/// the tags of news copy survive; scripts, event-handler attributes and javascript: URLs do not.
/// </summary>
public sealed class ArticleBodySanitizer
{
    private readonly HtmlSanitizer _sanitizer = new();

    public ArticleBodySanitizer()
    {
        _sanitizer.AllowedTags.Clear();
        foreach (var tag in new[]
                 {
                     "p", "br", "h2", "h3", "h4", "blockquote", "ul", "ol", "li", "strong", "em", "b", "i", "u", "sup", "sub",
                     "a", "figure", "figcaption", "img", "table", "thead", "tbody", "tr", "th", "td", "hr",
                 })
        {
            _sanitizer.AllowedTags.Add(tag);
        }

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
    }

    public string Sanitize(string html) => _sanitizer.Sanitize(html).Trim();
}
