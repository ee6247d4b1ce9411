using System.Security.Claims;
using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using NewsPlatform.Subscriptions.Accounts;

namespace NewsPlatform.Subscriptions.Newsletters;

public sealed record MailPreferences(SectionAlerts Alerts, bool MorningBriefing, bool EmailVerified);
public sealed record MailPreferencesChange(SectionAlerts? Alerts, bool? MorningBriefing);

/// <summary>Slice: what a reader gets by mail — alerts for followed sections (off, instant, daily digest) and the morning briefing.</summary>
public static class MailPreferencesApi
{
    public static void MapMailPreferences(this IEndpointRouteBuilder app)
    {
        var me = app.MapGroup("/api/me/mail-preferences").WithTags("Newsletters").RequireAuthorization(Policies.Reader);
        me.MapGet("/", Get).WithName("MailPreferences").WithSummary("Alerts and the morning briefing by mail");
        me.MapPut("/", Change).WithName("ChangeMailPreferences")
            .WithSummary("Set alerts (off, instant, daily) and the morning briefing; mail goes only to a verified address");
    }

    private static async Task<Results<Ok<MailPreferences>, ProblemHttpResult>> Get(ClaimsPrincipal user, IQuerySession session, CancellationToken cancellationToken) =>
        await session.LoadAsync<ReaderAccount>(user.ReaderId(), cancellationToken) is { } account
            ? TypedResults.Ok(Of(account))
            : SubscriptionsProblems.AccountNotFound();

    private static async Task<Results<Ok<MailPreferences>, ValidationProblem, ProblemHttpResult>> Change(
        MailPreferencesChange change, ClaimsPrincipal user, IDocumentSession session, TimeProvider clock, CancellationToken cancellationToken)
    {
        if (change.Alerts is { } alerts && !Enum.IsDefined(alerts))
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["alerts"] = ["Alerts are off, instant or daily."] });
        var stream = await session.Events.FetchForWriting<ReaderAccount>(user.ReaderId(), cancellationToken);
        if (stream.Aggregate is not { } account) return SubscriptionsProblems.AccountNotFound();
        var events = AccountDecider.DecideMailPreferences(account, change.Alerts ?? account.Alerts,
            change.MorningBriefing ?? account.MorningBriefing, "account page", clock.GetUtcNow());
        stream.AppendMany(events);
        await session.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok(Of(events.Aggregate(account, (state, e) => AccountDecider.Evolve(state, e)!)));
    }

    private static MailPreferences Of(ReaderAccount account) => new(account.Alerts, account.MorningBriefing, account.EmailVerified);
}
