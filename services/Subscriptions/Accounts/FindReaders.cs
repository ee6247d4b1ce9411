using Marten;
using Marten.Linq.MatchesSql;
using Marten.Pagination;
using Microsoft.AspNetCore.Http.HttpResults;
using NewsPlatform.Subscriptions.Subscribing;

namespace NewsPlatform.Subscriptions.Accounts;

/// <summary>A page of readers, newest registration first.</summary>
public sealed record ReaderPage(IReadOnlyList<ReaderProfile> Items, int Page, int PageSize, long Total);

/// <summary>
/// Slices for the admin desk: find readers by email — exactly (<c>?email=</c>, the address as normalised at
/// registration, through the email claim's primary key) — or by a part of their email or display name (<c>?q=</c>,
/// any case, newest first, paged), and read one reader's profile. Both answer profiles with the roles and the open
/// subscription, if any.
/// </summary>
public static class FindReaders
{
    /// <summary>A desk page shows a screenful; more readers than that means the search wants narrowing.</summary>
    public const int DefaultPageSize = 20, MaxPageSize = 20;
    /// <summary>Nobody pages past the 10,000th reader of one search; a page number beyond that would only overflow the offset.</summary>
    public const int MaxWindow = 10_000;

    public static void MapFindReaders(this IEndpointRouteBuilder app)
    {
        var admin = app.MapGroup("/api/admin/users").WithTags("Admin").RequireAuthorization(Policies.Admin);
        admin.MapGet("/", Find).WithName("FindReaders")
            .WithSummary("Find readers: email= (exact, any case) or q= (part of an email or display name), newest first, paged");
        admin.MapGet("/{id:guid}", Get).WithName("GetReader").WithSummary("One reader's profile, roles and subscription");
    }

    private static async Task<Results<Ok<ReaderPage>, ValidationProblem>> Find(
        string? email, string? q, int? page, int? pageSize, IQuerySession session, TimeProvider clock,
        CancellationToken cancellationToken)
    {
        var (exact, part) = (email?.Trim() ?? "", q?.Trim() ?? "");
        var errors = new Dictionary<string, string[]>();
        if (exact.Length == 0 && part.Length == 0) errors["q"] = ["Give email (the whole address) or q (a part of an email or display name)."];
        if (exact.Length > 0 && part.Length > 0) errors["q"] = ["Give email or q, not both."];
        if (exact.Length > EmailClaim.MaxLength) errors["email"] = [$"An email address has at most {EmailClaim.MaxLength} characters."];
        if (part.Length > EmailClaim.MaxLength) errors["q"] = [$"q has at most {EmailClaim.MaxLength} characters."];
        // No address or name holds one, and PostgreSQL takes no NUL in text: refused rather than sent.
        if (exact.Any(char.IsControl)) errors["email"] = ["email has no control characters."];
        if (part.Any(char.IsControl)) errors["q"] = ["q has no control characters."];
        if (page is < 1) errors["page"] = ["page is 1 or more."];
        if (pageSize is < 1 or > MaxPageSize) errors["pageSize"] = [$"pageSize is between 1 and {MaxPageSize}."];
        var (number, size) = (page ?? 1, pageSize ?? DefaultPageSize);
        if (!errors.ContainsKey("page") && !errors.ContainsKey("pageSize") && (long)number * size > MaxWindow)
            errors["page"] = [$"Searches are paged up to their {MaxWindow:N0}th reader; narrow the search."];
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors);

        var now = clock.GetUtcNow();
        if (exact.Length > 0)
        {
            // The same normalisation as registration and login: one address, one account.
            var claim = await session.LoadAsync<EmailClaim>(EmailClaim.Normalise(exact), cancellationToken);
            var account = claim is null ? null : await session.LoadAsync<ReaderAccount>(claim.ReaderId, cancellationToken);
            IReadOnlyList<ReaderProfile> items = account is null || number > 1 ? [] : await ProfilesAsync(session, [account], now, cancellationToken);
            return TypedResults.Ok(new ReaderPage(items, number, size, account is null ? 0 : 1));
        }

        // Stored addresses are normalised (lower case), so the part is too; display names keep their case, so they are
        // matched ignoring it. LIKE's wildcards in the part are taken literally. No index serves "contains": a scan of
        // the accounts, which an admin's occasional search can afford.
        var pattern = "%" + EscapeLike(EmailClaim.Normalise(part)) + "%";
        var found = await session.Query<ReaderAccount>()
            .Where(a => a.MatchesSql(@"(d.data ->> 'Email' like ? escape '\' or d.data ->> 'DisplayName' ilike ? escape '\')", pattern, pattern))
            .OrderByDescending(a => a.RegisteredAt).ThenByDescending(a => a.Id)
            .ToPagedListAsync(number, size, cancellationToken);
        return TypedResults.Ok(new ReaderPage(await ProfilesAsync(session, found.ToList(), now, cancellationToken), number, size, found.TotalItemCount));
    }

    private static async Task<Results<Ok<ReaderProfile>, ProblemHttpResult>> Get(
        Guid id, IQuerySession session, TimeProvider clock, CancellationToken cancellationToken)
    {
        var account = await session.LoadAsync<ReaderAccount>(id, cancellationToken);
        if (account is null) return SubscriptionsProblems.AccountNotFound();
        return TypedResults.Ok((await ProfilesAsync(session, [account], clock.GetUtcNow(), cancellationToken))[0]);
    }

    /// <summary>
    /// The accounts' profiles with their open subscription (pending, active or cancelled), if any: two lookups by
    /// primary key for the whole list, whatever its length.
    /// </summary>
    public static async Task<IReadOnlyList<ReaderProfile>> ProfilesAsync(IQuerySession session, IReadOnlyList<ReaderAccount> accounts,
        DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (accounts.Count == 0) return [];
        var open = await session.LoadManyAsync<OpenSubscription>(cancellationToken, accounts.Select(a => a.Id));
        var subscriptions = open.Count == 0
            ? new Dictionary<Guid, Subscription>()
            : (await session.LoadManyAsync<Subscription>(cancellationToken, open.Select(o => o.SubscriptionId))).ToDictionary(s => s.ReaderId);
        return accounts.Select(account => AccountsApi.Profile(account) with
        {
            Subscription = subscriptions.TryGetValue(account.Id, out var subscription) ? SubscriptionView.From(subscription, now) : null,
        }).ToList();
    }

    private static string EscapeLike(string text) => text.Replace(@"\", @"\\").Replace("%", @"\%").Replace("_", @"\_");
}
