using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Microsoft.Extensions.Hosting;

/// <summary>
/// <c>HEAD</c> is answered as <c>GET</c> would be, without the body (RFC 9110 §9.3.2). Crawlers, feed
/// readers and link checkers ask <c>HEAD</c> of public pages, and the endpoints are mapped for GET
/// only, so without this they got 405. The request is routed as a GET; the server still knows it
/// was a HEAD and leaves the body out. An endpoint whose GET has a side effect a HEAD must not have
/// (counting a read) asks <see cref="IsHead"/>.
/// </summary>
public static class HeadRequests
{
    private static readonly object Marker = new();

    /// <summary>
    /// First in the pipeline. Routing is placed right after it (rather than where the host would put
    /// it, before any middleware), so the GET endpoints match.
    /// </summary>
    public static WebApplication UseHeadAsGet(this WebApplication app)
    {
        app.Use((http, next) =>
        {
            if (HttpMethods.IsHead(http.Request.Method))
            {
                http.Items[Marker] = true;
                http.Request.Method = HttpMethods.Get;
            }
            return next(http);
        });
        app.UseRouting();
        return app;
    }

    /// <summary>Whether the caller asked HEAD (and so reads nothing of the body).</summary>
    public static bool IsHead(this HttpContext http) => http.Items.ContainsKey(Marker);
}
