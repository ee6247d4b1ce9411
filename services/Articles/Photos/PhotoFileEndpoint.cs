using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Net.Http.Headers;

namespace NewsPlatform.Articles.Photos;

/// <summary>
/// Slice: a photo's rendition as readers' browsers fetch it, anonymously (<c>/photos/{id}/640.jpg</c>). A photo's
/// files never change once uploaded, so they are cached anywhere for a year and never revalidated; the ETag
/// (the id and the name, which is all a file's identity) still answers a conditional request with 304.
/// The original is never served: it keeps what the renditions dropped (EXIF, GPS).
/// </summary>
public static class PhotoFileEndpoint
{
    public const string CacheControl = "public, max-age=31536000, immutable";

    public static void MapPhotoFiles(this IEndpointRouteBuilder app) =>
        app.MapGet("/photos/{id:guid}/{name}", Handle)
            .WithTags("Reading")
            .WithName("GetPhotoFile")
            .WithSummary("A photo's rendition (JPEG), cacheable for a year")
            .Produces(StatusCodes.Status200OK, contentType: "image/jpeg")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .AllowAnonymous();

    private static async Task<Results<FileContentHttpResult, ProblemHttpResult>> Handle(
        Guid id, string name, HttpContext http, IDocumentStore store, CancellationToken cancellationToken)
    {
        if (await PhotoFiles.ReadRenditionAsync(store, id, name, cancellationToken) is not { } file)
            return PhotoProblems.NotFound($"Photo {id} has no file '{name}'.");

        http.Response.Headers.CacheControl = CacheControl;
        return TypedResults.Bytes(file.Bytes, file.ContentType, entityTag: new EntityTagHeaderValue($"\"{id:N}-{name}\""));
    }
}
