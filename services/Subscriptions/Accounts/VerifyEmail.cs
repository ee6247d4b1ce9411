using System.Security.Claims;
using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using NewsPlatform.Subscriptions.Mail;

namespace NewsPlatform.Subscriptions.Accounts;

public sealed record LinkRequest(string? Token);
public sealed record EmailVerification(string Email, bool Verified);

/// <summary>
/// Slice: verify an address. Registration mails a link (single use, 24 hours); opening it marks the address verified.
/// A reader may ask for a new link, at most one a minute and five a day. Until verified a reader reads, follows and
/// subscribes as anyone else — a payment proves enough intent, and standing between a reader and paying helps nobody —
/// but gets no bulk mail (alerts, the briefing): see <see cref="ReaderAccount.Receives"/>.
/// </summary>
public static class VerifyEmail
{
    public static readonly TimeSpan ResendGap = TimeSpan.FromMinutes(1);
    public const int MaxLinksPerDay = 5;

    public static void MapVerifyEmail(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/auth/verify-email", Verify).WithTags("Accounts").WithName("VerifyEmail")
            .WithSummary("Verify the address with the token of the mailed link");
        app.MapPost("/api/me/email/verification", Resend).WithTags("Accounts").WithName("ResendVerification")
            .WithSummary("Mail a new verification link (at most one a minute, five a day)").RequireAuthorization(Policies.Reader);
    }

    /// <summary>Queues the verification mail in the session (saved by the caller, with the registration).</summary>
    public static void QueueLink(IDocumentSession session, AccountLinks links, MailSettings settings, TimeProvider clock,
        Guid readerId, string email, string displayName)
    {
        var (token, link) = links.Issue(readerId, email, LinkPurpose.VerifyEmail);
        var url = settings.Link($"/verify-email?token={token}");
        var body = new MailBody(settings)
            .Paragraph($"Hello {displayName},")
            .Paragraph($"Please confirm that {email} is your address. The link works once, for 24 hours.")
            .Button("Confirm my address", url)
            .Paragraph("If you did not register, ignore this mail: without the link, nothing happens.")
            .Finish($"You get this mail because this address was used to register at {settings.PublicationTitle}.");
        session.Insert(OutgoingMail.Create(OutgoingMail.IdFor(MailKinds.VerifyEmail, link.Id), MailKinds.VerifyEmail, readerId,
            email, displayName, $"Confirm your email address for {settings.PublicationTitle}", body, clock.GetUtcNow()));
    }

    private static async Task<Results<Ok<EmailVerification>, ProblemHttpResult>> Verify(
        LinkRequest request, IDocumentSession session, AccountLinks links, TimeProvider clock, CancellationToken cancellationToken)
    {
        var (state, link) = await links.OpenAsync(request.Token, LinkPurpose.VerifyEmail, cancellationToken);
        if (state != LinkState.Valid) return SubscriptionsProblems.Link(state);

        var stream = await session.Events.FetchForWriting<ReaderAccount>(link!.ReaderId, cancellationToken);
        if (stream.Aggregate is not { } account) return SubscriptionsProblems.Link(LinkState.Unknown);
        if (account.Email != link.Email)
            return SubscriptionsProblems.Link(LinkState.Expired, "The account has another address now; this link was for the earlier one.");
        stream.AppendMany(AccountDecider.DecideVerification(account, link.Email, clock.GetUtcNow()));
        links.Use(link);
        try
        {
            await session.SaveChangesAsync(cancellationToken);
        }
        catch (JasperFx.ConcurrencyException)
        {
            return SubscriptionsProblems.Link(LinkState.Used); // opened twice at once: the other one verified it
        }
        return TypedResults.Ok(new EmailVerification(account.Email, true));
    }

    private static async Task<Results<Accepted<EmailVerification>, ProblemHttpResult>> Resend(
        ClaimsPrincipal user, HttpContext http, IDocumentSession session, AccountLinks links, IOptions<MailSettings> settings,
        MailQueue queue, TimeProvider clock, CancellationToken cancellationToken)
    {
        var account = await session.LoadAsync<ReaderAccount>(user.ReaderId(), cancellationToken);
        if (account is null) return SubscriptionsProblems.AccountNotFound();
        if (account.EmailVerified)
            return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "The address is already verified.",
                type: SubscriptionsProblems.TypeBase + "email-already-verified");

        var now = clock.GetUtcNow();
        var sent = await links.IssuedSinceAsync(account.Id, LinkPurpose.VerifyEmail, now - TimeSpan.FromDays(1), cancellationToken);
        if (sent.Count > 0 && sent.Max() > now - ResendGap) return SubscriptionsProblems.TooManyLinks(http, sent.Max() + ResendGap - now);
        if (sent.Count >= MaxLinksPerDay) return SubscriptionsProblems.TooManyLinks(http, sent.Min() + TimeSpan.FromDays(1) - now);

        QueueLink(session, links, settings.Value, clock, account.Id, account.Email, account.DisplayName);
        await session.SaveChangesAsync(cancellationToken);
        queue.Wake();
        return TypedResults.Accepted("/api/auth/me", new EmailVerification(account.Email, false));
    }
}
