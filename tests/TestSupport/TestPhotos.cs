using System.Buffers.Binary;
using System.Text;
using SkiaSharp;
using Xunit;

namespace NewsPlatform.TestSupport;

/// <summary>
/// Photos made for the tests with Skia (the Articles service's photo tests, the desk's browser journeys), a phone's
/// Exif block with a GPS position to splice into one, and the JPEG structure the tests look into.
/// </summary>
public static class TestPhotos
{
    /// <summary>
    /// A <paramref name="width"/> × <paramref name="height"/> picture encoded as <paramref name="format"/>: blue, with
    /// its top-left quarter red, so a test can tell where the picture's corner went.
    /// </summary>
    /// <param name="background">The colour of the three other quarters (blue unless given), so photos of one test differ.</param>
    public static byte[] Encode(int width, int height, SKEncodedImageFormat format = SKEncodedImageFormat.Jpeg, int quality = 90,
        SKColor? background = null)
    {
        using var bitmap = new SKBitmap(width, height);
        using (var canvas = new SKCanvas(bitmap))
        {
            canvas.Clear(background ?? SKColors.Blue);
            using var red = new SKPaint { Color = SKColors.Red };
            canvas.DrawRect(0, 0, width / 2f, height / 2f, red);
        }
        using var data = bitmap.Encode(format, quality);
        return data.ToArray();
    }

    /// <summary>Whether a colour is clearly red or clearly blue (JPEG blurs the edges, not the middle of a quarter).</summary>
    public static bool IsRed(SKColor c) => c.Red > 180 && c.Blue < 90;
    public static bool IsBlue(SKColor c) => c.Blue > 180 && c.Red < 90;

    /// <summary>
    /// The JPEG with an APP1 Exif segment spliced in right after its SOI marker, as a phone writes it: IFD0 with
    /// the orientation and a pointer to a GPS IFD holding a latitude and longitude.
    /// </summary>
    public static byte[] WithExif(byte[] jpeg, ushort orientation)
    {
        Assert.True(jpeg is [0xFF, 0xD8, ..], "not a JPEG");
        var tiff = ExifTiff(orientation);
        var app1 = new byte[4 + ExifSignature.Length + tiff.Length];
        app1[0] = 0xFF;
        app1[1] = 0xE1;
        BinaryPrimitives.WriteUInt16BigEndian(app1.AsSpan(2), (ushort)(app1.Length - 2)); // the length counts itself, not the marker
        ExifSignature.CopyTo(app1, 4);
        tiff.CopyTo(app1, 4 + ExifSignature.Length);
        return [.. jpeg[..2], .. app1, .. jpeg[2..]];
    }

    public static readonly byte[] ExifSignature = "Exif\0\0"u8.ToArray();

    /// <summary>The TIFF structure of the Exif segment, big-endian ("MM"), offsets from its first byte.</summary>
    private static byte[] ExifTiff(ushort orientation)
    {
        const int ifd0 = 8, ifd0Entries = 2, gps = ifd0 + 2 + ifd0Entries * 12 + 4, gpsEntries = 5;
        const int latitude = gps + 2 + gpsEntries * 12 + 4, longitude = latitude + 24, end = longitude + 24;
        const ushort Byte = 1, Ascii = 2, Short = 3, Long = 4, Rational = 5;
        var t = new byte[end];
        "MM"u8.CopyTo(t);
        BinaryPrimitives.WriteUInt16BigEndian(t.AsSpan(2), 42);
        BinaryPrimitives.WriteUInt32BigEndian(t.AsSpan(4), ifd0);

        var at = ifd0;
        void Count(ushort entries)
        {
            BinaryPrimitives.WriteUInt16BigEndian(t.AsSpan(at), entries);
            at += 2;
        }
        // An entry's value sits in its last four bytes when it fits there, else those hold the value's offset.
        void Entry(ushort tag, ushort type, uint count, byte[] value)
        {
            BinaryPrimitives.WriteUInt16BigEndian(t.AsSpan(at), tag);
            BinaryPrimitives.WriteUInt16BigEndian(t.AsSpan(at + 2), type);
            BinaryPrimitives.WriteUInt32BigEndian(t.AsSpan(at + 4), count);
            value.CopyTo(t, at + 8);
            at += 12;
        }
        static byte[] U16(ushort v) => [(byte)(v >> 8), (byte)v, 0, 0];
        static byte[] U32(uint v) => [(byte)(v >> 24), (byte)(v >> 16), (byte)(v >> 8), (byte)v];

        Count(ifd0Entries);
        Entry(0x0112, Short, 1, U16(orientation)); // Orientation
        Entry(0x8825, Long, 1, U32(gps));          // GPSInfo: where the GPS IFD is
        at += 4;                                   // no next IFD

        Count(gpsEntries);
        Entry(0x0000, Byte, 4, [2, 3, 0, 0]);         // GPSVersionID 2.3.0.0
        Entry(0x0001, Ascii, 2, [(byte)'N', 0, 0, 0]); // GPSLatitudeRef
        Entry(0x0002, Rational, 3, U32(latitude));    // GPSLatitude: three rationals
        Entry(0x0003, Ascii, 2, [(byte)'E', 0, 0, 0]); // GPSLongitudeRef
        Entry(0x0004, Rational, 3, U32(longitude));   // GPSLongitude
        at += 4;

        void Degrees(int offset, uint degrees, uint minutes, uint centiSeconds)
        {
            uint[] parts = [degrees, 1, minutes, 1, centiSeconds, 100];
            for (var i = 0; i < parts.Length; i++) BinaryPrimitives.WriteUInt32BigEndian(t.AsSpan(offset + i * 4), parts[i]);
        }
        Degrees(latitude, 37, 33, 5940);   // 37° 33′ 59.40″ N
        Degrees(longitude, 126, 58, 4140); // 126° 58′ 41.40″ E (Seoul City Hall)
        return t;
    }

    /// <summary>The payloads of the JPEG's APP1 segments that carry Exif, walking the markers up to the image data.</summary>
    public static IReadOnlyList<byte[]> ExifSegments(byte[] jpeg)
    {
        Assert.True(jpeg is [0xFF, 0xD8, ..], "not a JPEG");
        var found = new List<byte[]>();
        var at = 2;
        while (at + 4 <= jpeg.Length && jpeg[at] == 0xFF)
        {
            var marker = jpeg[at + 1];
            if (marker == 0xDA || marker == 0xD9) break; // start of scan (entropy-coded data follows) or end of image
            var length = BinaryPrimitives.ReadUInt16BigEndian(jpeg.AsSpan(at + 2));
            var payload = jpeg.AsSpan(at + 4, length - 2);
            if (marker == 0xE1 && payload.StartsWith(ExifSignature)) found.Add(payload.ToArray());
            at += 2 + length;
        }
        return found;
    }

    /// <summary>Whether the bytes hold the Exif signature anywhere at all (not only where a marker says).</summary>
    public static bool MentionsExif(byte[] bytes) => bytes.AsSpan().IndexOf(ExifSignature) >= 0;

    public static byte[] Text(string text) => Encoding.UTF8.GetBytes(text);

    /// <summary>The bytes in a new file of that name in a folder of its own (a browser's file input chooses files by path); its path.</summary>
    public static string ToTempFile(byte[] bytes, string name)
    {
        var folder = Directory.CreateTempSubdirectory("photos-").FullName;
        var path = Path.Combine(folder, name);
        File.WriteAllBytes(path, bytes);
        return path;
    }
}
