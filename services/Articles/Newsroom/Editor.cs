using System.Security.Claims;

namespace NewsPlatform.Articles.Newsroom;

/// <summary>Who made a change, as recorded in the article's history.</summary>
public static class Editor
{
    // Until the identity service issues tokens, unauthenticated newsroom calls are recorded as the desk.
    public const string Unidentified = "newsroom";

    public static string Of(HttpContext http) =>
        http.User.FindFirstValue(ClaimTypes.NameIdentifier)
        ?? http.User.FindFirstValue("sub")
        ?? http.User.Identity?.Name
        ?? Unidentified;
}
