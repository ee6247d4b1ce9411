using System.Diagnostics;
using System.Text.RegularExpressions;

namespace NewsPlatform.Gateway;

/// <summary>
/// What every response from the edge carries: an <c>X-Request-Id</c> (the caller's, if it is
/// sensible, else the trace id — also passed on to the services and tagged on the trace) and
/// the security headers a browser expects.
/// </summary>
public static partial class EdgeHeaders
{
    public const string RequestIdHeader = "X-Request-Id";

    public static IApplicationBuilder UseEdgeHeaders(this IApplicationBuilder app) => app.Use(async (http, next) =>
    {
        var incoming = http.Request.Headers[RequestIdHeader].ToString();
        var requestId = SensibleId().IsMatch(incoming) ? incoming : Activity.Current?.TraceId.ToString() ?? http.TraceIdentifier;
        http.Request.Headers[RequestIdHeader] = requestId;
        // Only the edge may tell the site that a form was throttled.
        http.Request.Headers.Remove(CredentialLimits.RetryAfterHeader);
        http.Request.Headers.Remove(CredentialLimits.ScopeHeader);
        Activity.Current?.SetTag("http.request_id", requestId);

        http.Response.OnStarting(() =>
        {
            var headers = http.Response.Headers;
            headers[RequestIdHeader] = requestId;
            headers.XContentTypeOptions = "nosniff";
            headers["Referrer-Policy"] = "strict-origin-when-cross-origin";
            headers.XFrameOptions = "DENY";
            // The site sends a whole policy for its pages (with frame-ancestors); everything else gets this one.
            if (!headers.ContentSecurityPolicy.ToString().Contains("frame-ancestors", StringComparison.Ordinal))
                headers.ContentSecurityPolicy = "frame-ancestors 'none'";
            return Task.CompletedTask;
        });
        await next(http);
    });

    [GeneratedRegex("^[A-Za-z0-9._-]{8,64}$")]
    private static partial Regex SensibleId();
}
