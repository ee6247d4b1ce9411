using Microsoft.Net.Http.Headers;
using NewsPlatform.Web.Platform;
using NewsPlatform.Web.Session;

namespace NewsPlatform.Web;

/// <summary>
/// What every page says about itself. A page made for a logged-in reader is <c>private, no-store</c>:
/// no shared cache may keep it, so nobody else ever gets it. An anonymous page is the same for everyone
/// and may be kept by the gateway (browsers revalidate it). The content security policy allows only the
/// site's own scripts and styles — none inline — and photos from anywhere on https.
/// </summary>
public static class SiteHeaders
{
    public const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' https: data:; font-src 'self'; " +
        "connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

    public static IApplicationBuilder UseSiteHeaders(this IApplicationBuilder app) => app.Use((http, next) =>
    {
        http.Response.OnStarting(() =>
        {
            var headers = http.Response.Headers;
            if (headers.ContentType.ToString().StartsWith("text/html", StringComparison.OrdinalIgnoreCase))
            {
                headers.ContentSecurityPolicy = http.RequestServices.GetService<StyleNonce>()?.Value is { } nonce
                    ? ContentSecurityPolicy.Replace("style-src 'self'", $"style-src 'self' 'nonce-{nonce}'", StringComparison.Ordinal)
                    : ContentSecurityPolicy;
                headers.Append(HeaderNames.Vary, HeaderNames.Cookie);
                if (http.User.Identity?.IsAuthenticated == true || http.Request.Cookies.ContainsKey(ReaderSessionDefaults.CookieName)
                    || headers.SetCookie.Count > 0)
                    headers.CacheControl = "private, no-store";
                else
                {
                    if (headers.CacheControl.Count == 0) headers.CacheControl = "no-cache";
                    // What the page shows, for the gateway's cache to evict it when one of those changes (PageTags).
                    if (http.RequestServices.GetService<PageTags>()?.All is { Count: > 0 } tags) headers[PageTags.Header] = string.Join(' ', tags);
                }
            }
            return Task.CompletedTask;
        });
        return next(http);
    });
}
