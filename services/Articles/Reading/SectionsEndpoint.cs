using Microsoft.AspNetCore.Http.HttpResults;
using NewsPlatform.Articles.Domain;

namespace NewsPlatform.Articles.Reading;

public static class ReadingApi
{
    public static void MapReading(this IEndpointRouteBuilder app)
    {
        var reading = app.MapGroup("/api").WithTags("Reading");
        reading.MapGet("/sections", () => TypedResults.Ok(SectionTree.All))
            .WithName("GetSections")
            .WithSummary("The section tree");
    }
}
