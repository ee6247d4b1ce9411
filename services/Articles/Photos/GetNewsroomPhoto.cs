using Microsoft.AspNetCore.Http.HttpResults;

namespace NewsPlatform.Articles.Photos;

/// <summary>Slice: one photo as the newsroom picks it for an article — its size, renditions and URLs.</summary>
public static class GetNewsroomPhotoEndpoint
{
    public static void MapGetNewsroomPhoto(this RouteGroupBuilder photos) =>
        photos.MapGet("/{id:guid}", Handle)
            .WithName("GetNewsroomPhoto")
            .WithSummary("One photo: its size, renditions, srcset and social card")
            .ProducesProblem(StatusCodes.Status404NotFound);

    private static async Task<Results<Ok<PhotoView>, ProblemHttpResult>> Handle(
        Guid id, PhotoLibrary library, CancellationToken cancellationToken) =>
        await library.FindAsync(id, cancellationToken) is { } photo
            ? TypedResults.Ok(photo)
            : PhotoProblems.NotFound($"There is no photo {id}.");
}
