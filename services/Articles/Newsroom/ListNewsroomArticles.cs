using Marten;
using Marten.Pagination;
using Microsoft.AspNetCore.Http.HttpResults;
using NewsPlatform.Articles.Domain;
using NewsPlatform.Contracts.Sections;

namespace NewsPlatform.Articles.Newsroom;

public sealed record NewsroomListItem(
    Guid Id, long Version, ArticleStatus Status, string? Slug, string Headline, string Section, string? Subsection,
    DateTimeOffset? ScheduledFor, DateTimeOffset? PublishedAt, DateTimeOffset LastChangedAt, string LastChangedBy,
    string LastChangedByName, ArticleKind Kind, bool IsPremium);

/// <summary>
/// Slice: the newsroom's story list — by state (draft, scheduled, published, unpublished), section, words of the
/// headline, and "mine" (drafted by the caller) — latest change first, paged.
/// </summary>
public static class ListNewsroomArticlesEndpoint
{
    public const int MaxHeadlineQuery = 200;

    public static void MapListNewsroomArticles(this RouteGroupBuilder newsroom) =>
        newsroom.MapGet("/", Handle)
            .WithName("ListNewsroomArticles")
            .WithSummary("Articles by state, section, headline text and author (mine=true), latest change first, paged");

    private static async Task<Results<Ok<Paged<NewsroomListItem>>, ValidationProblem>> Handle(
        string? status, string? section, string? q, bool? mine, int? page, int? pageSize,
        HttpContext http, IQuerySession session, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        ArticleStatus? wanted = null;
        if (!string.IsNullOrEmpty(status))
        {
            if (Enum.TryParse<ArticleStatus>(status, ignoreCase: true, out var parsed) && !int.TryParse(status, out _)) wanted = parsed;
            else errors["status"] = ["status is one of draft, scheduled, published, unpublished."];
        }
        if (!string.IsNullOrEmpty(section) && SectionTree.Find(section) is null) errors["section"] = [$"Unknown section '{section}'."];
        var words = q?.Trim() ?? "";
        if (words.Length > MaxHeadlineQuery) errors["q"] = [$"At most {MaxHeadlineQuery} characters."];
        else if (words.Any(char.IsControl)) errors["q"] = ["q has no control characters."]; // PostgreSQL text holds no NUL
        var (number, size) = Paging.Read(page, pageSize, errors);
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors);

        var query = session.Query<Article>().AsQueryable();
        if (wanted is { } s) query = query.Where(a => a.Status == s);
        if (!string.IsNullOrEmpty(section)) query = query.Where(a => a.Copy.Section == section);
        if (words.Length > 0) query = query.Where(a => a.Copy.Headline.Contains(words, StringComparison.OrdinalIgnoreCase));
        if (mine == true)
        {
            var me = Editor.Of(http);
            query = query.Where(a => a.CreatedBy == me);
        }
        var found = await query.OrderByDescending(a => a.LastChangedAt).ToPagedListAsync(number, size, cancellationToken);

        var names = await NewsroomStaff.NamesAsync(session, found.Select(a => a.LastChangedBy), cancellationToken);
        var items = found.Select(a => new NewsroomListItem(a.Id, a.Version, a.Status, a.Slug, a.Copy.Headline, a.Copy.Section,
            a.Copy.Subsection, a.ScheduledFor, a.PublishedAt, a.LastChangedAt, a.LastChangedBy, names(a.LastChangedBy),
            a.Copy.Kind, a.Copy.IsPremium)).ToList();
        return TypedResults.Ok(new Paged<NewsroomListItem>(items, number, size, found.TotalItemCount));
    }
}
