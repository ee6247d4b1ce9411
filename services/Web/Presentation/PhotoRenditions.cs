using System.Globalization;
using NewsPlatform.Web.Platform;

namespace NewsPlatform.Web.Presentation;

/// <summary>
/// How a photo is put on a page: the rendition the browser loads without <c>srcset</c> (1024 px wide, or the widest there
/// is), every rendition for <c>srcset</c>, and the photo's own width and height so that the page keeps its room before it
/// arrives. A photo without served sizes (an address an editor typed) is shown by its address, as it always was.
/// </summary>
public static class PhotoRenditions
{
    /// <summary>The width of the rendition a browser without <c>srcset</c> loads.</summary>
    public const int DefaultWidth = 1024;

    /// <summary>The room kept for a photo whose size nobody knows (16:9, as the lead photos were always shown).</summary>
    public const int UnknownWidth = 1200, UnknownHeight = 675;

    // The width a photo takes in each layout, for the browser to choose a rendition (the <c>sizes</c> attribute).
    /// <summary>The article column (42rem beside the aside, the screen's width on a phone).</summary>
    public const string ArticleColumn = "(min-width: 48em) 42rem, 100vw";
    /// <summary>A gallery's column, wider than an article's on a desktop.</summary>
    public const string GalleryColumn = "(min-width: 64em) 54rem, 100vw";
    /// <summary>The lead story's card on the front page.</summary>
    public const string LeadCard = "(min-width: 48em) 48rem, 100vw";
    /// <summary>A card in the Photos section's grid.</summary>
    public const string GridCard = "(min-width: 48em) 24rem, 100vw";

    public static IReadOnlyList<PhotoSize> Sizes(ArticlePhoto photo) =>
        (photo.Sizes ?? []).Where(s => s.Width > 0 && s.Height > 0 && !string.IsNullOrWhiteSpace(s.Url)).OrderBy(s => s.Width).ToList();

    /// <summary>The <c>src</c>: the 1024 rendition, or the widest; the photo's address when it has none.</summary>
    public static string Src(ArticlePhoto photo)
    {
        var sizes = Sizes(photo);
        if (sizes.Count == 0) return photo.Url;
        return (sizes.FirstOrDefault(s => s.Width == DefaultWidth) ?? sizes[^1]).Url;
    }

    /// <summary>The widest rendition (a gallery's "full size"), or the photo's address.</summary>
    public static string Largest(ArticlePhoto photo) => Sizes(photo) is { Count: > 0 } sizes ? sizes[^1].Url : photo.Url;

    /// <summary>"/photos/…/320.jpg 320w, /photos/…/640.jpg 640w, …", or null when the photo has no renditions.</summary>
    public static string? SrcSet(ArticlePhoto photo) => Sizes(photo) is { Count: > 0 } sizes
        ? string.Join(", ", sizes.Select(s => $"{s.Url} {s.Width.ToString(CultureInfo.InvariantCulture)}w"))
        : null;

    /// <summary>The <c>width</c> and <c>height</c> attributes: the photo's own size, else its widest rendition's, else 16:9.</summary>
    public static (int Width, int Height) Dimensions(ArticlePhoto photo)
    {
        if (photo is { Width: > 0, Height: > 0 }) return (photo.Width.Value, photo.Height.Value);
        return Sizes(photo) is { Count: > 0 } sizes ? (sizes[^1].Width, sizes[^1].Height) : (UnknownWidth, UnknownHeight);
    }

    /// <summary>The photo's address for another site (Open Graph, structured data): absolute, and the widest rendition.</summary>
    public static string Absolute(ArticlePhoto photo, Publication publication)
    {
        var url = Largest(photo);
        return url.StartsWith('/') && !url.StartsWith("//", StringComparison.Ordinal) ? publication.Absolute(url).ToString() : url;
    }

    /// <summary>"1 photo", "12 photos".</summary>
    public static string Count(int photos) => photos == 1 ? "1 photo" : $"{photos.ToString("N0", CultureInfo.InvariantCulture)} photos";
}
