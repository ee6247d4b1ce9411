using Microsoft.Extensions.DependencyInjection;

namespace Microsoft.Extensions.Hosting;

/// <summary>
/// Each service describes its own HTTP API (ASP.NET Core OpenAPI, served at <c>/openapi/v1.json</c>).
/// The gateway merges these into the platform's one public document; the services' own documents
/// are not routed from outside.
/// </summary>
public static class ApiDescriptionExtensions
{
    public static IHostApplicationBuilder AddApiDescription(this IHostApplicationBuilder builder, string title)
    {
        builder.Services.AddOpenApi(options => options.AddDocumentTransformer((document, _, _) =>
        {
            document.Info.Title = title;
            document.Info.Version = "v1";
            return Task.CompletedTask;
        }));
        return builder;
    }
}
