using NewsPlatform.Contracts.Sections;
namespace NewsPlatform.Articles.Domain;

public abstract record ArticleCommand(Guid ArticleId, string By, DateTimeOffset At);

public sealed record DraftArticle(Guid ArticleId, ArticleCopy Copy, string By, DateTimeOffset At)
    : ArticleCommand(ArticleId, By, At);

/// <summary>Change the copy of an article that is not live.</summary>
/// <param name="RestoredFrom">Set when the copy is an earlier version's, restored.</param>
public sealed record ReviseArticle(Guid ArticleId, ArticleCopy Copy, string By, DateTimeOffset At, long? RestoredFrom = null)
    : ArticleCommand(ArticleId, By, At);

/// <summary>Change the copy of a live article; the change shows as <c>Updated</c>.</summary>
public sealed record CorrectArticle(Guid ArticleId, ArticleCopy Copy, string? Note, string By, DateTimeOffset At, long? RestoredFrom = null)
    : ArticleCommand(ArticleId, By, At);

public sealed record ScheduleArticle(Guid ArticleId, DateTimeOffset PublishAt, string By, DateTimeOffset At)
    : ArticleCommand(ArticleId, By, At);

public sealed record CancelSchedule(Guid ArticleId, string By, DateTimeOffset At)
    : ArticleCommand(ArticleId, By, At);

/// <param name="FreshSlug">The slug to take if the article has none yet (reserved by the caller).</param>
public sealed record PublishArticle(Guid ArticleId, string FreshSlug, string By, DateTimeOffset At)
    : ArticleCommand(ArticleId, By, At);

public sealed record UnpublishArticle(Guid ArticleId, string? Reason, string By, DateTimeOffset At)
    : ArticleCommand(ArticleId, By, At);

/// <summary>
/// The newsroom rules as pure code: <see cref="Decide"/> says which events a command produces from an
/// article's state, <see cref="Evolve"/> folds an event into the state. Tested without a database.
/// </summary>
public static class ArticleDecider
{
    public const int MaxHeadlineLength = 200;
    public const int MaxSummaryLength = 500;
    public const int MaxBodyBytes = 200 * 1024;
    public const int MaxTags = 20;
    public const int MaxTagLength = 50;
    public const int MaxNameLength = 200;
    public const int MaxCaptionLength = 1000;
    public const int MaxGalleryPhotos = 60;

    public static IReadOnlyList<object> Decide(ArticleCommand command, Article? state)
    {
        if (command is DraftArticle draft)
        {
            if (state is not null) throw ArticleRejected.Conflict("already-exists", "An article with this id already exists.");
            return [new ArticleDrafted(draft.ArticleId, Validate(draft.Copy), draft.By, draft.At)];
        }

        if (state is null) throw ArticleRejected.Conflict("not-drafted", "There is no such article to change.");

        return command switch
        {
            ReviseArticle revise => DecideRevise(revise, state),
            CorrectArticle correct => DecideCorrect(correct, state),
            ScheduleArticle schedule => DecideSchedule(schedule, state),
            CancelSchedule cancel => state.Status == ArticleStatus.Scheduled
                ? [new ArticleScheduleCancelled(cancel.ArticleId, cancel.By, cancel.At)]
                : throw ArticleRejected.Conflict("not-scheduled", "The article has no schedule to cancel."),
            PublishArticle publish => DecidePublish(publish, state),
            UnpublishArticle unpublish => state.IsLive
                ? [new ArticleUnpublished(unpublish.ArticleId, Trimmed(unpublish.Reason), unpublish.By, unpublish.At)]
                : throw ArticleRejected.Conflict("not-published", "Only a published article can be taken down."),
            _ => throw new ArgumentOutOfRangeException(nameof(command), command.GetType().Name, "Unknown command."),
        };
    }

    private static IReadOnlyList<object> DecideRevise(ReviseArticle command, Article state)
    {
        if (state.IsLive)
            throw ArticleRejected.Conflict("article-is-live", "The article is live: change it with a correction.");
        var copy = Validate(command.Copy);
        return SameCopy(copy, state.Copy) ? [] : [new ArticleRevised(command.ArticleId, copy, command.By, command.At, command.RestoredFrom)];
    }

    private static IReadOnlyList<object> DecideCorrect(CorrectArticle command, Article state)
    {
        if (!state.IsLive)
            throw ArticleRejected.Conflict("not-published", "Only a published article can be corrected; revise a draft instead.");
        var copy = Validate(command.Copy);
        return SameCopy(copy, state.Copy)
            ? []
            : [new ArticleCorrected(command.ArticleId, copy, Trimmed(command.Note), command.By, command.At, command.RestoredFrom)];
    }

    private static IReadOnlyList<object> DecideSchedule(ScheduleArticle command, Article state)
    {
        if (state.IsLive) throw ArticleRejected.Conflict("already-published", "The article is already published.");
        if (command.PublishAt <= command.At)
            throw ArticleRejected.Invalid(new Dictionary<string, string[]> { ["publishAt"] = ["A schedule must lie in the future."] });
        Validate(state.Copy);
        return [new ArticleScheduled(command.ArticleId, command.PublishAt, command.By, command.At)];
    }

    private static IReadOnlyList<object> DecidePublish(PublishArticle command, Article state)
    {
        if (state.IsLive) throw ArticleRejected.Conflict("already-published", "The article is already published.");
        Validate(state.Copy); // a draft saved under older rules must still pass them to go live
        return [new ArticlePublished(command.ArticleId, state.Slug ?? command.FreshSlug, command.By, command.At)];
    }

    public static Article? Evolve(Article? state, object @event) => (state, @event) switch
    {
        (null, ArticleDrafted e) => new Article(e.ArticleId, ArticleStatus.Draft, e.Copy, Slug: null, CreatedAt: e.At,
            ScheduledFor: null, PublishedAt: null, UpdatedAt: null, LastChangedAt: e.At, LastChangedBy: e.By) { CreatedBy = e.By },
        (not null, ArticleRevised e) => state with { Copy = e.Copy, LastChangedAt = e.At, LastChangedBy = e.By },
        (not null, ArticleScheduled e) => state with
        {
            Status = ArticleStatus.Scheduled, ScheduledFor = e.PublishAt, LastChangedAt = e.At, LastChangedBy = e.By,
        },
        (not null, ArticleScheduleCancelled e) => state with
        {
            Status = state.PublishedAt is null ? ArticleStatus.Draft : ArticleStatus.Unpublished,
            ScheduledFor = null, LastChangedAt = e.At, LastChangedBy = e.By,
        },
        (not null, ArticlePublished e) => state with
        {
            Status = ArticleStatus.Published,
            Slug = state.Slug ?? e.Slug,
            ScheduledFor = null,
            // A republished article keeps its first publication time; the return shows as Updated.
            PublishedAt = state.PublishedAt ?? e.At,
            UpdatedAt = state.PublishedAt is null ? state.UpdatedAt : e.At,
            LastChangedAt = e.At, LastChangedBy = e.By,
        },
        (not null, ArticleCorrected e) => state with
        {
            Copy = e.Copy, UpdatedAt = e.At, LastChangedAt = e.At, LastChangedBy = e.By,
            Corrections = e.Note is { } note ? [.. state.Corrections ?? [], new PublishedCorrection(note, e.At)] : state.Corrections,
        },
        (not null, ArticleUnpublished e) => state with { Status = ArticleStatus.Unpublished, LastChangedAt = e.At, LastChangedBy = e.By },
        _ => state,
    };

    public static Article? Fold(IEnumerable<object> events) => events.Aggregate((Article?)null, Evolve);

    /// <summary>Checks the copy and returns it normalised (trimmed text, distinct tags).</summary>
    public static ArticleCopy Validate(ArticleCopy copy)
    {
        var errors = new Dictionary<string, string[]>();
        void Fail(string field, string message) => errors[field] = [message];

        var headline = copy.Headline?.Trim() ?? "";
        if (headline.Length == 0) Fail("headline", "A headline is required.");
        else if (headline.Length > MaxHeadlineLength) Fail("headline", $"A headline has at most {MaxHeadlineLength} characters.");

        if (copy.Summary?.Trim().Length > MaxSummaryLength) Fail("summary", $"A summary has at most {MaxSummaryLength} characters.");

        if (string.IsNullOrWhiteSpace(ArticleText.PlainText(copy.Body ?? ""))) Fail("body", "A body with some text is required.");
        else if (System.Text.Encoding.UTF8.GetByteCount(copy.Body!) > MaxBodyBytes)
            Fail("body", $"A body has at most {MaxBodyBytes / 1024} KB.");

        var section = SectionTree.Find(copy.Section ?? "");
        if (string.IsNullOrWhiteSpace(copy.Section)) Fail("section", "A section is required.");
        else if (section is null) Fail("section", $"Unknown section '{copy.Section}'.");
        else if (!string.IsNullOrWhiteSpace(copy.Subsection) && section.FindSubsection(copy.Subsection) is null)
            Fail("subsection", $"'{copy.Subsection}' is not a subsection of '{section.Slug}'.");

        if (copy.Byline?.Trim().Length > MaxNameLength) Fail("byline", $"A byline has at most {MaxNameLength} characters.");
        if (copy.SourceCredit?.Trim().Length > MaxNameLength) Fail("sourceCredit", $"A source credit has at most {MaxNameLength} characters.");

        var tags = (copy.Tags ?? []).Select(t => t?.Trim() ?? "").Where(t => t.Length > 0)
            .Distinct(StringComparer.OrdinalIgnoreCase).ToArray();
        if (tags.Length > MaxTags) Fail("tags", $"At most {MaxTags} tags.");
        else if (tags.Any(t => t.Length > MaxTagLength)) Fail("tags", $"A tag has at most {MaxTagLength} characters.");

        if (copy.LeadPhoto is { } photo && !IsPhotoAddress(photo.Url))
            Fail("leadPhoto.url", "The lead photo needs an http(s) address or an uploaded photo.");
        if (copy.LeadPhoto?.Caption?.Trim().Length > MaxCaptionLength) Fail("leadPhoto.caption", $"A caption has at most {MaxCaptionLength} characters.");
        if (copy.LeadPhoto?.Credit?.Trim().Length > MaxNameLength) Fail("leadPhoto.credit", $"A photo credit has at most {MaxNameLength} characters.");

        var gallery = copy.Kind == ArticleKind.Gallery ? copy.Gallery ?? [] : [];
        if (copy.Kind == ArticleKind.Gallery)
        {
            if (gallery.Count == 0) Fail("gallery", "A gallery needs at least one photo.");
            else if (gallery.Count > MaxGalleryPhotos) Fail("gallery", $"A gallery has at most {MaxGalleryPhotos} photos.");
            for (var i = 0; i < gallery.Count; i++)
            {
                if (!IsPhotoAddress(gallery[i].Url)) Fail($"gallery[{i}].url", "Each gallery photo needs an http(s) address or an uploaded photo.");
                if (gallery[i].Caption?.Trim().Length > MaxCaptionLength) Fail($"gallery[{i}].caption", $"A caption has at most {MaxCaptionLength} characters.");
                if (gallery[i].Credit?.Trim().Length > MaxNameLength) Fail($"gallery[{i}].credit", $"A photo credit has at most {MaxNameLength} characters.");
            }
        }
        else if (!Enum.IsDefined(copy.Kind)) Fail("kind", "kind is story or gallery.");

        if (errors.Count > 0) throw ArticleRejected.Invalid(errors);

        return copy with
        {
            Headline = headline,
            Summary = Trimmed(copy.Summary),
            Subsection = Trimmed(copy.Subsection),
            Byline = Trimmed(copy.Byline),
            SourceCredit = Trimmed(copy.SourceCredit),
            Tags = tags,
            LeadPhoto = copy.LeadPhoto is { } p ? Tidied(p) : null,
            // a story keeps no gallery, so switching a draft back to a story leaves no hidden photos behind
            Gallery = copy.Kind == ArticleKind.Gallery ? gallery.Select(Tidied).ToArray() : null,
        };
    }

    private static ArticlePhoto Tidied(ArticlePhoto photo) => photo with { Caption = Trimmed(photo.Caption), Credit = Trimmed(photo.Credit) };

    /// <summary>An http(s) address, or the site's own address of an uploaded photo (<c>/photos/…</c>, served by the platform).</summary>
    private static bool IsPhotoAddress(string? url) =>
        url is not null && (url.StartsWith("/photos/", StringComparison.Ordinal) && !url.Contains("..", StringComparison.Ordinal)
            || Uri.TryCreate(url, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp));

    private static string? Trimmed(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

    // Records compare their lists by reference: compare those by content.
    private static bool SameCopy(ArticleCopy a, ArticleCopy b) =>
        a with { Tags = [], LeadPhoto = null, Gallery = null } == b with { Tags = [], LeadPhoto = null, Gallery = null }
        && a.Tags.SequenceEqual(b.Tags)
        && SamePhoto(a.LeadPhoto, b.LeadPhoto)
        && (a.Gallery ?? []).Count == (b.Gallery ?? []).Count
        && (a.Gallery ?? []).Zip(b.Gallery ?? []).All(pair => SamePhoto(pair.First, pair.Second));

    public static bool SamePhoto(ArticlePhoto? a, ArticlePhoto? b) =>
        a is null || b is null
            ? a is null && b is null
            : a with { Sizes = null } == b with { Sizes = null } && (a.Sizes ?? []).SequenceEqual(b.Sizes ?? []);
}
