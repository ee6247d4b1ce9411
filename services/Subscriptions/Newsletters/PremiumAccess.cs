using Marten;
using NewsPlatform.Contracts.Articles;
using NewsPlatform.Subscriptions.Plans;
using NewsPlatform.Subscriptions.Subscribing;

namespace NewsPlatform.Subscriptions.Newsletters;

/// <summary>
/// What a mail may carry of an article for one reader: the opening of the body when the article is free or the
/// reader's plan includes premium articles now; otherwise, for a premium article, its teaser (the first paragraph, all
/// the site shows a non-subscriber) and an invitation. Decided when the mail is written, from this service's own
/// subscriptions — the premium body never enters a mail for a reader without access.
/// </summary>
public static class PremiumAccess
{
    public const string SubscribersReadOn = "Subscribers read the whole article";

    /// <summary>The readers among <paramref name="readers"/> whose plan includes premium articles at <paramref name="now"/>.</summary>
    public static async Task<HashSet<Guid>> EntitledAsync(IQuerySession session, IReadOnlyCollection<Guid> readers, DateTimeOffset now,
        CancellationToken cancellationToken)
    {
        if (readers.Count == 0) return [];
        var ids = readers.ToArray();
        var open = await session.Query<Subscription>()
            .Where(s => s.ReaderId.IsOneOf(ids) && (s.Status == SubscriptionStatus.Active || s.Status == SubscriptionStatus.Cancelled))
            .ToListAsync(cancellationToken);
        return open.Where(s => s.GivesAccessAt(now) && PlanCatalogue.Find(s.PlanCode)?.IncludesPremium == true)
            .Select(s => s.ReaderId).ToHashSet();
    }

    /// <summary>The text of a story in a mail, and the note under it (null when the reader may read it all).</summary>
    public static (string Text, string? Note) StoryText(ArticleContent article, bool entitled, int maxChars)
    {
        if (article.IsPremium && !entitled)
            return (Cut(article.Teaser ?? article.Summary ?? "", maxChars), SubscribersReadOn);
        return (Cut(article.BodyText, maxChars), article.IsPremium ? "Read the whole article" : "Read on");
    }

    /// <summary>At most <paramref name="maxChars"/> characters, ending at a word, with an ellipsis when cut.</summary>
    public static string Cut(string text, int maxChars)
    {
        text = text.Trim();
        if (text.Length <= maxChars) return text;
        var end = text.LastIndexOf(' ', maxChars);
        return text[..(end > maxChars / 2 ? end : maxChars)].TrimEnd(',', ';', ':', ' ') + "…";
    }
}
