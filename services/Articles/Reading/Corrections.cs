using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using NewsPlatform.Articles.Domain;
using NewsPlatform.Contracts.Sections;

namespace NewsPlatform.Articles.Reading;

/// <summary>A correction on the corrections page: what was put right, in which article, when.</summary>
public sealed record CorrectionListItem(
    Guid ArticleId, string Slug, string Headline, string Section, string SectionName,
    string Note, DateTimeOffset At, DateTimeOffset AtLocal);

/// <summary>
/// Slice: every correction published with a note, on articles that are live, newest first — the page a
/// newspaper keeps so that readers can see what it got wrong and put right.
/// </summary>
public static class CorrectionsEndpoint
{
    public const string CacheTag = "corrections";

    public static void MapCorrections(this RouteGroupBuilder api) =>
        api.MapGet("/corrections", Handle)
            .WithName("ListCorrections")
            .WithSummary("Every published correction with its note, newest first, paged");

    private static async Task<Results<Ok<Paged<CorrectionListItem>>, ValidationProblem>> Handle(
        int? page, int? pageSize, HttpContext http, IQuerySession session, IOptions<Publication> publication,
        CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        var (number, size) = Paging.Read(page, pageSize, errors);
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors);

        // Corrections with a note are few (a daily prints a handful a week), so the corrected articles are read
        // whole and their notes ordered here, rather than kept in a list of their own that takedowns must edit.
        var corrected = await SectionFrontEndpoints.Live(session)
            .Where(p => p.Article.Corrections.Any())
            .ToListAsync(cancellationToken);
        var zone = publication.Value.Zone;
        var all = corrected
            .SelectMany(p => p.Article.Corrections.Select(c => (p.Article, Correction: c)))
            .OrderByDescending(x => x.Correction.At)
            .ToList();
        var items = all.Skip((number - 1) * size).Take(size)
            .Select(x => new CorrectionListItem(x.Article.Id, x.Article.Slug!, x.Article.Copy.Headline, x.Article.Copy.Section,
                SectionTree.Find(x.Article.Copy.Section)?.Name ?? x.Article.Copy.Section,
                x.Correction.Note, x.Correction.At, TimeZoneInfo.ConvertTime(x.Correction.At, zone)))
            .ToList();

        http.Tag([CacheTag, .. items.Select(i => CacheTags.Article(i.ArticleId))]);
        return TypedResults.Ok(new Paged<CorrectionListItem>(items, number, size, all.Count));
    }
}
