using System.Globalization;
using NewsPlatform.Web.Platform;

namespace NewsPlatform.Web.Presentation;

/// <summary>The newsroom's words for what the Articles service answers: states, events, problems.</summary>
public static class DeskText
{
    public static readonly IReadOnlyList<(string Value, string Label)> States =
        [("draft", "Draft"), ("scheduled", "Scheduled"), ("published", "Published"), ("unpublished", "Taken down")];

    public static string State(string status) => States.FirstOrDefault(s => s.Value == status).Label ?? status;

    public static string Count(long total) => total switch
    {
        0 => "No stories match.",
        1 => "1 story",
        _ => $"{total.ToString("N0", CultureInfo.InvariantCulture)} stories",
    };

    /// <summary>What an event of the article's stream was, in the desk's words.</summary>
    public static string Event(string type) => type switch
    {
        "drafted" => "Drafted",
        "revised" => "Revised",
        "scheduled" => "Scheduled",
        "schedule-cancelled" => "Schedule cancelled",
        "published" => "Published",
        "corrected" => "Corrected",
        "unpublished" => "Taken down",
        _ => type,
    };

    /// <summary>A problem about the whole request, in words an editor can act on.</summary>
    public static string Whole(ApiProblem problem, string fallback) => problem switch
    {
        { Status: 412 } => "Someone else saved this article meanwhile.",
        { Status: 404 } => "There is no such article.",
        { Status: 413 } => problem.Detail ?? "That is too large.",
        { Status: 403 } => "Your account may not do that.",
        _ when problem.Errors.Count > 0 => fallback,
        _ => problem.Detail ?? problem.Title ?? fallback,
    };

    /// <summary>
    /// The service's field errors under the names of the desk's form fields (the service names them as its JSON
    /// does: <c>leadPhoto.caption</c>, <c>gallery[2].credit</c>).
    /// </summary>
    public static FormMessages Fields(ApiProblem problem, string fallback)
    {
        var messages = new FormMessages();
        foreach (var (field, errors) in problem.Errors) messages.Field(field, string.Join(" ", errors));
        if (problem.Errors.Count == 0 || problem.Status != 400) messages.Whole(Whole(problem, fallback));
        else messages.Whole(fallback);
        return messages;
    }
}
