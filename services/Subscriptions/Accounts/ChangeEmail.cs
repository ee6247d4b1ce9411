using System.Security.Claims;
using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using NewsPlatform.Subscriptions.Mail;

namespace NewsPlatform.Subscriptions.Accounts;

public sealed record EmailChangeRequest(string? NewEmail, string? Password);
public sealed record EmailChangeAccepted(string NewEmail, string Message);

/// <summary>
/// Slice: change the account's address. Asked with the current password; confirmed only from a link mailed to the new
/// address (single use, 24 hours), so nobody moves an account to an address they do not read. On confirmation the new
/// address is the login and is verified, and the old address is told — the one thing a hijacker could not stop.
/// </summary>
public static class ChangeEmail
{
    public const int MaxLinksPerDay = 5;

    public static void MapChangeEmail(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/me/email", Request).WithTags("Accounts").WithName("RequestEmailChange")
            .WithSummary("Mail a confirmation link to a new address (needs the current password)").RequireAuthorization(Policies.Reader);
        app.MapPost("/api/auth/email-change/confirm", Confirm).WithTags("Accounts").WithName("ConfirmEmailChange")
            .WithSummary("Confirm the new address with the token of the link mailed to it");
    }

    private static async Task<Results<Accepted<EmailChangeAccepted>, ValidationProblem, ProblemHttpResult>> Request(
        EmailChangeRequest request, ClaimsPrincipal user, HttpContext http, IDocumentSession session, AccountLinks links, Passwords passwords,
        IOptions<MailSettings> settings, MailQueue queue, TimeProvider clock, CancellationToken cancellationToken)
    {
        var account = await session.LoadAsync<ReaderAccount>(user.ReaderId(), cancellationToken);
        if (account is null) return SubscriptionsProblems.AccountNotFound();

        var errors = new Dictionary<string, string[]>();
        var newEmail = EmailClaim.IsValid(request.NewEmail) ? EmailClaim.Normalise(request.NewEmail!) : null;
        if (newEmail is null) errors["newEmail"] = ["A valid email address is required."];
        else if (newEmail == account.Email) errors["newEmail"] = ["That is the address the account has now."];
        if (!passwords.Verify(account.PasswordHash, request.Password ?? "")) errors["password"] = ["The password is not right."];
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors);
        if (await session.LoadAsync<EmailClaim>(newEmail!, cancellationToken) is not null) return SubscriptionsProblems.EmailTaken();

        var now = clock.GetUtcNow();
        var sent = await links.IssuedSinceAsync(account.Id, LinkPurpose.ChangeEmail, now - TimeSpan.FromDays(1), cancellationToken);
        if (sent.Count >= MaxLinksPerDay) return SubscriptionsProblems.TooManyLinks(http, sent.Min() + TimeSpan.FromDays(1) - now);

        var (token, link) = links.Issue(account.Id, newEmail!, LinkPurpose.ChangeEmail);
        var s = settings.Value;
        var body = new MailBody(s)
            .Paragraph($"Hello {account.DisplayName},")
            .Paragraph($"Please confirm that your {s.PublicationTitle} account should use {newEmail} from now on. The link works once, for 24 hours.")
            .Button("Use this address", s.Link($"/confirm-email?token={token}"))
            .Paragraph("If you did not ask for this, ignore this mail: the account keeps its address.")
            .Finish($"You get this mail because this address was entered as the new address of a {s.PublicationTitle} account.");
        session.Insert(OutgoingMail.Create(OutgoingMail.IdFor(MailKinds.ConfirmNewEmail, link.Id), MailKinds.ConfirmNewEmail, account.Id,
            newEmail!, account.DisplayName, $"Confirm your new email address for {s.PublicationTitle}", body, now));
        await session.SaveChangesAsync(cancellationToken);
        queue.Wake();
        return TypedResults.Accepted("/api/auth/me", new EmailChangeAccepted(newEmail!,
            $"A link is on its way to {newEmail}. Your address changes once you open it."));
    }

    private static async Task<Results<Ok<EmailVerification>, ProblemHttpResult>> Confirm(
        LinkRequest request, IDocumentSession session, AccountLinks links, IOptions<MailSettings> settings, MailQueue queue,
        TimeProvider clock, CancellationToken cancellationToken)
    {
        var (state, link) = await links.OpenAsync(request.Token, LinkPurpose.ChangeEmail, cancellationToken);
        if (state != LinkState.Valid) return SubscriptionsProblems.Link(state);
        var stream = await session.Events.FetchForWriting<ReaderAccount>(link!.ReaderId, cancellationToken);
        if (stream.Aggregate is not { } account) return SubscriptionsProblems.Link(LinkState.Unknown);

        var now = clock.GetUtcNow();
        var events = AccountDecider.DecideEmailChange(account, link.Email, now);
        links.Use(link);
        if (events.Count > 0)
        {
            // The new address's claim is inserted (its primary key refuses an address taken meanwhile), the old one released.
            session.Insert(new EmailClaim(link.Email, account.Id));
            session.Delete<EmailClaim>(account.Email);
            stream.AppendMany(events);
            var s = settings.Value;
            var body = new MailBody(s)
                .Paragraph($"Hello {account.DisplayName},")
                .Paragraph($"Your {s.PublicationTitle} account now uses {EmailClaim.Masked(link.Email)}; this address ({account.Email}) no longer logs in.")
                .Paragraph("If this was not you, write to us at once by replying to this mail.")
                .Finish($"You get this mail because this address was the one of a {s.PublicationTitle} account until now.");
            session.Insert(OutgoingMail.Create(OutgoingMail.IdFor(MailKinds.EmailChangedNotice, link.Id), MailKinds.EmailChangedNotice,
                account.Id, account.Email, account.DisplayName, $"The email address of your {s.PublicationTitle} account was changed", body, now));
        }
        try
        {
            await session.SaveChangesAsync(cancellationToken);
        }
        catch (JasperFx.DocumentAlreadyExistsException)
        {
            return SubscriptionsProblems.EmailTaken();
        }
        catch (JasperFx.ConcurrencyException)
        {
            return SubscriptionsProblems.Link(LinkState.Used);
        }
        queue.Wake();
        return TypedResults.Ok(new EmailVerification(link.Email, true));
    }
}
