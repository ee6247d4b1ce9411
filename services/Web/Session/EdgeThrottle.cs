using System.Globalization;

namespace NewsPlatform.Web.Session;

/// <summary>
/// The gateway limits login and registration attempts per address. For the site's forms it does not answer
/// 429 itself (a problem document is no page for a person): it passes the form on with this header, naming
/// the seconds to wait, and the site answers 429 with the form and the message. The gateway drops any copy a
/// client sends.
/// </summary>
public static class EdgeThrottle
{
    public const string Header = "X-Edge-Retry-After";

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
