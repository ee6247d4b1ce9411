using NewsPlatform.TestSupport;
using NewsPlatform.Articles.Photos;
using SkiaSharp;

namespace NewsPlatform.Articles.Tests.Photos;

/// <summary>What a file is, by its first bytes, and what is made of a photo: no database, no server.</summary>
public sealed class PhotoRenditionsTests
{
    public static TheoryData<string, byte[], PhotoType?> Signatures => new()
    {
        { "JPEG (JFIF)", [0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10, (byte)'J', (byte)'F'], PhotoType.Jpeg },
        { "JPEG (Exif)", [0xFF, 0xD8, 0xFF, 0xE1], PhotoType.Jpeg },
        { "JPEG, the bare signature", [0xFF, 0xD8, 0xFF], PhotoType.Jpeg },
        { "PNG", [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x00, 0x00, 0x0D], PhotoType.Png },
        { "WebP", [.. "RIFF"u8, 0x24, 0x00, 0x00, 0x00, .. "WEBPVP8 "u8], PhotoType.WebP },
        { "text", "This is not a photo."u8.ToArray(), null },
        { "empty", [], null },
        { "JPEG cut to two bytes", [0xFF, 0xD8], null },
        { "PNG with its line-ending bytes changed (a file sent as text)", [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x0A, 0x00], null },
        { "RIFF of another kind (WAVE audio)", [.. "RIFF"u8, 0x24, 0x00, 0x00, 0x00, .. "WAVEfmt "u8], null },
        { "RIFF cut short", [.. "RIFF"u8, 0x24, 0x00, 0x00, 0x00, .. "WEB"u8], null },
        { "GIF", "GIF89a"u8.ToArray(), null },
        { "PDF", "%PDF-1.7"u8.ToArray(), null },
        { "JPEG signature not at the start", [0x00, 0xFF, 0xD8, 0xFF], null },
    };

    [Theory]
    [MemberData(nameof(Signatures))]
    public void The_type_comes_from_the_first_bytes(string what, byte[] bytes, PhotoType? expected) =>
        Assert.True(PhotoRenditions.Detect(bytes) == expected, $"{what}: {PhotoRenditions.Detect(bytes)}");

    [Fact]
    public void Real_files_encoded_by_Skia_are_recognised()
    {
        Assert.Equal(PhotoType.Jpeg, PhotoRenditions.Detect(TestPhotos.Encode(40, 30, SKEncodedImageFormat.Jpeg)));
        Assert.Equal(PhotoType.Png, PhotoRenditions.Detect(TestPhotos.Encode(40, 30, SKEncodedImageFormat.Png)));
        Assert.Equal(PhotoType.WebP, PhotoRenditions.Detect(TestPhotos.Encode(40, 30, SKEncodedImageFormat.Webp)));
    }

    [Theory]
    [InlineData(4000, new[] { 320, 640, 1024, 1600 })]
    [InlineData(1600, new[] { 320, 640, 1024, 1600 })]
    [InlineData(1599, new[] { 320, 640, 1024, 1599 })]
    [InlineData(900, new[] { 320, 640, 900 })]
    [InlineData(640, new[] { 320, 640 })]
    [InlineData(320, new[] { 320 })]
    [InlineData(200, new[] { 200 })]
    [InlineData(1, new[] { 1 })]
    public void Renditions_are_never_wider_than_the_photo(int width, int[] expected) =>
        Assert.Equal(expected, PhotoRenditions.WidthsFor(width));

    [Fact]
    public void A_photo_is_rendered_at_its_widths_as_JPEG_plus_a_social_card()
    {
        var rendered = PhotoRenditions.Render(TestPhotos.Encode(2000, 1500, SKEncodedImageFormat.Png));

        Assert.Equal((PhotoType.Png, 2000, 1500), (rendered.Type, rendered.Width, rendered.Height));
        Assert.Equal(["320.jpg", "640.jpg", "1024.jpg", "1600.jpg", "social.jpg"], rendered.Renditions.Select(r => r.Name));
        foreach (var file in rendered.Renditions)
        {
            Assert.Equal(PhotoType.Jpeg, PhotoRenditions.Detect(file.Bytes));
            using var decoded = SKBitmap.Decode(file.Bytes);
            Assert.Equal((file.Width, file.Height), (decoded.Width, decoded.Height));
        }
        Assert.Equal((1024, 768), (rendered.Renditions[2].Width, rendered.Renditions[2].Height));
        Assert.Equal((1200, 630), (rendered.Renditions[^1].Width, rendered.Renditions[^1].Height));
    }

    [Fact]
    public void A_photo_narrower_than_the_smallest_width_keeps_its_own_and_still_gets_a_full_size_card()
    {
        var rendered = PhotoRenditions.Render(TestPhotos.Encode(200, 150));

        Assert.Equal(["200.jpg", "social.jpg"], rendered.Renditions.Select(r => r.Name));
        Assert.Equal((200, 150), (rendered.Renditions[0].Width, rendered.Renditions[0].Height));
        Assert.Equal((1200, 630), (rendered.Renditions[1].Width, rendered.Renditions[1].Height));
    }

    [Theory]
    [InlineData(1, 600, 400)] // as stored
    [InlineData(3, 600, 400)] // upside down
    [InlineData(6, 400, 600)] // a phone held upright: the sensor's rows are the picture's columns
    [InlineData(8, 400, 600)]
    public void The_EXIF_orientation_is_applied_before_resizing(ushort orientation, int width, int height)
    {
        var rendered = PhotoRenditions.Render(TestPhotos.WithExif(TestPhotos.Encode(600, 400), orientation));

        Assert.Equal((width, height), (rendered.Width, rendered.Height));
        var first = rendered.Renditions[0];
        using var decoded = SKBitmap.Decode(first.Bytes);
        Assert.Equal((320, 320 * height / width), (decoded.Width, decoded.Height));
        // The stored picture's red top-left quarter, where each orientation puts it.
        var (redX, redY) = orientation switch
        {
            3 => (0.75, 0.75), // turned half round: bottom right
            6 => (0.75, 0.25), // turned a quarter clockwise: top right
            8 => (0.25, 0.75), // a quarter anticlockwise: bottom left
            _ => (0.25, 0.25),
        };
        Assert.True(TestPhotos.IsRed(decoded.GetPixel((int)(decoded.Width * redX), (int)(decoded.Height * redY))));
        Assert.True(TestPhotos.IsBlue(decoded.GetPixel((int)(decoded.Width * (1 - redX)), (int)(decoded.Height * (1 - redY)))));
    }

    [Fact]
    public void No_rendition_carries_the_originals_Exif()
    {
        var original = TestPhotos.WithExif(TestPhotos.Encode(800, 600), orientation: 1);
        Assert.Single(TestPhotos.ExifSegments(original)); // the test file does carry it

        foreach (var file in PhotoRenditions.Render(original).Renditions)
        {
            Assert.Empty(TestPhotos.ExifSegments(file.Bytes));
            Assert.False(TestPhotos.MentionsExif(file.Bytes), file.Name);
        }
    }

    [Fact]
    public void A_file_that_is_not_what_its_first_bytes_say_is_refused_as_unreadable()
    {
        byte[] pretender = [0xFF, 0xD8, 0xFF, 0xE0, .. "not really a JPEG after all"u8];
        var truncated = TestPhotos.Encode(400, 300)[..200];

        Assert.Equal(PhotoRejection.Unreadable, Assert.Throws<PhotoRejected>(() => PhotoRenditions.Render(pretender)).Reason);
        Assert.Equal(PhotoRejection.Unreadable, Assert.Throws<PhotoRejected>(() => PhotoRenditions.Render(truncated)).Reason);
        Assert.Equal(PhotoRejection.UnsupportedType, Assert.Throws<PhotoRejected>(() => PhotoRenditions.Render("GIF89a"u8.ToArray())).Reason);
    }

    [Fact]
    public void The_social_card_is_the_centre_at_1_91_to_1()
    {
        var wide = PhotoRenditions.SocialCrop(3000, 1000); // wider than the card: the sides go
        var tall = PhotoRenditions.SocialCrop(1000, 3000); // taller: top and bottom go

        Assert.Equal(1000f * 1200 / 630, wide.Width, 0.01f);
        Assert.Equal((3000 - wide.Width) / 2, wide.Left, 0.01f);
        Assert.Equal(0, wide.Top);
        Assert.Equal(1000, tall.Width);
        Assert.Equal(1000f * 630 / 1200, tall.Height, 0.01f);
        Assert.Equal((3000 - tall.Height) / 2, tall.Top, 0.01f);
    }
}
