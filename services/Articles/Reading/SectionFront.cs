using NewsPlatform.Contracts.Sections;
using Marten;
using Marten.Pagination;
using Microsoft.AspNetCore.Http.HttpResults;
using NewsPlatform.Articles.Domain;
using NewsPlatform.Articles.Projections;

namespace NewsPlatform.Articles.Reading;

/// <summary>Slice: the section tree, and section fronts — published articles, newest first.</summary>
public static class SectionFrontEndpoints
{
    public static void MapSectionFronts(this RouteGroupBuilder api)
    {
        api.MapGet("/sections", () => TypedResults.Ok(SectionTree.All))
            .WithName("GetSections")
            .WithSummary("The section tree");
        api.MapGet("/articles", Handle)
            .WithName("ListArticles")
            .WithSummary("Published articles, newest first, optionally of one section or subsection");
    }

    private static async Task<Results<Ok<Paged<ArticleSummary>>, ValidationProblem>> Handle(
        string? section, string? subsection, int? page, int? pageSize, HttpContext http, IQuerySession session, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        var (number, size) = Paging.Read(page, pageSize, errors);
        CheckSection(section, subsection, errors);
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors);

        var found = await Live(session, section, subsection)
            .OrderByDescending(p => p.Article.PublishedAt)
            .ToPagedListAsync(number, size, cancellationToken);
        var items = found.Select(ArticleSummary.From).ToList();
        // A front changes when its section gets an article, and when any article on it changes.
        http.Tag([CacheTags.Front(string.IsNullOrEmpty(section) ? null : section), .. items.Select(a => CacheTags.Article(a.Id))]);
        return TypedResults.Ok(new Paged<ArticleSummary>(items, number, size, found.TotalItemCount));
    }

    /// <summary>Live pages, optionally of one section and subsection.</summary>
    public static IQueryable<ArticlePage> Live(IQuerySession session, string? section = null, string? subsection = null)
    {
        var query = session.Query<ArticlePage>().Where(p => p.Article.Status == ArticleStatus.Published);
        if (!string.IsNullOrEmpty(section)) query = query.Where(p => p.Article.Copy.Section == section);
        if (!string.IsNullOrEmpty(subsection)) query = query.Where(p => p.Article.Copy.Subsection == subsection);
        return query;
    }

    public static void CheckSection(string? section, string? subsection, Dictionary<string, string[]> errors)
    {
        if (string.IsNullOrEmpty(section))
        {
            if (!string.IsNullOrEmpty(subsection)) errors["subsection"] = ["A subsection needs its section."];
            return;
        }
        var known = SectionTree.Find(section);
        if (known is null) errors["section"] = [$"Unknown section '{section}'."];
        else if (!string.IsNullOrEmpty(subsection) && known.FindSubsection(subsection) is null)
            errors["subsection"] = [$"'{subsection}' is not a subsection of '{section}'."];
    }
}
