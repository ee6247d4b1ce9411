using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using NewsPlatform.Articles.Domain;

namespace NewsPlatform.Articles.Newsroom;

/// <param name="Changes">The fields this event changed (for revisions and corrections), or its detail.</param>
/// <param name="Note">A correction's note, or the reason for a takedown.</param>
/// <param name="RestoredFrom">The version a restore brought back.</param>
public sealed record HistoryEntry(
    long Version, string Type, string By, DateTimeOffset At, IReadOnlyList<string> Changes, string? Note,
    string ByName = "", long? RestoredFrom = null);

/// <summary>Slice: every event of an article's stream — its revision history — with who, when and what changed.</summary>
public static class ArticleHistoryEndpoint
{
    public static void MapArticleHistory(this RouteGroupBuilder newsroom) =>
        newsroom.MapGet("/{id:guid}/history", Handle)
            .WithName("ArticleHistory")
            .WithSummary("Every event of the article: type, version, who, when, what changed");

    private static async Task<Ok<IReadOnlyList<HistoryEntry>>> Handle(
        Guid id, IQuerySession session, CancellationToken cancellationToken)
    {
        var events = await session.Events.FetchStreamAsync(id, token: cancellationToken);
        if (events.Count == 0) throw new ArticleNotFound(id);

        var history = new List<HistoryEntry>(events.Count);
        Article? state = null;
        foreach (var e in events)
        {
            history.Add(Describe(e.Version, e.Data, state));
            state = ArticleDecider.Evolve(state, e.Data);
        }
        var names = await NewsroomStaff.NamesAsync(session, history.Select(h => h.By), cancellationToken);
        return TypedResults.Ok<IReadOnlyList<HistoryEntry>>(history.Select(h => h with { ByName = names(h.By) }).ToList());
    }

    private static HistoryEntry Describe(long version, object data, Article? before) => data switch
    {
        ArticleDrafted e => new(version, "drafted", e.By, e.At, [], null),
        ArticleRevised e => new(version, "revised", e.By, e.At, ChangedFields(before?.Copy, e.Copy), null, RestoredFrom: e.RestoredFrom),
        ArticleScheduled e => new(version, "scheduled", e.By, e.At, [$"publishAt: {e.PublishAt:O}"], null),
        ArticleScheduleCancelled e => new(version, "schedule-cancelled", e.By, e.At, [], null),
        ArticlePublished e => new(version, "published", e.By, e.At, [$"slug: {e.Slug}"], null),
        ArticleCorrected e => new(version, "corrected", e.By, e.At, ChangedFields(before?.Copy, e.Copy), e.Note, RestoredFrom: e.RestoredFrom),
        ArticleUnpublished e => new(version, "unpublished", e.By, e.At, [], e.Reason),
        _ => new(version, data.GetType().Name, "unknown", default, [], null),
    };

    private static IReadOnlyList<string> ChangedFields(ArticleCopy? before, ArticleCopy after)
    {
        if (before is null) return [];
        var changed = new List<string>();
        void Check(string field, object? a, object? b) { if (!Equals(a, b)) changed.Add(field); }
        Check("headline", before.Headline, after.Headline);
        Check("summary", before.Summary, after.Summary);
        Check("body", before.Body, after.Body);
        Check("section", before.Section, after.Section);
        Check("subsection", before.Subsection, after.Subsection);
        Check("byline", before.Byline, after.Byline);
        Check("sourceCredit", before.SourceCredit, after.SourceCredit);
        if (!before.Tags.SequenceEqual(after.Tags)) changed.Add("tags");
        if (!ArticleDecider.SamePhoto(before.LeadPhoto, after.LeadPhoto)) changed.Add("leadPhoto");
        Check("kind", before.Kind, after.Kind);
        if ((before.Gallery ?? []).Count != (after.Gallery ?? []).Count
            || (before.Gallery ?? []).Zip(after.Gallery ?? []).Any(pair => !ArticleDecider.SamePhoto(pair.First, pair.Second))) changed.Add("gallery");
        Check("isPremium", before.IsPremium, after.IsPremium);
        return changed;
    }
}
