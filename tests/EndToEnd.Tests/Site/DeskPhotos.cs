using System.Buffers.Binary;
using SkiaSharp;

namespace NewsPlatform.EndToEnd.Tests.Site;

/// <summary>
/// Photos an editor uploads in the journeys: plain JPEGs made with Skia, one with a phone's Exif block (with a GPS
/// position) spliced in, written to files the browser's file inputs can choose; and a look into a JPEG's segments.
/// </summary>
public static class DeskPhotos
{
    /// <summary>A JPEG of one colour with a white band across it (so it is not trivially uniform).</summary>
    public static byte[] Jpeg(SKColor colour, int width = 1200, int height = 800)
    {
        using var bitmap = new SKBitmap(width, height);
        using (var canvas = new SKCanvas(bitmap))
        {
            canvas.Clear(colour);
            using var band = new SKPaint { Color = SKColors.White };
            canvas.DrawRect(0, height / 3f, width, height / 6f, band);
        }
        using var data = bitmap.Encode(SKEncodedImageFormat.Jpeg, 85);
        return data.ToArray();
    }

    /// <summary>The bytes written to a new temporary file with the given extension; its path.</summary>
    public static string ToTempFile(byte[] bytes, string name)
    {
        var dir = Path.Combine(Path.GetTempPath(), $"desk-photos-{Guid.NewGuid():N}");
        Directory.CreateDirectory(dir);
        var path = Path.Combine(dir, name);
        File.WriteAllBytes(path, bytes);
        return path;
    }

    private static readonly byte[] ExifSignature = "Exif\0\0"u8.ToArray();

    /// <summary>The JPEG with an APP1 Exif segment right after its SOI: IFD0 pointing to a GPS IFD with a latitude and longitude.</summary>
    public static byte[] WithGps(byte[] jpeg)
    {
        if (jpeg is not [0xFF, 0xD8, ..]) throw new ArgumentException("not a JPEG", nameof(jpeg));
        var tiff = GpsTiff();
        var app1 = new byte[4 + ExifSignature.Length + tiff.Length];
        app1[0] = 0xFF;
        app1[1] = 0xE1;
        BinaryPrimitives.WriteUInt16BigEndian(app1.AsSpan(2), (ushort)(app1.Length - 2));
        ExifSignature.CopyTo(app1, 4);
        tiff.CopyTo(app1, 4 + ExifSignature.Length);
        return [.. jpeg[..2], .. app1, .. jpeg[2..]];
    }

    // Big-endian TIFF: header, IFD0 with one entry (GPSInfo), the GPS IFD with the references and two triples of rationals.
    private static byte[] GpsTiff()
    {
        const int ifd0 = 8, gps = ifd0 + 2 + 12 + 4, gpsEntries = 4;
        const int latitude = gps + 2 + gpsEntries * 12 + 4, longitude = latitude + 24, end = longitude + 24;
        var t = new byte[end];
        "MM"u8.CopyTo(t);
        BinaryPrimitives.WriteUInt16BigEndian(t.AsSpan(2), 42);
        BinaryPrimitives.WriteUInt32BigEndian(t.AsSpan(4), ifd0);
        var at = ifd0;
        void Entry(ushort tag, ushort type, uint count, uint valueOrOffset, bool asciiChar = false)
        {
            BinaryPrimitives.WriteUInt16BigEndian(t.AsSpan(at), tag);
            BinaryPrimitives.WriteUInt16BigEndian(t.AsSpan(at + 2), type);
            BinaryPrimitives.WriteUInt32BigEndian(t.AsSpan(at + 4), count);
            if (asciiChar) t[at + 8] = (byte)valueOrOffset;
            else BinaryPrimitives.WriteUInt32BigEndian(t.AsSpan(at + 8), valueOrOffset);
            at += 12;
        }
        BinaryPrimitives.WriteUInt16BigEndian(t.AsSpan(at), 1);
        at += 2;
        Entry(0x8825, 4, 1, gps); // GPSInfo (LONG): the GPS IFD's offset
        at += 4;                  // no next IFD
        BinaryPrimitives.WriteUInt16BigEndian(t.AsSpan(at), gpsEntries);
        at += 2;
        Entry(0x0001, 2, 2, 'N', asciiChar: true); // GPSLatitudeRef
        Entry(0x0002, 5, 3, latitude);            // GPSLatitude
        Entry(0x0003, 2, 2, 'E', asciiChar: true); // GPSLongitudeRef
        Entry(0x0004, 5, 3, longitude);           // GPSLongitude
        void Rationals(int offset, params uint[] parts)
        {
            for (var i = 0; i < parts.Length; i++) BinaryPrimitives.WriteUInt32BigEndian(t.AsSpan(offset + i * 4), parts[i]);
        }
        Rationals(latitude, 35, 1, 10, 1, 1200, 100);   // 35° 10′ 12″ N
        Rationals(longitude, 129, 1, 4, 1, 3000, 100);  // 129° 4′ 30″ E
        return t;
    }

    /// <summary>How many APP1 segments of the JPEG carry Exif, walking its markers up to the image data.</summary>
    public static int ExifSegmentCount(byte[] jpeg)
    {
        if (jpeg is not [0xFF, 0xD8, ..]) throw new ArgumentException("not a JPEG", nameof(jpeg));
        var found = 0;
        var at = 2;
        while (at + 4 <= jpeg.Length && jpeg[at] == 0xFF)
        {
            var marker = jpeg[at + 1];
            if (marker is 0xDA or 0xD9) break;
            var length = BinaryPrimitives.ReadUInt16BigEndian(jpeg.AsSpan(at + 2));
            if (marker == 0xE1 && jpeg.AsSpan(at + 4, length - 2).StartsWith(ExifSignature)) found++;
            at += 2 + length;
        }
        return found;
    }

    public static bool IsJpeg(byte[] bytes) => bytes is [0xFF, 0xD8, 0xFF, ..];
}
