using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using Marten;
using Marten.Pagination;
using MassTransit;
using Microsoft.AspNetCore.Http.HttpResults;
using NewsPlatform.Contracts.Articles;
using NewsPlatform.Contracts.Sections;
using NewsPlatform.Subscriptions.Accounts;
using NewsPlatform.Subscriptions.Tokens;

namespace NewsPlatform.Subscriptions.Follows;

/// <summary>A new article in a section the reader follows.</summary>
public sealed class Notification
{
    /// <summary>Derived from reader and article: one notification per reader and article, however often the event comes.</summary>
    public Guid Id { get; set; }
    public Guid ReaderId { get; set; }
    public Guid ArticleId { get; set; }
    public string Slug { get; set; } = "";
    public string Headline { get; set; } = "";
    public string Section { get; set; } = "";
    public DateTimeOffset PublishedAt { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? ReadAt { get; set; }

    public static Guid IdFor(Guid readerId, Guid articleId) =>
        DerivedIds.Of($"{readerId:N}:{articleId:N}");
}

/// <summary>A page of the inbox, and how many of all the reader's notifications are unread (the site's badge).</summary>
public sealed record NotificationInbox(IReadOnlyList<Notification> Items, int Page, int PageSize, long Total, long Unread);

/// <summary>Slices: follow and unfollow sections; the notification inbox.</summary>
public static class FollowsApi
{
    public const int MaxInboxWindow = 10_000;

    public static void MapFollows(this IEndpointRouteBuilder app)
    {
        var me = app.MapGroup("/api/me").WithTags("Follows").RequireAuthorization(Policies.Reader);
        me.MapGet("/follows", Follows).WithName("Follows").WithSummary("Followed sections");
        me.MapPut("/follows/{section}", (string section, ClaimsPrincipal user, IDocumentSession session, TimeProvider clock, CancellationToken ct) =>
            ChangeAsync(section, follow: true, user, session, clock, ct)).WithName("Follow").WithSummary("Follow a section");
        me.MapDelete("/follows/{section}", (string section, ClaimsPrincipal user, IDocumentSession session, TimeProvider clock, CancellationToken ct) =>
            ChangeAsync(section, follow: false, user, session, clock, ct)).WithName("Unfollow").WithSummary("Unfollow a section");
        me.MapGet("/notifications", Inbox).WithName("Notifications").WithSummary("New articles in followed sections, newest first");
        me.MapPost("/notifications/{id:guid}/read", MarkRead).WithName("MarkNotificationRead").WithSummary("Mark a notification as read");
    }

    private static async Task<Ok<IReadOnlyList<string>>> Follows(ClaimsPrincipal user, IQuerySession session, CancellationToken cancellationToken)
    {
        var account = await session.LoadAsync<ReaderAccount>(user.ReaderId(), cancellationToken);
        return TypedResults.Ok(account?.Follows ?? []);
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> ChangeAsync(
        string section, bool follow, ClaimsPrincipal user, IDocumentSession session, TimeProvider clock, CancellationToken cancellationToken)
    {
        if (SectionTree.Find(section) is null)
            return TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Section not found.",
                type: "https://newsplatform.dev/problems/section-not-found", detail: $"There is no section '{section}'.");

        var stream = await session.Events.FetchForWriting<ReaderAccount>(user.ReaderId(), cancellationToken);
        if (stream.Aggregate is null)
            return TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "No such account.");
        stream.AppendMany(AccountDecider.DecideFollow(stream.Aggregate, section, follow, clock.GetUtcNow()));
        await session.SaveChangesAsync(cancellationToken);
        return TypedResults.NoContent();
    }

    private static async Task<Results<Ok<NotificationInbox>, ValidationProblem>> Inbox(
        int? page, int? pageSize, ClaimsPrincipal user, IQuerySession session, CancellationToken cancellationToken)
    {
        if (page is < 1 || pageSize is < 1 or > 50)
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["paging"] = ["page ≥ 1 and pageSize between 1 and 50."] });
        // Nobody pages past the 10,000th notification; a page number beyond that would only overflow the offset.
        if ((long)(page ?? 1) * (pageSize ?? 20) > MaxInboxWindow)
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["page"] = [$"The inbox is paged up to its {MaxInboxWindow:N0}th notification."] });
        var (number, size) = (page ?? 1, pageSize ?? 20);
        var readerId = user.ReaderId();
        var found = await session.Query<Notification>()
            .Where(n => n.ReaderId == readerId)
            .OrderByDescending(n => n.PublishedAt)
            .ToPagedListAsync(number, size, cancellationToken);
        var unread = await session.Query<Notification>().CountAsync(n => n.ReaderId == readerId && n.ReadAt == null, cancellationToken);
        return TypedResults.Ok(new NotificationInbox(found.ToList(), number, size, found.TotalItemCount, unread));
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> MarkRead(
        Guid id, ClaimsPrincipal user, IDocumentSession session, TimeProvider clock, CancellationToken cancellationToken)
    {
        var notification = await session.LoadAsync<Notification>(id, cancellationToken);
        if (notification is null || notification.ReaderId != user.ReaderId())
            return TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "No such notification.");
        notification.ReadAt ??= clock.GetUtcNow();
        session.Store(notification);
        await session.SaveChangesAsync(cancellationToken);
        return TypedResults.NoContent();
    }

}

/// <summary>
/// Puts one notification per follower of the article's section in their inbox. A duplicate or a
/// republication of the same article adds nothing: the notification id is derived from reader and article.
/// </summary>
public sealed class NotifyFollowers(IDocumentSession session, TimeProvider clock, ILogger<NotifyFollowers> logger) : IConsumer<ArticlePublished>
{
    public async Task Consume(ConsumeContext<ArticlePublished> context)
    {
        var article = context.Message;
        PlatformTelemetry.TagArticle(article.ArticleId);
        using var scope = logger.BeginArticleScope(article.ArticleId);
        var section = article.Content.Section;
        var followers = await session.Query<ReaderAccount>()
            .Where(a => a.Follows.Contains(section))
            .Select(a => a.Id)
            .ToListAsync(context.CancellationToken);
        if (followers.Count == 0) return;

        var ids = followers.Select(reader => Notification.IdFor(reader, article.ArticleId)).ToArray();
        var existing = (await session.LoadManyAsync<Notification>(context.CancellationToken, ids)).Select(n => n.Id).ToHashSet();
        foreach (var reader in followers.Where(r => !existing.Contains(Notification.IdFor(r, article.ArticleId))))
        {
            session.Insert(new Notification
            {
                Id = Notification.IdFor(reader, article.ArticleId),
                ReaderId = reader,
                ArticleId = article.ArticleId,
                Slug = article.Content.Slug,
                Headline = article.Content.Headline,
                Section = section,
                PublishedAt = article.PublishedAt,
                CreatedAt = clock.GetUtcNow(),
            });
        }
        // A concurrent copy inserting the same notification fails here and is retried: it then finds it.
        await session.SaveChangesAsync(context.CancellationToken);
        logger.LogInformation("Notified {Count} followers of section {Section}", followers.Count, section);
    }
}
