using Microsoft.AspNetCore.OutputCaching;
using Microsoft.Net.Http.Headers;

namespace NewsPlatform.Gateway;

/// <summary>
/// Output caching of the public reads (sections, fronts and lists, articles by slug, RSS, the sitemap,
/// search) for a few seconds (configuration <c>OutputCaching:Seconds</c>, default 10). Routes opt in
/// with <c>"OutputCachePolicy": "public-read"</c> in "ReverseProxy". <c>OutputCaching:Enabled=false</c>
/// turns it off without touching the routes (every read then goes to the service, e.g. to measure the proxy alone).
/// </summary>
public static class EdgeCaching
{
    public const string PublicRead = "public-read";

    /// <summary>The services' and the site's cache tags for an answer (<c>Surrogate-Key</c>); never passed on to the caller.</summary>
    public const string TagsHeader = "Surrogate-Key";

    private static readonly object TagsItem = new();

    /// <summary>The tags the answer's service gave it, taken off the answer by the proxy (see <see cref="GatewayModule"/>).</summary>
    public static void KeepTags(HttpContext http, string tags) => http.Items[TagsItem] = tags;

    internal static string? TagsOf(HttpContext http) => http.Items.TryGetValue(TagsItem, out var tags) ? tags as string : null;

    /// <summary>The site's pages: the same for every reader who is not logged in.</summary>
    public const string PublicPage = "public-page";

    /// <summary>
    /// Feeds, sitemaps and photo files: they read no query string, so none makes another entry (or a fresh, costly
    /// read). A photo file is immutable and cached by browsers for a year; the edge keeps it only these few seconds,
    /// enough to spare the service the burst of a front page's first readers without filling the cache with images.
    /// </summary>
    public const string PublicFeed = "public-feed";

    public static IHostApplicationBuilder AddEdgeCaching(this IHostApplicationBuilder builder)
    {
        var seconds = builder.Configuration.GetValue("OutputCaching:Seconds", 10);
        var enabled = builder.Configuration.GetValue("OutputCaching:Enabled", true);
        // The routes name the policy either way, so it must exist; switched off it caches nothing.
        var sessionCookie = builder.Configuration["OutputCaching:SessionCookie"] ?? "np_session";
        builder.Services.AddOutputCache(options =>
        {
            options.AddPolicy(PublicRead, new PublicReadPolicy(TimeSpan.FromSeconds(Math.Max(1, seconds)), enabled));
            // A page varies by the parameters the site reads, and no others (a tracking parameter makes no new entry).
            options.AddPolicy(PublicPage, new PublicReadPolicy(TimeSpan.FromSeconds(Math.Max(1, seconds)), enabled, sessionCookie,
                queryKeys: ["page", "q", "section", "from", "to", "sort"]));
            options.AddPolicy(PublicFeed, new PublicReadPolicy(TimeSpan.FromSeconds(Math.Max(1, seconds)), enabled, queryKeys: []));
        });
        return builder;
    }
}

/// <summary>
/// Caches only what every anonymous reader would get alike. A request that says who it is — a bearer
/// token, an API key or any cookie — neither reads from nor fills the cache: a subscriber's premium
/// body must never reach an anonymous reader, nor the anonymous (locked) body a subscriber. Only
/// plain 200s without <c>Set-Cookie</c> and not marked private by the service are kept. For the site's pages
/// (<paramref name="sessionCookie"/> named) only the reader's session cookie says who asks: an anonymous
/// reader's other cookies (the antiforgery cookie of a form once seen) change nothing on a public page, and
/// the site marks every page made for a logged-in reader, or holding a form token, private. A service's
/// <c>Vary: Authorization</c> (Articles sends it on every article) does not stop caching: only requests
/// without credentials ever read or fill the cache, so the kept answer is always the anonymous one.
/// </summary>
/// <param name="queryKeys">The query parameters that make another entry; null: all of them.</param>
public sealed class PublicReadPolicy(TimeSpan duration, bool enabled = true, string? sessionCookie = null, string[]? queryKeys = null) : IOutputCachePolicy
{
    public ValueTask CacheRequestAsync(OutputCacheContext context, CancellationToken cancellation)
    {
        if (!enabled)
        {
            context.EnableOutputCaching = false;
            return ValueTask.CompletedTask;
        }

        var request = context.HttpContext.Request;
        var cacheable = (HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method))
            && request.Headers.Authorization.Count == 0
            && !request.Headers.ContainsKey(ApiKeys.Header)
            && (sessionCookie is null ? request.Headers.Cookie.Count == 0 : !request.Cookies.ContainsKey(sessionCookie));

        context.EnableOutputCaching = true;
        context.AllowCacheLookup = cacheable;
        context.AllowCacheStorage = cacheable;
        context.AllowLocking = true;
        context.ResponseExpirationTimeSpan = duration;
        context.CacheVaryByRules.QueryKeys = queryKeys is null ? "*" : new Microsoft.Extensions.Primitives.StringValues(queryKeys);
        context.CacheVaryByRules.HeaderNames = new([HeaderNames.Accept, HeaderNames.AcceptEncoding, HeaderNames.AcceptLanguage]);
        return ValueTask.CompletedTask;
    }

    public ValueTask ServeFromCacheAsync(OutputCacheContext context, CancellationToken cancellation) => ValueTask.CompletedTask;

    public ValueTask ServeResponseAsync(OutputCacheContext context, CancellationToken cancellation)
    {
        var response = context.HttpContext.Response;
        var cacheControl = response.Headers.CacheControl.ToString();
        if (response.StatusCode != StatusCodes.Status200OK
            || response.Headers.SetCookie.Count > 0
            || cacheControl.Contains("private", StringComparison.OrdinalIgnoreCase)
            || cacheControl.Contains("no-store", StringComparison.OrdinalIgnoreCase))
        {
            context.AllowCacheStorage = false;
        }
        // Kept under the tags the service gave it, so a change to an article evicts exactly what shows it (CachePurge).
        else if (EdgeCaching.TagsOf(context.HttpContext) is { Length: > 0 } tags)
        {
            foreach (var tag in tags.Split(' ', StringSplitOptions.RemoveEmptyEntries)) context.Tags.Add(tag);
        }
        return ValueTask.CompletedTask;
    }
}
