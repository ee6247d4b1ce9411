namespace NewsPlatform.Articles.Photos;

/// <summary>One served file of a photo: its name in the URL (<c>640.jpg</c>, <c>social.jpg</c>), its size in pixels and bytes.</summary>
public sealed record PhotoRendition(string Name, int Width, int Height, long Bytes);

/// <summary>
/// The first and only event of a photo's stream: a photo never changes after its upload (so its URLs never
/// do). It says what was uploaded and what was made of it; the bytes themselves are in the service's
/// <c>photo_files</c> table, written in the same transaction (events are read, copied and replayed: 20 MB
/// in one would travel with every read of the stream).
/// </summary>
/// <param name="OriginalType">The uploaded file's media type, as its bytes say (image/jpeg, image/png, image/webp).</param>
/// <param name="Width">The photo's upright width in pixels (after its EXIF orientation).</param>
/// <param name="Bytes">The original's size.</param>
/// <param name="FileName">The name the file had on the editor's disk, for the editor's own reference only.</param>
public sealed record PhotoUploaded(
    Guid PhotoId, string OriginalType, int Width, int Height, long Bytes, string? FileName,
    IReadOnlyList<PhotoRendition> Renditions, string By, DateTimeOffset At);
