using Marten;
using Marten.Pagination;
using Microsoft.AspNetCore.Http.HttpResults;
using NewsPlatform.Articles.Domain;

namespace NewsPlatform.Articles.Newsroom;

public sealed record NewsroomListItem(
    Guid Id, long Version, ArticleStatus Status, string? Slug, string Headline, string Section, string? Subsection,
    DateTimeOffset? ScheduledFor, DateTimeOffset? PublishedAt, DateTimeOffset LastChangedAt, string LastChangedBy);

/// <summary>Slice: the newsroom's lists — drafts, scheduled, published, unpublished — latest change first.</summary>
public static class ListNewsroomArticlesEndpoint
{
    public static void MapListNewsroomArticles(this RouteGroupBuilder newsroom) =>
        newsroom.MapGet("/", Handle)
            .WithName("ListNewsroomArticles")
            .WithSummary("Articles in a state (draft, scheduled, published, unpublished), paged");

    private static async Task<Results<Ok<Paged<NewsroomListItem>>, ValidationProblem>> Handle(
        string? status, int? page, int? pageSize, IQuerySession session, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        ArticleStatus? wanted = null;
        if (!string.IsNullOrEmpty(status))
        {
            if (Enum.TryParse<ArticleStatus>(status, ignoreCase: true, out var parsed) && !int.TryParse(status, out _)) wanted = parsed;
            else errors["status"] = ["status is one of draft, scheduled, published, unpublished."];
        }
        var (number, size) = Paging.Read(page, pageSize, errors);
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors);

        var query = session.Query<Article>().AsQueryable();
        if (wanted is { } s) query = query.Where(a => a.Status == s);
        var found = await query.OrderByDescending(a => a.LastChangedAt).ToPagedListAsync(number, size, cancellationToken);

        var items = found.Select(a => new NewsroomListItem(a.Id, a.Version, a.Status, a.Slug, a.Copy.Headline, a.Copy.Section,
            a.Copy.Subsection, a.ScheduledFor, a.PublishedAt, a.LastChangedAt, a.LastChangedBy)).ToList();
        return TypedResults.Ok(new Paged<NewsroomListItem>(items, number, size, found.TotalItemCount));
    }
}
