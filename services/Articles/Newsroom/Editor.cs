using System.Security.Claims;
using Marten;

namespace NewsPlatform.Articles.Newsroom;

/// <summary>Who made a change, as recorded in the article's history: the editor's account id.</summary>
public static class Editor
{
    // Until the identity service issues tokens, unauthenticated newsroom calls are recorded as the desk.
    public const string Unidentified = "newsroom";

    public static string Of(HttpContext http) =>
        http.User.FindFirstValue(ClaimTypes.NameIdentifier)
        ?? http.User.FindFirstValue("sub")
        ?? http.User.Identity?.Name
        ?? Unidentified;

    /// <summary>The name the editor goes by, from their token (<c>name</c>, else <c>email</c>).</summary>
    public static string? NameOf(HttpContext http) =>
        http.User.FindFirstValue("name") ?? http.User.FindFirstValue(ClaimTypes.Name)
        ?? http.User.FindFirstValue("email") ?? http.User.FindFirstValue(ClaimTypes.Email);
}

/// <summary>
/// The name an editor goes by, as their token said at their latest change. The events keep account ids (names
/// change; ids do not); the desk shows names, looked up here. Written with the change it came with.
/// </summary>
public sealed record NewsroomStaff(string Id, string Name)
{
    /// <summary>Queues the caller's name on the request's session, so the write that follows commits it too.</summary>
    public static void Remember(HttpContext http, IDocumentSession session)
    {
        var id = Editor.Of(http);
        if (id != Editor.Unidentified && Editor.NameOf(http) is { Length: > 0 } name) session.Store(new NewsroomStaff(id, name));
    }

    /// <summary>Names for account ids; an id without a known name (the scheduler, an older change) stands for itself.</summary>
    public static async Task<Func<string, string>> NamesAsync(IQuerySession session, IEnumerable<string> ids, CancellationToken cancellationToken)
    {
        var wanted = ids.Distinct().ToArray();
        var known = wanted.Length == 0 ? [] : await session.LoadManyAsync<NewsroomStaff>(cancellationToken, wanted);
        var names = known.ToDictionary(s => s.Id, s => s.Name);
        return id => names.GetValueOrDefault(id, id);
    }
}
