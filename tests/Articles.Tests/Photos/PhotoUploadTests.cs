using NewsPlatform.TestSupport;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using NewsPlatform.Articles.Photos;
using Npgsql;
using SkiaSharp;

namespace NewsPlatform.Articles.Tests.Photos;

/// <summary>Uploading photos through the newsroom API and serving their renditions, on real PostgreSQL.</summary>
public sealed class PhotoUploadTests(ArticlesServiceFixture articles) : IClassFixture<ArticlesServiceFixture>
{
    private const string Problems = "https://newsplatform.dev/problems/";

    private static MultipartFormDataContent Form(byte[] bytes, string fileName, string contentType = "image/jpeg", string field = "file")
    {
        var file = new ByteArrayContent(bytes);
        file.Headers.ContentType = new MediaTypeHeaderValue(contentType);
        return new MultipartFormDataContent { { file, field, fileName } };
    }

    private Task<HttpResponseMessage> UploadAsync(byte[] bytes, string fileName = "photo.jpg", string contentType = "image/jpeg", HttpClient? client = null) =>
        (client ?? articles.Client).PostAsync("/api/newsroom/photos", Form(bytes, fileName, contentType));

    private async Task<JsonElement> UploadedAsync(byte[] bytes, string fileName = "photo.jpg")
    {
        var response = await UploadAsync(bytes, fileName);
        Assert.True(response.StatusCode == HttpStatusCode.Created, $"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    private static async Task AssertProblemAsync(HttpResponseMessage response, HttpStatusCode status, string type)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == status, $"{(int)response.StatusCode}: {body}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(Problems + type, JsonDocument.Parse(body).RootElement.GetProperty("type").GetString());
    }

    private async Task<byte[]> ServedAsync(string url)
    {
        var response = await articles.Anonymous.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("image/jpeg", response.Content.Headers.ContentType?.MediaType);
        return await response.Content.ReadAsByteArrayAsync();
    }

    [Fact]
    public async Task A_JPEG_is_stored_with_its_renditions_each_served_publicly_at_its_width_and_cached_for_a_year()
    {
        var response = await UploadAsync(TestPhotos.Encode(2400, 1600), "Seoul skyline.jpg");
        var photo = await response.Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var id = photo.GetProperty("id").GetGuid();
        Assert.Equal($"/api/newsroom/photos/{id}", response.Headers.Location?.OriginalString);
        Assert.Equal((2400, 1600), (photo.GetProperty("width").GetInt32(), photo.GetProperty("height").GetInt32()));
        Assert.Equal("Seoul skyline.jpg", photo.GetProperty("fileName").GetString());
        Assert.Equal("editor-1", photo.GetProperty("uploadedBy").GetString());
        Assert.Equal($"/photos/{id}/1024.jpg", photo.GetProperty("url").GetString());
        Assert.Equal($"/photos/{id}/social.jpg", photo.GetProperty("socialCardUrl").GetString());

        var renditions = photo.GetProperty("renditions").EnumerateArray().ToList();
        Assert.Equal([320, 640, 1024, 1600], renditions.Select(r => r.GetProperty("width").GetInt32()));
        Assert.Equal(string.Join(", ", renditions.Select(r => $"{r.GetProperty("url").GetString()} {r.GetProperty("width").GetInt32()}w")),
            photo.GetProperty("srcset").GetString());

        foreach (var rendition in renditions.Append(JsonSerializer.SerializeToElement(new { width = 1200, height = 630, url = $"/photos/{id}/social.jpg" })))
        {
            var url = rendition.GetProperty("url").GetString()!;
            var served = await articles.Anonymous.GetAsync(url);
            Assert.Equal(HttpStatusCode.OK, served.StatusCode);
            Assert.Equal("image/jpeg", served.Content.Headers.ContentType?.MediaType);
            Assert.Equal("public, max-age=31536000, immutable", served.Headers.CacheControl?.ToString());
            Assert.NotNull(served.Headers.ETag);
            using var decoded = SKBitmap.Decode(await served.Content.ReadAsByteArrayAsync());
            Assert.True(decoded is not null, url);
            Assert.Equal((rendition.GetProperty("width").GetInt32(), rendition.GetProperty("height").GetInt32()), (decoded.Width, decoded.Height));
        }

        // The editor's view of it is the upload's answer.
        var again = await articles.Client.GetFromJsonAsync<JsonElement>($"/api/newsroom/photos/{id}");
        Assert.Equal(photo.GetRawText(), again.GetRawText());
        // And other code of the service finds it by id.
        using var scope = articles.Service.Services.CreateScope();
        var view = await scope.ServiceProvider.GetRequiredService<PhotoLibrary>().FindAsync(id, CancellationToken.None);
        Assert.Equal($"/photos/{id}/640.jpg 640w", view!.Srcset.Split(", ")[1]);
    }

    [Fact]
    public async Task A_served_file_answers_a_conditional_request_with_304()
    {
        var photo = await UploadedAsync(TestPhotos.Encode(700, 500));
        var url = photo.GetProperty("url").GetString()!;
        var first = await articles.Anonymous.GetAsync(url);

        var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.IfNoneMatch.Add(first.Headers.ETag!);
        var second = await articles.Anonymous.SendAsync(request);

        Assert.Equal(HttpStatusCode.NotModified, second.StatusCode);
    }

    [Theory]
    [InlineData(SKEncodedImageFormat.Png, "image/png")]
    [InlineData(SKEncodedImageFormat.Webp, "image/webp")]
    public async Task PNG_and_WebP_are_accepted_and_served_as_JPEG(SKEncodedImageFormat format, string type)
    {
        var photo = await UploadedAsync(TestPhotos.Encode(900, 600, format), "photo.bin");

        Assert.Equal([320, 640, 900], photo.GetProperty("renditions").EnumerateArray().Select(r => r.GetProperty("width").GetInt32()));
        Assert.Equal($"/photos/{photo.GetProperty("id").GetGuid()}/900.jpg", photo.GetProperty("url").GetString());
        var served = await ServedAsync(photo.GetProperty("url").GetString()!);
        Assert.Equal(PhotoType.Jpeg, PhotoRenditions.Detect(served));
        Assert.Equal(type, await OriginalTypeAsync(photo.GetProperty("id").GetGuid()));
    }

    [Fact]
    public async Task The_type_is_read_from_the_bytes_whatever_the_name_and_Content_Type_say()
    {
        // A PNG sent as the body itself, labelled as something else entirely.
        var body = new ByteArrayContent(TestPhotos.Encode(500, 400, SKEncodedImageFormat.Png));
        body.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        var response = await articles.Client.PostAsync("/api/newsroom/photos", body);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var photo = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("image/png", await OriginalTypeAsync(photo.GetProperty("id").GetGuid()));
        Assert.Equal(JsonValueKind.Null, photo.GetProperty("fileName").ValueKind);
    }

    [Fact]
    public async Task Text_named_jpg_is_refused_with_415()
    {
        var response = await UploadAsync(TestPhotos.Text("Not a photo, whatever its name says.\n"), "holiday.jpg", "image/jpeg");

        await AssertProblemAsync(response, HttpStatusCode.UnsupportedMediaType, "photo-unsupported-type");
    }

    [Fact]
    public async Task A_file_that_starts_like_a_JPEG_but_does_not_decode_is_refused_with_415()
    {
        byte[] pretender = [0xFF, 0xD8, 0xFF, 0xE0, .. TestPhotos.Text("and then nothing a decoder can read")];

        await AssertProblemAsync(await UploadAsync(pretender), HttpStatusCode.UnsupportedMediaType, "photo-unsupported-type");
        await AssertProblemAsync(await UploadAsync(TestPhotos.Encode(800, 600)[..300]), HttpStatusCode.UnsupportedMediaType, "photo-unsupported-type");
    }

    [Fact]
    public async Task A_photo_over_20_MB_is_refused_with_a_413_problem_by_the_endpoint()
    {
        var tooLarge = new byte[UploadPhotoEndpoint.MaxPhotoBytes + 1];
        new byte[] { 0xFF, 0xD8, 0xFF, 0xE0 }.CopyTo(tooLarge, 0);

        await AssertProblemAsync(await UploadAsync(tooLarge), HttpStatusCode.RequestEntityTooLarge, "photo-too-large");
        var raw = new ByteArrayContent(tooLarge);
        raw.Headers.ContentType = new MediaTypeHeaderValue("image/jpeg");
        await AssertProblemAsync(await articles.Client.PostAsync("/api/newsroom/photos", raw), HttpStatusCode.RequestEntityTooLarge, "photo-too-large");
        // Far over, announced by its length: refused before the body is read.
        var huge = new ByteArrayContent(new byte[UploadPhotoEndpoint.MaxRequestBytes + 1]);
        await AssertProblemAsync(await articles.Client.PostAsync("/api/newsroom/photos", huge), HttpStatusCode.RequestEntityTooLarge, "photo-too-large");
    }

    [Fact]
    public async Task A_request_without_a_file_is_refused_with_400()
    {
        var otherField = Form(TestPhotos.Encode(100, 100), "photo.jpg", field: "picture");
        var empty = new ByteArrayContent([]);

        await AssertProblemAsync(await articles.Client.PostAsync("/api/newsroom/photos", otherField), HttpStatusCode.BadRequest, "photo-missing");
        await AssertProblemAsync(await articles.Client.PostAsync("/api/newsroom/photos", empty), HttpStatusCode.BadRequest, "photo-missing");
    }

    [Fact]
    public async Task Only_editors_upload_and_look_up_photos()
    {
        var reader = articles.Service.CreateClientAs("reader-1", "reader");
        var photo = await UploadedAsync(TestPhotos.Encode(400, 300));
        var id = photo.GetProperty("id").GetGuid();

        Assert.Equal(HttpStatusCode.Unauthorized, (await UploadAsync(TestPhotos.Encode(400, 300), client: articles.Anonymous)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await UploadAsync(TestPhotos.Encode(400, 300), client: reader)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await articles.Anonymous.GetAsync($"/api/newsroom/photos/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await reader.GetAsync($"/api/newsroom/photos/{id}")).StatusCode);
        // While the files themselves are anyone's.
        Assert.Equal(HttpStatusCode.OK, (await reader.GetAsync(photo.GetProperty("url").GetString())).StatusCode);
    }

    [Fact]
    public async Task A_photo_taken_with_the_phone_upright_EXIF_orientation_6_is_served_upright()
    {
        // Stored as the sensor saw it, 600 × 400, with EXIF saying "turn a quarter clockwise to show".
        var upload = TestPhotos.WithExif(TestPhotos.Encode(600, 400), orientation: 6);
        using (var codec = SKCodec.Create(new MemoryStream(upload)))
            Assert.Equal(SKEncodedOrigin.RightTop, codec.EncodedOrigin); // the test file's EXIF is read as meant

        var photo = await UploadedAsync(upload);

        Assert.Equal((400, 600), (photo.GetProperty("width").GetInt32(), photo.GetProperty("height").GetInt32()));
        Assert.Equal([320, 400], photo.GetProperty("renditions").EnumerateArray().Select(r => r.GetProperty("width").GetInt32()));
        using var served = SKBitmap.Decode(await ServedAsync(photo.GetProperty("renditions")[0].GetProperty("url").GetString()!));
        Assert.Equal((320, 480), (served.Width, served.Height));
        // The stored image's red top-left quarter is now the top right.
        Assert.True(TestPhotos.IsRed(served.GetPixel(240, 120)));
        Assert.True(TestPhotos.IsBlue(served.GetPixel(80, 360)));
    }

    [Fact]
    public async Task Served_files_carry_no_Exif_of_the_original_though_the_original_kept_it()
    {
        var upload = TestPhotos.WithExif(TestPhotos.Encode(1800, 1200), orientation: 1);
        Assert.Single(TestPhotos.ExifSegments(upload));

        var photo = await UploadedAsync(upload);
        var id = photo.GetProperty("id").GetGuid();

        var urls = photo.GetProperty("renditions").EnumerateArray().Select(r => r.GetProperty("url").GetString()!)
            .Append(photo.GetProperty("socialCardUrl").GetString()!);
        foreach (var url in urls)
        {
            var served = await ServedAsync(url);
            Assert.Empty(TestPhotos.ExifSegments(served));
            Assert.False(TestPhotos.MentionsExif(served), url);
        }
        // The original is kept as it came, GPS and all — and is never served.
        Assert.Equal(upload, await FileAsync(id, PhotoFiles.Original));
        await AssertProblemAsync(await articles.Anonymous.GetAsync($"/photos/{id}/original"), HttpStatusCode.NotFound, "photo-not-found");
    }

    [Fact]
    public async Task The_upload_event_carries_the_photos_metadata_and_the_bytes_are_rows_of_photo_files()
    {
        var upload = TestPhotos.Encode(1200, 800);
        var photo = await UploadedAsync(upload, "council.jpg");
        var id = photo.GetProperty("id").GetGuid();

        var store = articles.Service.Services.GetRequiredService<IDocumentStore>();
        await using var session = store.QuerySession();
        var events = await session.Events.FetchStreamAsync(id);
        var uploaded = Assert.IsType<PhotoUploaded>(Assert.Single(events).Data);
        Assert.Equal((id, "image/jpeg", 1200, 800, (long)upload.Length, "council.jpg"),
            (uploaded.PhotoId, uploaded.OriginalType, uploaded.Width, uploaded.Height, uploaded.Bytes, uploaded.FileName));
        Assert.Equal(["320.jpg", "640.jpg", "1024.jpg", "1200.jpg", "social.jpg"], uploaded.Renditions.Select(r => r.Name));

        // As stored: a few hundred bytes of JSON, nothing like the photo's.
        await using var connection = store.Storage.Database.CreateConnection();
        await connection.OpenAsync();
        await using (var data = new NpgsqlCommand($"select length(data::text) from {store.Options.Events.DatabaseSchemaName}.mt_events where stream_id = $1", connection)
        {
            Parameters = { new() { Value = id } },
        })
        {
            Assert.InRange(Convert.ToInt32(await data.ExecuteScalarAsync()), 1, 2048);
        }

        await using var rows = new NpgsqlCommand("select name, content_type, length(bytes) from photo_files where photo_id = $1 order by name", connection)
        {
            Parameters = { new() { Value = id } },
        };
        var stored = new List<(string Name, string Type, int Length)>();
        await using (var reader = await rows.ExecuteReaderAsync())
            while (await reader.ReadAsync()) stored.Add((reader.GetString(0), reader.GetString(1), reader.GetInt32(2)));
        Assert.Equal(["1024.jpg", "1200.jpg", "320.jpg", "640.jpg", "original", "social.jpg"], stored.Select(r => r.Name));
        Assert.Equal(upload.Length, stored.Single(r => r.Name == PhotoFiles.Original).Length);
        foreach (var rendition in uploaded.Renditions)
            Assert.Equal(rendition.Bytes, stored.Single(r => r.Name == rendition.Name).Length);
    }

    [Fact]
    public async Task Unknown_photos_and_files_are_404_problems()
    {
        var photo = await UploadedAsync(TestPhotos.Encode(400, 300));
        var id = photo.GetProperty("id").GetGuid();

        await AssertProblemAsync(await articles.Anonymous.GetAsync($"/photos/{Guid.NewGuid()}/640.jpg"), HttpStatusCode.NotFound, "photo-not-found");
        await AssertProblemAsync(await articles.Anonymous.GetAsync($"/photos/{id}/1600.jpg"), HttpStatusCode.NotFound, "photo-not-found");
        await AssertProblemAsync(await articles.Client.GetAsync($"/api/newsroom/photos/{Guid.NewGuid()}"), HttpStatusCode.NotFound, "photo-not-found");
        using var scope = articles.Service.Services.CreateScope();
        Assert.Null(await scope.ServiceProvider.GetRequiredService<PhotoLibrary>().FindAsync(Guid.NewGuid(), CancellationToken.None));
    }

    [Fact]
    public async Task A_photo_narrower_than_320_pixels_keeps_one_rendition_at_its_own_width()
    {
        var photo = await UploadedAsync(TestPhotos.Encode(240, 180));

        var only = Assert.Single(photo.GetProperty("renditions").EnumerateArray());
        Assert.Equal((240, 180), (only.GetProperty("width").GetInt32(), only.GetProperty("height").GetInt32()));
        Assert.Equal(only.GetProperty("url").GetString(), photo.GetProperty("url").GetString());
        using var card = SKBitmap.Decode(await ServedAsync(photo.GetProperty("socialCardUrl").GetString()!));
        Assert.Equal((1200, 630), (card.Width, card.Height));
    }

    private async Task<byte[]?> FileAsync(Guid id, string name)
    {
        var store = articles.Service.Services.GetRequiredService<IDocumentStore>();
        await using var connection = store.Storage.Database.CreateConnection();
        await connection.OpenAsync();
        await using var query = new NpgsqlCommand("select bytes from photo_files where photo_id = $1 and name = $2", connection)
        {
            Parameters = { new() { Value = id }, new() { Value = name } },
        };
        return await query.ExecuteScalarAsync() as byte[];
    }

    private async Task<string?> OriginalTypeAsync(Guid id)
    {
        var store = articles.Service.Services.GetRequiredService<IDocumentStore>();
        await using var connection = store.Storage.Database.CreateConnection();
        await connection.OpenAsync();
        await using var query = new NpgsqlCommand("select content_type from photo_files where photo_id = $1 and name = 'original'", connection)
        {
            Parameters = { new() { Value = id } },
        };
        return await query.ExecuteScalarAsync() as string;
    }
}
