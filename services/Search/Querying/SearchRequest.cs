using System.Globalization;
using NewsPlatform.Contracts.Sections;

namespace NewsPlatform.Search.Querying;

public enum SearchOrder { Relevance, Newest }

/// <summary>A validated search: the words as typed, the filters, the order and the page.</summary>
public sealed record SearchRequest(
    string Query, string? Section, string? Subsection, DateTimeOffset? From, DateTimeOffset? Before,
    SearchOrder Order, int Page, int PageSize)
{
    public const int MaxQueryLength = 500;
    public const int MaxPageSize = 50;
    public const int DefaultPageSize = 20;
    /// <summary>Deep pages cost an offset scan each; nobody reads past the first thousand results.</summary>
    public const int MaxResultWindow = 1000;

    public int Offset => (Page - 1) * PageSize;

    /// <summary>Checks every parameter and names each one that is wrong, as a reader would need to fix them.</summary>
    public static (SearchRequest? Request, Dictionary<string, string[]> Errors) Parse(
        string? q, string? section, string? subsection, string? from, string? to, string? sort, int? page, int? pageSize)
    {
        var errors = new Dictionary<string, string[]>();
        var query = (q ?? "").Replace('\0', ' ');
        if (string.IsNullOrWhiteSpace(query)) errors["q"] = ["A query is required."];
        else if (query.Length > MaxQueryLength) errors["q"] = [$"A query has at most {MaxQueryLength} characters."];

        section = Blank(section);
        subsection = Blank(subsection);
        if (section is not null && SectionTree.Find(section) is null)
            errors["section"] = [$"'{section}' is not a section of the edition."];
        else if (subsection is not null && !SubsectionExists(section, subsection))
            errors["subsection"] = [section is null
                ? $"'{subsection}' is not a subsection of the edition."
                : $"'{subsection}' is not a subsection of '{section}'."];

        var start = ParseBound(from, "from", endOfDay: false, errors);
        var end = ParseBound(to, "to", endOfDay: true, errors);
        if (start is not null && end is not null && start >= end) errors["from"] = ["'from' must not be after 'to'."];

        var order = Blank(sort)?.ToLowerInvariant() switch
        {
            null or "relevance" => SearchOrder.Relevance,
            "newest" => SearchOrder.Newest,
            _ => (SearchOrder?)null,
        };
        if (order is null) errors["sort"] = ["sort is 'relevance' or 'newest'."];

        var (pageNumber, size) = (page ?? 1, pageSize ?? DefaultPageSize);
        if (pageNumber < 1) errors["page"] = ["Pages start at 1."];
        if (size is < 1 or > MaxPageSize) errors["pageSize"] = [$"pageSize is between 1 and {MaxPageSize}."];
        else if (pageNumber >= 1 && (long)pageNumber * size > MaxResultWindow)
            errors["page"] = [$"Results are available up to the {MaxResultWindow}th; narrow the search instead."];

        return errors.Count > 0
            ? (null, errors)
            : (new SearchRequest(query.Trim(), section, subsection, start, end, order!.Value, pageNumber, size), errors);
    }

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    private static bool SubsectionExists(string? section, string subsection) => section is null
        ? SectionTree.All.Any(s => s.FindSubsection(subsection) is not null)
        : SectionTree.Find(section)!.FindSubsection(subsection) is not null;

    /// <summary>
    /// A date (<c>2026-11-28</c>, whole days in UTC: <c>to</c> includes its day) or a date and time with
    /// an offset. Returns the inclusive start or the exclusive end of the range.
    /// </summary>
    private static DateTimeOffset? ParseBound(string? value, string name, bool endOfDay, Dictionary<string, string[]> errors)
    {
        if (Blank(value) is not { } text) return null;
        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
        {
            var start = new DateTimeOffset(day.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
            // "Until 9999-12-31" means until the end of time, not one day past the calendar.
            return endOfDay ? (day == DateOnly.MaxValue ? DateTimeOffset.MaxValue : start.AddDays(1)) : start;
        }
        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var moment))
            return endOfDay // the database keeps microseconds
                ? moment.UtcTicks > DateTimeOffset.MaxValue.UtcTicks - TimeSpan.TicksPerMicrosecond ? DateTimeOffset.MaxValue : moment.AddMicroseconds(1)
                : moment;
        errors[name] = [$"'{name}' is a date (2026-11-28) or a date and time (2026-11-28T09:00:00Z)."];
        return null;
    }
}
