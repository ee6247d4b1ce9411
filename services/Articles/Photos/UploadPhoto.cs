using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using NewsPlatform.Articles.Newsroom;

namespace NewsPlatform.Articles.Photos;

/// <summary>
/// Slice: an editor uploads a photo (multipart/form-data, field <c>file</c>; or the image itself as the body).
/// What the file is comes from its bytes, never its name or Content-Type. The renditions are made before
/// anything is stored, and the event, the original and the renditions commit in one transaction.
/// </summary>
public static class UploadPhotoEndpoint
{
    /// <summary>A full-size frame of a newsroom camera, as a high-quality JPEG, is 10–15 MB; 20 MB leaves room.</summary>
    public const long MaxPhotoBytes = 20 * 1024 * 1024;

    /// <summary>
    /// The request may be a little larger than the photo (the multipart boundaries and part headers), so a
    /// 20 MB + 1 byte photo still reaches the endpoint and gets its <c>photo-too-large</c> problem, not the
    /// server's bare 413. This endpoint's limit only: every other newsroom route keeps its 1 MB.
    /// </summary>
    public const long MaxRequestBytes = MaxPhotoBytes + 1024 * 1024;

    /// <summary>
    /// Decoding takes memory in proportion to the pixels (up to ~200 MB for the largest photo accepted), so
    /// photos are rendered a few at a time however many editors upload at once; the rest wait their turn.
    /// </summary>
    private static readonly SemaphoreSlim Rendering = new(Math.Max(1, Environment.ProcessorCount / 2));

    public static void MapUploadPhoto(this RouteGroupBuilder photos) =>
        photos.MapPost("/", Handle)
            .WithName("UploadPhoto")
            .WithSummary("Upload a photo (JPEG, PNG or WebP, at most 20 MB): its renditions are made and served at once")
            // Any body: the bytes say what it is, so no Content-Type is refused before they are read.
            .Accepts<IFormFile>("multipart/form-data", "*/*")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity)
            // Read by the routing middleware, which raises the server's body limit for this endpoint alone.
            .WithMetadata(new RequestSizeLimitAttribute(MaxRequestBytes));

    private static async Task<Results<Created<PhotoView>, ProblemHttpResult>> Handle(
        HttpContext http, IDocumentSession session, TimeProvider clock, ILoggerFactory loggers, CancellationToken cancellationToken)
    {
        if (http.Request.ContentLength > MaxRequestBytes) return PhotoProblems.TooLarge();

        Upload? upload;
        try
        {
            upload = await ReadAsync(http.Request, cancellationToken);
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return PhotoProblems.TooLarge(); // a body without a declared length, cut off by the server at the limit
        }
        catch (InvalidDataException e)
        {
            return PhotoProblems.MalformedForm(e.Message);
        }
        if (upload is null) return PhotoProblems.Missing();
        if (ReferenceEquals(upload, Upload.OverLimit)) return PhotoProblems.TooLarge();

        RenderedPhoto rendered;
        await Rendering.WaitAsync(cancellationToken);
        try
        {
            rendered = PhotoRenditions.Render(upload.Bytes);
        }
        catch (PhotoRejected rejected)
        {
            return PhotoProblems.Rejected(rejected);
        }
        finally
        {
            Rendering.Release();
        }

        var id = Guid.CreateVersion7();
        var originalType = PhotoRenditions.ContentType(rendered.Type);
        session.Events.StartStream<Photo>(id, new PhotoUploaded(
            id, originalType, rendered.Width, rendered.Height, upload.Bytes.LongLength, upload.FileName,
            rendered.Renditions.Select(r => new PhotoRendition(r.Name, r.Width, r.Height, r.Bytes.LongLength)).ToList(),
            Editor.Of(http), clock.GetUtcNow()));
        PhotoFiles.Queue(session, id, PhotoFiles.Original, originalType, rendered.Width, rendered.Height, upload.Bytes);
        foreach (var file in rendered.Renditions)
            PhotoFiles.Queue(session, id, file.Name, "image/jpeg", file.Width, file.Height, file.Bytes);
        await session.SaveChangesAsync(cancellationToken);

        loggers.CreateLogger(typeof(UploadPhotoEndpoint)).LogInformation("Photo {PhotoId} uploaded: {Type} {Width}×{Height}, {Bytes} bytes, {Renditions} renditions",
            id, originalType, rendered.Width, rendered.Height, upload.Bytes.LongLength, rendered.Renditions.Count);
        // The inline projection was written in the same transaction: the photo reads back as every later read sees it.
        var photo = await session.LoadAsync<Photo>(id, cancellationToken)
            ?? throw new InvalidOperationException($"Photo {id} was stored but its projection is missing.");
        return TypedResults.Created($"/api/newsroom/photos/{id}", PhotoView.From(photo));
    }

    /// <summary>What came with the request.</summary>
    private sealed record Upload(byte[] Bytes, string? FileName)
    {
        /// <summary>A file over <see cref="MaxPhotoBytes"/>: not kept, only known to be too large.</summary>
        public static readonly Upload OverLimit = new([], null);
    }

    /// <summary>The uploaded file, or null when none came (no field <c>file</c>, an empty file, an empty body).</summary>
    private static async Task<Upload?> ReadAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (request.HasFormContentType)
        {
            var form = await request.ReadFormAsync(cancellationToken);
            if (form.Files.GetFile("file") is not { Length: > 0 } file) return null;
            if (file.Length > MaxPhotoBytes) return Upload.OverLimit;
            var bytes = new byte[file.Length];
            await using var stream = file.OpenReadStream();
            await stream.ReadExactlyAsync(bytes, cancellationToken);
            return new Upload(bytes, FileNameOf(file.FileName));
        }

        // The image as the body itself: read up to one byte past the limit, to know it is over without reading all of it.
        using var body = new MemoryStream();
        var buffer = new byte[81920];
        int read;
        while ((read = await request.Body.ReadAsync(buffer, cancellationToken)) > 0)
        {
            body.Write(buffer, 0, read);
            if (body.Length > MaxPhotoBytes) return Upload.OverLimit;
        }
        return body.Length == 0 ? null : new Upload(body.ToArray(), null);
    }

    /// <summary>The name on the editor's disk, for their own reference: the last path segment, printable, at most 255 characters.</summary>
    private static string? FileNameOf(string? name)
    {
        var last = (name ?? "").Split('/', '\\')[^1]; // a browser on Windows may send the whole path
        var clean = new string(last.Where(c => !char.IsControl(c)).ToArray()).Trim();
        return clean.Length == 0 ? null : clean.Length > 255 ? clean[..255] : clean;
    }
}
