using System.Globalization;

namespace NewsPlatform.Web.Session;

/// <summary>
/// The gateway limits failed logins per address and per account. For the site's forms it does not answer
/// 429 itself (a problem document is no page for a person): it passes the form on with this header, naming
/// the seconds to wait, and the site answers 429 with the form and the message. The gateway drops any copy a
/// client sends.
/// </summary>
public static class EdgeThrottle
{
    public const string Header = "X-Edge-Retry-After";
    public const string ScopeHeader = "X-Edge-Throttle-Scope";

    /// <summary>Which limit held the form back: "address" (the reader's network) or "account" (the account they named).</summary>
    public static string ScopeOf(HttpContext http) => http.Request.Headers[ScopeHeader].ToString() == "account" ? "account" : "address";

    public static TimeSpan? Of(HttpContext http) =>
        int.TryParse(http.Request.Headers[Header], NumberStyles.None, CultureInfo.InvariantCulture, out var seconds) && seconds > 0
            ? TimeSpan.FromSeconds(seconds)
            : null;

    public static void Answer(HttpContext http, TimeSpan wait)
    {
        http.Response.StatusCode = StatusCodes.Status429TooManyRequests;
        http.Response.Headers.RetryAfter = ((int)Math.Ceiling(wait.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
    }
}
