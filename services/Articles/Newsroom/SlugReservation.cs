using Marten;
using NewsPlatform.Articles.Domain;

namespace NewsPlatform.Articles.Newsroom;

/// <summary>
/// A slug taken by an article. The slug is the document id, so PostgreSQL's primary key is what
/// keeps slugs unique across all articles, even under concurrent publishes.
/// </summary>
public sealed record SlugReservation(string Id, Guid ArticleId)
{
    /// <summary>The headline's slug, or the first free "slug-2", "slug-3", … after it.</summary>
    public static async Task<string> FindFreeAsync(IQuerySession session, string headline, CancellationToken cancellationToken)
    {
        var wanted = Slugs.FromText(headline) is { Length: > 0 } s ? s : "article";
        // Plain captured values only: an expression such as wanted + "-" inside the query would make
        // Marten compile (and the JIT compile) a small method on every call.
        var numbered = wanted + "-";
        var taken = (await session.Query<SlugReservation>()
                .Where(r => r.Id == wanted || r.Id.StartsWith(numbered))
                .Select(r => r.Id)
                .ToListAsync(cancellationToken))
            .ToHashSet();

        if (!taken.Contains(wanted)) return wanted;
        for (var n = 2; ; n++)
        {
            var candidate = $"{wanted}-{n}";
            if (!taken.Contains(candidate)) return candidate;
        }
    }
}
