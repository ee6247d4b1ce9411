using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using NewsPlatform.Subscriptions.Mail;
using NewsPlatform.Subscriptions.Tokens;

namespace NewsPlatform.Subscriptions.Accounts;

public sealed record PasswordResetRequest(string? Email);
public sealed record PasswordResetCompletion(string? Token, string? Password);
public sealed record PasswordResetAccepted(string Message);

/// <summary>
/// Slice: a forgotten password. Asking always answers the same 202, whether an account uses the address or not, and
/// only an account's own address gets a mail (a link: single use, 30 minutes; at most three in 15 minutes, beyond
/// which asking still answers 202 and mails nothing). Setting the new password with the link revokes every refresh
/// token of the account — whoever knew the old password is logged out everywhere — and tells the reader by mail.
/// </summary>
public static class ResetPassword
{
    public const string AcceptedMessage = "If an account uses that address, a link to set a new password is on its way. It works for 30 minutes.";
    public static readonly TimeSpan LimitWindow = TimeSpan.FromMinutes(15);
    public const int MaxLinksPerWindow = 3;

    public static void MapResetPassword(this IEndpointRouteBuilder app)
    {
        var auth = app.MapGroup("/api/auth/password-reset").WithTags("Accounts");
        auth.MapPost("/", Request).WithName("RequestPasswordReset")
            .WithSummary("Mail a link to set a new password (the same answer for any address)");
        auth.MapPost("/check", Check).WithName("CheckPasswordReset")
            .WithSummary("Whether a reset link can still be used (204), or why not: the site asks before showing the form");
        auth.MapPost("/complete", Complete).WithName("CompletePasswordReset")
            .WithSummary("Set a new password with the token of the mailed link; every refresh token of the account is revoked");
    }

    private static async Task<Results<Accepted<PasswordResetAccepted>, ValidationProblem>> Request(
        PasswordResetRequest request, IDocumentSession session, AccountLinks links, IOptions<MailSettings> settings, MailQueue queue,
        TimeProvider clock, ILogger<PasswordResetRequest> logger, CancellationToken cancellationToken)
    {
        if (!EmailClaim.IsValid(request.Email))
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["email"] = ["A valid email address is required."] });

        var accepted = TypedResults.Accepted((string?)null, new PasswordResetAccepted(AcceptedMessage));
        var claim = await session.LoadAsync<EmailClaim>(EmailClaim.Normalise(request.Email!), cancellationToken);
        if (claim is null) return accepted;
        var account = await session.LoadAsync<ReaderAccount>(claim.ReaderId, cancellationToken);
        if (account is null) return accepted;

        var now = clock.GetUtcNow();
        var recent = await links.IssuedSinceAsync(account.Id, LinkPurpose.ResetPassword, now - LimitWindow, cancellationToken);
        if (recent.Count >= MaxLinksPerWindow)
        {
            using var scope = logger.BeginReaderScope(account.Id);
            logger.LogInformation("Password reset asked again within {Minutes} minutes: no further mail", LimitWindow.TotalMinutes);
            return accepted;
        }

        var (token, link) = links.Issue(account.Id, account.Email, LinkPurpose.ResetPassword);
        var s = settings.Value;
        var url = s.Link($"/reset-password?token={token}");
        var body = new MailBody(s)
            .Paragraph($"Hello {account.DisplayName},")
            .Paragraph("Someone — hopefully you — asked to set a new password for your account. The link works once, for 30 minutes.")
            .Button("Set a new password", url)
            .Paragraph("If you did not ask, ignore this mail: your password stays as it is.")
            .Finish($"You get this mail because a new password was asked for at {s.PublicationTitle} for this address.");
        session.Insert(OutgoingMail.Create(OutgoingMail.IdFor(MailKinds.PasswordReset, link.Id), MailKinds.PasswordReset, account.Id,
            account.Email, account.DisplayName, $"Set a new password for {s.PublicationTitle}", body, now));
        await session.SaveChangesAsync(cancellationToken);
        queue.Wake();
        return accepted;
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> Check(LinkRequest request, AccountLinks links, CancellationToken cancellationToken)
    {
        var (state, _) = await links.OpenAsync(request.Token, LinkPurpose.ResetPassword, cancellationToken);
        return state == LinkState.Valid ? TypedResults.NoContent() : SubscriptionsProblems.Link(state);
    }

    private static async Task<Results<NoContent, ValidationProblem, ProblemHttpResult>> Complete(
        PasswordResetCompletion request, IDocumentSession session, AccountLinks links, Passwords passwords, RefreshTokens refreshTokens,
        IOptions<MailSettings> settings, MailQueue queue, TimeProvider clock, CancellationToken cancellationToken)
    {
        var (state, link) = await links.OpenAsync(request.Token, LinkPurpose.ResetPassword, cancellationToken);
        if (state != LinkState.Valid) return SubscriptionsProblems.Link(state);
        var stream = await session.Events.FetchForWriting<ReaderAccount>(link!.ReaderId, cancellationToken);
        if (stream.Aggregate is not { } account) return SubscriptionsProblems.Link(LinkState.Unknown);
        if (Passwords.Problem(request.Password, account.Email) is { } weak)
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["password"] = [weak] });

        var now = clock.GetUtcNow();
        stream.AppendMany(AccountDecider.DecidePasswordReset(account, passwords.Hash(request.Password!), now));
        links.Use(link);
        refreshTokens.RevokeEveryLogin(account.Id);
        var s = settings.Value;
        var body = new MailBody(s)
            .Paragraph($"Hello {account.DisplayName},")
            .Paragraph("The password of your account was just changed with a link mailed to this address, and every device that was logged in was logged out.")
            .Paragraph("If this was not you, set a new password at once with “Forgot your password?” on the login page.")
            .Button("Log in", s.Link("/login"))
            .Finish($"You get this mail because the password of your {s.PublicationTitle} account changed.");
        session.Insert(OutgoingMail.Create(OutgoingMail.IdFor(MailKinds.PasswordChangedNotice, link.Id), MailKinds.PasswordChangedNotice,
            account.Id, account.Email, account.DisplayName, $"Your {s.PublicationTitle} password was changed", body, now));
        try
        {
            await session.SaveChangesAsync(cancellationToken);
        }
        catch (JasperFx.ConcurrencyException)
        {
            return SubscriptionsProblems.Link(LinkState.Used);
        }
        queue.Wake();
        return TypedResults.NoContent();
    }
}
