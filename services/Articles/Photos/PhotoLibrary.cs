using Marten;
using NewsPlatform.Articles.Domain;
using NewsPlatform.Articles.Newsroom;

namespace NewsPlatform.Articles.Photos;

/// <summary>One rendition as pages use it in <c>srcset</c>.</summary>
public sealed record PhotoFileView(int Width, int Height, string Url);

/// <summary>
/// A photo as the newsroom and the site use it. URLs are root-relative (<c>/photos/{id}/640.jpg</c>), served by the
/// gateway on the site's own host; a page that needs an absolute address (a social card) puts its site's in front.
/// </summary>
/// <param name="Url">The rendition for a single <c>src</c>: 1,024 pixels wide, or the widest there is for a smaller photo.</param>
/// <param name="Renditions">Narrowest first; never wider than the photo.</param>
/// <param name="Srcset">The renditions as an HTML <c>srcset</c> value.</param>
/// <param name="SocialCardUrl">1200 × 630, the photo's centre: for <c>og:image</c> and <c>twitter:image</c>.</param>
public sealed record PhotoView(
    Guid Id, int Width, int Height, string Url, IReadOnlyList<PhotoFileView> Renditions, string Srcset, string SocialCardUrl,
    string? FileName, string UploadedBy, DateTimeOffset UploadedAt)
{
    public static PhotoView From(Photo photo)
    {
        var renditions = photo.Renditions
            .Where(r => r.Name != PhotoRenditions.SocialName)
            .OrderBy(r => r.Width)
            .Select(r => new PhotoFileView(r.Width, r.Height, PhotoUrls.Of(photo.Id, r.Name)))
            .ToList();
        var main = renditions.FirstOrDefault(r => r.Width >= PhotoRenditions.DefaultWidth) ?? renditions[^1];
        return new PhotoView(photo.Id, photo.Width, photo.Height, main.Url, renditions,
            string.Join(", ", renditions.Select(r => $"{r.Url} {r.Width}w")),
            PhotoUrls.Of(photo.Id, PhotoRenditions.SocialName), photo.FileName, photo.UploadedBy, photo.UploadedAt);
    }
}

public static class PhotoUrls
{
    /// <summary>Where a photo's file is served. Immutable: a photo id's files never change, so they are cached for a year.</summary>
    public static string Of(Guid photoId, string name) => $"/photos/{photoId}/{name}";
}

/// <summary>
/// The photos for other code of the service: the newsroom fills an article's lead photo (its URL and size)
/// from the id an editor picked.
/// </summary>
public sealed class PhotoLibrary(IQuerySession session) : INewsroomPhotos
{
    public async Task<PhotoView?> FindAsync(Guid photoId, CancellationToken cancellationToken) =>
        await session.LoadAsync<Photo>(photoId, cancellationToken) is { } photo ? PhotoView.From(photo) : null;

    /// <summary>An uploaded photo as an article places it: its address, its size and every served size (captions come from the editor).</summary>
    async Task<ArticlePhoto?> INewsroomPhotos.FindAsync(Guid photoId, CancellationToken cancellationToken) =>
        await FindAsync(photoId, cancellationToken) is { } view
            ? new ArticlePhoto(view.Url, null, null, view.Id, view.Width, view.Height,
                view.Renditions.Select(r => new PhotoSize(r.Width, r.Height, r.Url)).ToList())
            : null;
}
