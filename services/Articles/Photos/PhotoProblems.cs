using Microsoft.AspNetCore.Http.HttpResults;

namespace NewsPlatform.Articles.Photos;

/// <summary>The photo routes' refusals as RFC 9457 problem details, each with its own stable type.</summary>
public static class PhotoProblems
{
    public static ProblemHttpResult TooLarge() => Problem(StatusCodes.Status413PayloadTooLarge, "photo-too-large",
        "The photo is too large.", $"A photo has at most {UploadPhotoEndpoint.MaxPhotoBytes / (1024 * 1024)} MB.");

    /// <summary>
    /// Not a JPEG, PNG or WebP by its own bytes, or one that does not decode: to the editor both are "this file is
    /// not a photo we take", so both are 415 of one type, and the detail says which.
    /// </summary>
    public static ProblemHttpResult UnsupportedType(string detail) => Problem(StatusCodes.Status415UnsupportedMediaType,
        "photo-unsupported-type", "This kind of file is not accepted.", detail);

    public static ProblemHttpResult Rejected(PhotoRejected rejected) => rejected.Reason switch
    {
        PhotoRejection.TooManyPixels => Problem(StatusCodes.Status422UnprocessableEntity, "photo-too-many-pixels",
            "The photo has too many pixels.", rejected.Message),
        _ => UnsupportedType(rejected.Message),
    };

    /// <summary>A multipart body that does not parse (no boundary, cut short): the caller's mistake, not ours.</summary>
    public static ProblemHttpResult MalformedForm(string detail) => Problem(StatusCodes.Status400BadRequest, "photo-form-malformed",
        "The upload's form could not be read.", detail);

    public static ProblemHttpResult Missing() => Problem(StatusCodes.Status400BadRequest, "photo-missing",
        "No photo came with the request.", "Send the photo as the form field \"file\" (multipart/form-data) or as the body itself (image/jpeg, image/png or image/webp).");

    public static ProblemHttpResult NotFound(string what) => Problem(StatusCodes.Status404NotFound, "photo-not-found",
        "Photo not found.", what);

    private static ProblemHttpResult Problem(int status, string type, string title, string detail) =>
        TypedResults.Problem(statusCode: status, title: title, detail: detail, type: $"https://newsplatform.dev/problems/{type}");
}
