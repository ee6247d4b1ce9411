using SkiaSharp;

namespace NewsPlatform.Articles.Photos;

/// <summary>The image types an editor may upload; what a file is comes from its first bytes, never its name.</summary>
public enum PhotoType { Jpeg, Png, WebP }

/// <summary>One file made from an upload: its name in the photo's URLs (<c>640.jpg</c>, <c>social.jpg</c>), size and bytes.</summary>
public sealed record RenderedFile(string Name, int Width, int Height, byte[] Bytes);

/// <summary>An upload read and rendered: the original's type and upright size, and the renditions to serve.</summary>
public sealed record RenderedPhoto(PhotoType Type, int Width, int Height, IReadOnlyList<RenderedFile> Renditions);

/// <summary>Why an upload cannot become a photo (the endpoint turns each into its problem document).</summary>
public enum PhotoRejection { UnsupportedType, Unreadable, TooManyPixels }

public sealed class PhotoRejected(PhotoRejection reason, string message) : Exception(message)
{
    public PhotoRejection Reason { get; } = reason;
}

/// <summary>
/// The pure image work of a photo upload, with SkiaSharp (Skia's maintained decoders and encoders, no image
/// code of our own): recognise the type by its magic bytes, decode, stand it upright by its EXIF orientation,
/// and re-encode as JPEG at the widths the pages ask for plus a social card. Re-encoding from pixels is also
/// what strips the metadata: Skia's JPEG encoder writes no EXIF, so no camera, time or GPS position of the
/// original reaches a reader. No database here, so all of it is tested on its own.
/// </summary>
public static class PhotoRenditions
{
    /// <summary>The srcset widths: phones, the article column, a wide article page, high-density screens.</summary>
    public static readonly IReadOnlyList<int> Widths = [320, 640, 1024, 1600];

    /// <summary>The width the pages use when they name one file (<c>src</c>, the lead photo).</summary>
    public const int DefaultWidth = 1024;

    /// <summary>Open Graph / Twitter large-card size (1.91:1).</summary>
    public const int SocialWidth = 1200, SocialHeight = 630;

    public const string SocialName = "social.jpg";

    /// <summary>
    /// A small file can claim a huge picture (a decompression bomb: a few KB of PNG for 100,000 × 100,000 pixels,
    /// 40 GB to decode). 50 megapixels is beyond any newsroom camera's frame yet decodes in about 200 MB.
    /// </summary>
    public const long MaxPixels = 50_000_000;

    /// <summary>JPEG quality of the renditions: indistinguishable from the original at page sizes, about a third of quality 95's bytes.</summary>
    public const int Quality = 82;

    public static string NameOf(int width) => $"{width}.jpg";

    public static string ContentType(PhotoType type) => type switch
    {
        PhotoType.Jpeg => "image/jpeg",
        PhotoType.Png => "image/png",
        _ => "image/webp",
    };

    /// <summary>The type by the file's own signature: JPEG <c>FF D8 FF</c>, PNG's eight bytes, WebP's RIFF container; else null.</summary>
    public static PhotoType? Detect(ReadOnlySpan<byte> bytes)
    {
        if (bytes.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xD8, 0xFF])) return PhotoType.Jpeg;
        if (bytes.StartsWith((ReadOnlySpan<byte>)[0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A])) return PhotoType.Png;
        if (bytes.Length >= 12 && bytes[..4].SequenceEqual("RIFF"u8) && bytes[8..12].SequenceEqual("WEBP"u8)) return PhotoType.WebP;
        return null;
    }

    /// <summary>
    /// The widths of the renditions for an upright original <paramref name="width"/> wide: every srcset width
    /// below it, and the original width itself when it is narrower than the widest (a 900-pixel photo gets 320,
    /// 640 and 900). Never wider than the original: upscaling adds bytes, not detail.
    /// </summary>
    public static IReadOnlyList<int> WidthsFor(int width)
    {
        var widths = Widths.Where(w => w <= width).ToList();
        if (width < Widths[^1] && !widths.Contains(width)) widths.Add(width);
        return widths;
    }

    /// <summary>The height of a rendition <paramref name="width"/> wide of a <paramref name="originalWidth"/> × <paramref name="originalHeight"/> photo.</summary>
    public static int HeightFor(int width, int originalWidth, int originalHeight) =>
        Math.Max(1, (int)Math.Round((double)width * originalHeight / originalWidth));

    /// <summary>Reads an upload and makes its renditions; throws <see cref="PhotoRejected"/> for anything that is not a usable photo.</summary>
    public static RenderedPhoto Render(byte[] bytes)
    {
        var type = Detect(bytes) ?? throw new PhotoRejected(PhotoRejection.UnsupportedType,
            "A photo is a JPEG, PNG or WebP file; this file is none of them.");

        using var data = SKData.CreateCopy(bytes);
        using var codec = SKCodec.Create(data) ?? throw Unreadable();
        // The decoder must agree with the signature: a PNG header glued to something else is refused, not guessed at.
        if (codec.EncodedFormat != Format(type)) throw Unreadable();

        var stored = codec.Info;
        if (stored.Width <= 0 || stored.Height <= 0) throw Unreadable();
        if ((long)stored.Width * stored.Height > MaxPixels)
            throw new PhotoRejected(PhotoRejection.TooManyPixels,
                $"The photo has {stored.Width} × {stored.Height} pixels; at most {MaxPixels / 1_000_000} megapixels are accepted.");

        // Phones store the sensor's rows as they came and say in EXIF how to turn them; pages must not have to.
        var origin = codec.EncodedOrigin;
        var turned = IsTurned(origin);
        var (width, height) = turned ? (stored.Height, stored.Width) : (stored.Width, stored.Height);
        var widths = WidthsFor(width);
        var social = SocialCrop(width, height);

        using var source = Decode(codec, ScaleFor(width, widths[^1], social.Width));
        var scale = (float)(turned ? source.Height : source.Width) / width; // decoded pixels per original pixel
        var toUpright = Orientation(origin, source.Width, source.Height);

        var renditions = new List<RenderedFile>(widths.Count + 1);
        var uprightDecoded = SKRect.Create((turned ? source.Height : source.Width), (turned ? source.Width : source.Height));
        foreach (var w in widths)
        {
            var h = HeightFor(w, width, height);
            renditions.Add(new RenderedFile(NameOf(w), w, h, Draw(source, toUpright, uprightDecoded, w, h)));
        }
        // The card is the photo's centre at 1.91:1. A photo narrower than 1200 pixels is enlarged to fill it:
        // the card's size is then always the same, which is what the pages declare (og:image:width/height) and
        // what the platforms show best; in a feed it is shown smaller than 1200 anyway.
        var crop = SKRect.Create(social.Left * scale, social.Top * scale, social.Width * scale, social.Height * scale);
        renditions.Add(new RenderedFile(SocialName, SocialWidth, SocialHeight, Draw(source, toUpright, crop, SocialWidth, SocialHeight)));
        return new RenderedPhoto(type, width, height, renditions);
    }

    /// <summary>The centred 1.91:1 region of an upright <paramref name="width"/> × <paramref name="height"/> photo.</summary>
    public static SKRect SocialCrop(int width, int height)
    {
        var cropWidth = Math.Min(width, height * (float)SocialWidth / SocialHeight);
        var cropHeight = cropWidth * SocialHeight / SocialWidth;
        return SKRect.Create((width - cropWidth) / 2, (height - cropHeight) / 2, cropWidth, cropHeight);
    }

    private static PhotoRejected Unreadable() =>
        new(PhotoRejection.Unreadable, "The file could not be read as a photo: it is damaged, cut short or not what its first bytes say.");

    private static SKEncodedImageFormat Format(PhotoType type) => type switch
    {
        PhotoType.Jpeg => SKEncodedImageFormat.Jpeg,
        PhotoType.Png => SKEncodedImageFormat.Png,
        _ => SKEncodedImageFormat.Webp,
    };

    private static bool IsTurned(SKEncodedOrigin origin) =>
        origin is SKEncodedOrigin.LeftTop or SKEncodedOrigin.RightTop or SKEncodedOrigin.RightBottom or SKEncodedOrigin.LeftBottom;

    /// <summary>
    /// The smallest share of the original's pixels that still covers the widest rendition and the card without
    /// enlarging: a JPEG decodes at 1/8 steps for a fraction of the time and memory (a 24-megapixel photo needs
    /// only its half for 1,600 pixels), WebP at any scale; PNG always in full.
    /// </summary>
    private static float ScaleFor(int width, int widestRendition, float socialCropWidth) =>
        Math.Min(1f, Math.Max((float)widestRendition / width, Math.Min(SocialWidth, socialCropWidth) / socialCropWidth));

    private static SKBitmap Decode(SKCodec codec, float wanted)
    {
        var full = codec.Info;
        var size = new SKSizeI(full.Width, full.Height);
        // The first supported size at or above the wanted share (GetScaledDimensions rounds down, so try each eighth).
        for (var eighths = 1; eighths < 8; eighths++)
        {
            var candidate = codec.GetScaledDimensions(eighths / 8f);
            if (candidate.Width >= full.Width * wanted && candidate.Height >= full.Height * wanted)
            {
                size = candidate;
                break;
            }
        }
        // Converted to sRGB as it decodes (a phone's Display P3 too): what browsers assume of an untagged JPEG.
        var info = new SKImageInfo(size.Width, size.Height, SKImageInfo.PlatformColorType, SKAlphaType.Premul, SKColorSpace.CreateSrgb());
        var bitmap = new SKBitmap(info);
        var result = codec.GetPixels(info, bitmap.GetPixels());
        if (result is SKCodecResult.InvalidScale && size != new SKSizeI(full.Width, full.Height))
        {
            bitmap.Dispose();
            return Decode(codec, 1f);
        }
        // A file cut short decodes with a grey remainder: refused rather than published that way.
        if (result != SKCodecResult.Success)
        {
            bitmap.Dispose();
            throw Unreadable();
        }
        return bitmap;
    }

    /// <summary>
    /// Maps a stored image's pixels (<paramref name="w"/> × <paramref name="h"/>) to their upright place, for each
    /// EXIF orientation: u = a·x + b·y + c, v = d·x + e·y + f.
    /// </summary>
    private static SKMatrix Orientation(SKEncodedOrigin origin, float w, float h) => origin switch
    {
        SKEncodedOrigin.TopRight => new SKMatrix(-1, 0, w, 0, 1, 0, 0, 0, 1),      // mirrored
        SKEncodedOrigin.BottomRight => new SKMatrix(-1, 0, w, 0, -1, h, 0, 0, 1),  // upside down
        SKEncodedOrigin.BottomLeft => new SKMatrix(1, 0, 0, 0, -1, h, 0, 0, 1),    // flipped
        SKEncodedOrigin.LeftTop => new SKMatrix(0, 1, 0, 1, 0, 0, 0, 0, 1),        // transposed
        SKEncodedOrigin.RightTop => new SKMatrix(0, -1, h, 1, 0, 0, 0, 0, 1),      // turn 90° clockwise
        SKEncodedOrigin.RightBottom => new SKMatrix(0, -1, h, -1, 0, w, 0, 0, 1),  // transverse
        SKEncodedOrigin.LeftBottom => new SKMatrix(0, 1, 0, -1, 0, w, 0, 0, 1),    // turn 90° anticlockwise
        _ => SKMatrix.Identity,
    };

    /// <summary>
    /// Draws the upright <paramref name="region"/> of the decoded image at <paramref name="width"/> ×
    /// <paramref name="height"/> on white (JPEG has no transparency: a transparent PNG's background becomes
    /// white, as it shows on the page) and encodes it as a JPEG with no metadata.
    /// </summary>
    private static byte[] Draw(SKBitmap source, SKMatrix toUpright, SKRect region, int width, int height)
    {
        var info = new SKImageInfo(width, height, SKImageInfo.PlatformColorType, SKAlphaType.Premul, SKColorSpace.CreateSrgb());
        using var target = new SKBitmap(info);
        using (var canvas = new SKCanvas(target))
        {
            canvas.Clear(SKColors.White);
            var fit = SKMatrix.CreateScale(width / region.Width, height / region.Height)
                .PreConcat(SKMatrix.CreateTranslation(-region.Left, -region.Top))
                .PreConcat(toUpright);
            canvas.SetMatrix(fit);
            using var image = SKImage.FromPixels(source.PeekPixels());
            // Linear filtering between mipmap levels: a smooth reduction from any size, without the shimmer of plain bilinear.
            canvas.DrawImage(image, 0, 0, new SKSamplingOptions(SKFilterMode.Linear, SKMipmapMode.Linear));
        }
        using var pixels = target.PeekPixels();
        using var jpeg = pixels.Encode(new SKJpegEncoderOptions(Quality)) ?? throw new InvalidOperationException("The JPEG encoder failed.");
        return jpeg.ToArray();
    }
}
