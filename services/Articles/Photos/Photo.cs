using JasperFx.Events;
using Marten.Events.Aggregation;

namespace NewsPlatform.Articles.Photos;

/// <summary>A photo as the newsroom and the public files read it: its size, its renditions, who uploaded it and when.</summary>
public sealed record Photo(
    Guid Id, string OriginalType, int Width, int Height, long Bytes, string? FileName,
    IReadOnlyList<PhotoRendition> Renditions, string UploadedBy, DateTimeOffset UploadedAt);

/// <summary>Kept inline, in the upload's own transaction: the answer to the upload can be read back at once.</summary>
public sealed class PhotoProjection : SingleStreamProjection<Photo, Guid>
{
    // Only photo events reach it: an article's events make no photo.
    public PhotoProjection() => IncludeType<PhotoUploaded>();

    public override Photo? Evolve(Photo? snapshot, Guid id, IEvent e) => e.Data switch
    {
        PhotoUploaded u => new Photo(u.PhotoId, u.OriginalType, u.Width, u.Height, u.Bytes, u.FileName, u.Renditions, u.By, u.At),
        _ => snapshot,
    };
}
