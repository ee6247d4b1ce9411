using System.Security.Cryptography;
using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using NewsPlatform.Subscriptions.Accounts;
using NewsPlatform.Subscriptions.Mail;
using NewsPlatform.Subscriptions.Tokens;

namespace NewsPlatform.Subscriptions.Newsletters;

/// <summary>
/// One reader's unsubscribe token for one list, the same in every mail of that list (so an old mail's link still
/// works). It is a capability to take the reader off that list and nothing else: no login, no other change.
/// </summary>
public sealed class UnsubscribeKey
{
    /// <summary>"{reader}:{list}": at most one key per reader and list.</summary>
    public string Id { get; set; } = "";
    public string Token { get; set; } = "";
    public Guid ReaderId { get; set; }
    public string List { get; set; } = "";

    public static string IdFor(Guid readerId, string list) => $"{readerId:N}:{list}";
}

public sealed record UnsubscribeState(string List, string ListName, string Email, bool Subscribed);

/// <summary>
/// Slice: one-click unsubscribe (RFC 8058). Every bulk mail names <c>POST /api/mail/unsubscribe/{token}</c> in
/// <c>List-Unsubscribe</c> with <c>List-Unsubscribe-Post: List-Unsubscribe=One-Click</c>; a mail program posts to it
/// without a login or a page. The link in the mail's footer opens the site's page, which asks before posting: a GET
/// never unsubscribes, because mail scanners follow links.
/// </summary>
public static class UnsubscribeLinks
{
    public static void MapUnsubscribe(this IEndpointRouteBuilder app)
    {
        var mail = app.MapGroup("/api/mail/unsubscribe").WithTags("Newsletters");
        mail.MapGet("/{token}", Get).WithName("UnsubscribeState").WithSummary("Which list an unsubscribe token is for, and whether the reader is on it");
        mail.MapPost("/{token}", Unsubscribe).WithName("Unsubscribe").WithSummary("One-click unsubscribe (RFC 8058): no login")
            .DisableAntiforgery();
    }

    public static string OneClickUrl(MailSettings settings, string token) => settings.Link($"/api/mail/unsubscribe/{token}");

    public static string PageUrl(MailSettings settings, string token) => settings.Link($"/unsubscribe/{token}");

    public static string NameOf(string list) => list == MailLists.MorningBriefing ? "the morning briefing" : "alerts for followed sections";

    /// <summary>The readers' tokens for a list; missing ones are added to the session (saved with the mails that carry them).</summary>
    public static async Task<Dictionary<Guid, string>> TokensAsync(IDocumentSession session, IReadOnlyCollection<Guid> readers, string list,
        CancellationToken cancellationToken)
    {
        var keys = (await session.LoadManyAsync<UnsubscribeKey>(cancellationToken, readers.Select(r => UnsubscribeKey.IdFor(r, list))))
            .ToDictionary(k => k.ReaderId, k => k.Token);
        foreach (var reader in readers.Where(r => !keys.ContainsKey(r)))
        {
            var token = Secrets.New(24);
            session.Insert(new UnsubscribeKey { Id = UnsubscribeKey.IdFor(reader, list), Token = token, ReaderId = reader, List = list });
            keys[reader] = token;
        }
        return keys;
    }

    private static async Task<UnsubscribeKey?> FindAsync(IQuerySession session, string token, CancellationToken cancellationToken) =>
        token.Length is 0 or > 64 ? null : await session.Query<UnsubscribeKey>().FirstOrDefaultAsync(k => k.Token == token, cancellationToken);

    private static async Task<Results<Ok<UnsubscribeState>, ProblemHttpResult>> Get(string token, IQuerySession session, CancellationToken cancellationToken)
    {
        var key = await FindAsync(session, token, cancellationToken);
        var account = key is null ? null : await session.LoadAsync<ReaderAccount>(key.ReaderId, cancellationToken);
        if (key is null || account is null) return NotFound();
        return TypedResults.Ok(new UnsubscribeState(key.List, NameOf(key.List), EmailClaim.Masked(account.Email), IsOn(account, key.List)));
    }

    private static async Task<Results<Ok<UnsubscribeState>, ProblemHttpResult>> Unsubscribe(
        string token, IDocumentSession session, TimeProvider clock, ILogger<UnsubscribeKey> logger, CancellationToken cancellationToken)
    {
        var key = await FindAsync(session, token, cancellationToken);
        if (key is null) return NotFound();
        var stream = await session.Events.FetchForWriting<ReaderAccount>(key.ReaderId, cancellationToken);
        if (stream.Aggregate is not { } account) return NotFound();
        stream.AppendMany(AccountDecider.DecideUnsubscribe(account, key.List, clock.GetUtcNow()));
        await session.SaveChangesAsync(cancellationToken); // a concurrent change of the same account: 409, and the mail program retries
        using (logger.BeginReaderScope(account.Id)) logger.LogInformation("Unsubscribed from {List} by one-click link", key.List);
        return TypedResults.Ok(new UnsubscribeState(key.List, NameOf(key.List), EmailClaim.Masked(account.Email), Subscribed: false));
    }

    private static bool IsOn(ReaderAccount account, string list) =>
        list == MailLists.MorningBriefing ? account.MorningBriefing : account.Alerts != SectionAlerts.Off;

    private static ProblemHttpResult NotFound() => TypedResults.Problem(statusCode: StatusCodes.Status404NotFound,
        title: "This unsubscribe link is not known.", type: SubscriptionsProblems.TypeBase + "unsubscribe-link-not-found",
        detail: "Change what you get by mail on your account page.");
}
