namespace NewsPlatform.Web.Presentation;

/// <summary>One link of a pager.</summary>
public sealed record PageLink(int Page, string Href, bool Current);

/// <summary>
/// Paging with real links: previous and next (the page's <c>rel=prev</c>/<c>rel=next</c>) and a window of
/// numbered pages around the current one. Page 1 has no <c>page</c> parameter, so it has one address.
/// </summary>
public sealed record PageLinks(string? Previous, string? Next, IReadOnlyList<PageLink> Numbered, int Page, int LastPage)
{
    public static PageLinks For(string path, IEnumerable<(string Name, string? Value)> query, int page, int pageSize, long total,
        int maxPage = int.MaxValue, int window = 2)
    {
        var kept = query.Where(q => q.Name != "page" && !string.IsNullOrEmpty(q.Value)).ToList();
        var last = (int)Math.Clamp((total + pageSize - 1) / Math.Max(1, pageSize), 1, maxPage);
        var current = Math.Clamp(page, 1, last);

        string Href(int n)
        {
            var parameters = n == 1 ? kept : [.. kept, ("page", n.ToString(System.Globalization.CultureInfo.InvariantCulture))];
            var text = string.Join("&", parameters.Select(p => $"{p.Name}={Uri.EscapeDataString(p.Value!)}"));
            return text.Length == 0 ? path : $"{path}?{text}";
        }

        var numbered = Enumerable.Range(Math.Max(1, current - window), Math.Min(last, current + window) - Math.Max(1, current - window) + 1)
            .Select(n => new PageLink(n, Href(n), n == current))
            .ToList();
        return new PageLinks(current > 1 ? Href(current - 1) : null, current < last ? Href(current + 1) : null, numbered, current, last);
    }
}
