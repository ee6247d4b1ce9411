using Microsoft.AspNetCore.Http.Features;

namespace NewsPlatform.Web.Newsroom;

/// <summary>
/// The editor's form carries the photos chosen with it. A save may bring up to six photos at the 20 MB a photo may
/// have; every other page of the site keeps the server's ordinary limit. A larger gallery is added in several saves.
/// </summary>
public static class DeskUploads
{
    public const long MaxBytes = 6 * 21L * 1024 * 1024;

    public static IApplicationBuilder UseDeskUploads(this IApplicationBuilder app) =>
        app.UseWhen(http => HttpMethods.IsPost(http.Request.Method) && http.Request.Path.StartsWithSegments("/newsroom"), desk => desk.Use((http, next) =>
        {
            if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit) limit.MaxRequestBodySize = MaxBytes;
            return next(http);
        }));
}
