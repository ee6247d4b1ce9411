namespace NewsPlatform.Articles;

/// <summary>A page of a list, as every list endpoint returns it.</summary>
public sealed record Paged<T>(IReadOnlyList<T> Items, int Page, int PageSize, long Total);

public static class Paging
{
    public const int DefaultPageSize = 20;
    public const int MaxPageSize = 50;

    /// <summary>Checks <c>page</c> and <c>pageSize</c>, adding field errors; returns the values to use.</summary>
    public static (int Page, int PageSize) Read(int? page, int? pageSize, Dictionary<string, string[]> errors)
    {
        if (page is < 1) errors["page"] = ["Pages start at 1."];
        else if (page > 10_000) errors["page"] = ["At most 10,000 pages."];
        if (pageSize is < 1 or > MaxPageSize) errors["pageSize"] = [$"pageSize is between 1 and {MaxPageSize}."];
        return (page ?? 1, pageSize ?? DefaultPageSize);
    }
}
