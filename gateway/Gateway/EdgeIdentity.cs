namespace NewsPlatform.Gateway;

/// <summary>
/// Identity before limits: a request that names itself with an <c>Authorization</c> header the edge cannot verify —
/// an expired, forged or foreign token, a development token, any other scheme — is refused here with 401, on every
/// route, public reads included. Otherwise a junk header would be a way past the anonymous limit and the cache
/// straight to the services, and a service that trusted it might answer more than an anonymous reader gets.
/// </summary>
public static class EdgeIdentity
{
    /// <summary>
    /// Authentication for requests with an <c>Authorization</c> header; the others (most reads) have nothing to
    /// authenticate and skip the per-request handler set-up. A route that needs a user still challenges them: the
    /// authorization step asks the default scheme itself.
    /// </summary>
    public static IApplicationBuilder UseAuthenticationOfCredentials(this IApplicationBuilder app) =>
        app.UseWhen(http => http.Request.Headers.Authorization.Count > 0, authenticated => authenticated.UseAuthentication());

    public static IApplicationBuilder UseEdgeIdentity(this IApplicationBuilder app) => app.Use(async (http, next) =>
    {
        if (http.Request.Headers.Authorization.Count > 0 && http.User.Identity?.IsAuthenticated != true)
        {
            http.Response.Headers.WWWAuthenticate = "Bearer error=\"invalid_token\"";
            await TypedResults.Problem(statusCode: StatusCodes.Status401Unauthorized, title: "The access token is not valid.",
                type: "https://newsplatform.dev/problems/invalid-token",
                detail: "Log in again for a new token, or send the request without one.").ExecuteAsync(http);
            return;
        }
        await next(http);
    });
}
