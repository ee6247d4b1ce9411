namespace NewsPlatform.Articles.Domain;

public abstract record ArticleCommand(Guid ArticleId, string By, DateTimeOffset At);

public sealed record DraftArticle(Guid ArticleId, ArticleCopy Copy, string By, DateTimeOffset At)
    : ArticleCommand(ArticleId, By, At);

/// <param name="FreshSlug">The slug to take if the article has none yet (reserved by the caller).</param>
public sealed record PublishArticle(Guid ArticleId, string FreshSlug, string By, DateTimeOffset At)
    : ArticleCommand(ArticleId, By, At);

/// <summary>
/// The newsroom rules as pure code: <see cref="Decide"/> says which events a command produces from an
/// article's state, <see cref="Evolve"/> folds an event into the state. Tested without a database.
/// </summary>
public static class ArticleDecider
{
    public const int MaxHeadlineLength = 200;
    public const int MaxBodyBytes = 200 * 1024;

    public static IReadOnlyList<object> Decide(ArticleCommand command, Article? state) => command switch
    {
        DraftArticle draft when state is null => [new ArticleDrafted(draft.ArticleId, Validate(draft.Copy), draft.By, draft.At)],
        DraftArticle => throw ArticleRejected.Conflict("already-exists", "An article with this id already exists."),
        PublishArticle publish => DecidePublish(publish, state),
        _ => throw new ArgumentOutOfRangeException(nameof(command), command.GetType().Name, "Unknown command."),
    };

    private static IReadOnlyList<object> DecidePublish(PublishArticle command, Article? state)
    {
        if (state is null) throw ArticleRejected.Conflict("not-drafted", "Only a drafted article can be published.");
        if (state.Status == ArticleStatus.Published)
            throw ArticleRejected.Conflict("already-published", "The article is already published.");
        Validate(state.Copy); // a draft saved under older rules must still pass them to go live
        return [new ArticlePublished(command.ArticleId, state.Slug ?? command.FreshSlug, command.By, command.At)];
    }

    /// <summary>Checks the copy and returns it normalised (trimmed headline, distinct tags).</summary>
    public static ArticleCopy Validate(ArticleCopy copy)
    {
        var errors = new Dictionary<string, string[]>();
        var headline = copy.Headline?.Trim() ?? "";
        if (headline.Length == 0) errors["headline"] = ["A headline is required."];
        else if (headline.Length > MaxHeadlineLength)
            errors["headline"] = [$"A headline has at most {MaxHeadlineLength} characters."];

        if (string.IsNullOrWhiteSpace(copy.Body)) errors["body"] = ["A body is required."];
        else if (System.Text.Encoding.UTF8.GetByteCount(copy.Body) > MaxBodyBytes)
            errors["body"] = [$"A body has at most {MaxBodyBytes / 1024} KB."];

        var section = SectionTree.Find(copy.Section ?? "");
        if (section is null) errors["section"] = [$"Unknown section '{copy.Section}'."];
        else if (copy.Subsection is { Length: > 0 } sub && section.FindSubsection(sub) is null)
            errors["subsection"] = [$"'{sub}' is not a subsection of '{section.Slug}'."];

        if (errors.Count > 0) throw ArticleRejected.Invalid(errors);

        return copy with
        {
            Headline = headline,
            Summary = string.IsNullOrWhiteSpace(copy.Summary) ? null : copy.Summary.Trim(),
            Subsection = string.IsNullOrWhiteSpace(copy.Subsection) ? null : copy.Subsection,
            Byline = string.IsNullOrWhiteSpace(copy.Byline) ? null : copy.Byline.Trim(),
            Tags = (copy.Tags ?? []).Select(t => t.Trim()).Where(t => t.Length > 0).Distinct(StringComparer.OrdinalIgnoreCase).ToArray(),
        };
    }

    public static Article? Evolve(Article? state, object @event) => (state, @event) switch
    {
        (null, ArticleDrafted drafted) => new Article(
            drafted.ArticleId, ArticleStatus.Draft, drafted.Copy, null, drafted.At, null, null),
        (not null, ArticlePublished published) => state with
        {
            Status = ArticleStatus.Published,
            Slug = state.Slug ?? published.Slug,
            PublishedAt = state.PublishedAt ?? published.At,
        },
        _ => state,
    };

    public static Article? Fold(IEnumerable<object> events) => events.Aggregate((Article?)null, Evolve);
}
