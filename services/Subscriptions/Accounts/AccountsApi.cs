using System.Security.Claims;
using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using NewsPlatform.Subscriptions.Mail;
using NewsPlatform.Subscriptions.Telemetry;
using NewsPlatform.Subscriptions.Tokens;

namespace NewsPlatform.Subscriptions.Accounts;

public sealed record RegisterRequest(string? Email, string? Password, string? DisplayName);
public sealed record LoginRequest(string? Email, string? Password);
public sealed record RefreshRequest(string? RefreshToken);
public sealed record ReaderProfile(Guid Id, string Email, string DisplayName, IReadOnlyList<string> Roles, DateTimeOffset RegisteredAt,
    Subscribing.SubscriptionView? Subscription = null, bool EmailVerified = false);
public sealed record TokenPair(string AccessToken, string TokenType, int ExpiresIn, DateTimeOffset ExpiresAt, string RefreshToken);

/// <summary>Slices: register, log in, refresh, log out, me.</summary>
public static class AccountsApi
{
    public const int MaxDisplayNameLength = 100;
    private const string LogCategory = "NewsPlatform.Subscriptions.Accounts";

    public static void MapAccounts(this IEndpointRouteBuilder app)
    {
        var auth = app.MapGroup("/api/auth").WithTags("Accounts");
        auth.MapPost("/register", Register).WithName("Register").WithSummary("Create a reader account");
        auth.MapPost("/login", Login).WithName("Login").WithSummary("Tokens for email and password");
        auth.MapPost("/refresh", Refresh).WithName("Refresh").WithSummary("Rotate a refresh token");
        auth.MapPost("/logout", Logout).WithName("Logout").WithSummary("Revoke the refresh token").RequireAuthorization(Policies.Reader);
        auth.MapGet("/me", Me).WithName("Me").WithSummary("Profile and roles").RequireAuthorization(Policies.Reader);
    }

    private static async Task<Results<Created<ReaderProfile>, ValidationProblem, ProblemHttpResult>> Register(
        RegisterRequest request, IDocumentSession session, Passwords passwords, AccountLinks links, IOptions<MailSettings> mail,
        MailQueue mailQueue, TimeProvider clock, SubscriptionsMetrics metrics, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        if (!EmailClaim.IsValid(request.Email)) errors["email"] = ["A valid email address is required."];
        var displayName = request.DisplayName?.Trim() ?? "";
        if (displayName.Length is 0 or > MaxDisplayNameLength) errors["displayName"] = [$"A display name has 1 to {MaxDisplayNameLength} characters."];
        if (Passwords.Problem(request.Password, request.Email ?? "") is { } weak) errors["password"] = [weak];
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors);

        var email = EmailClaim.Normalise(request.Email!);
        var registered = new AccountRegistered(Guid.CreateVersion7(), email, displayName, passwords.Hash(request.Password!), clock.GetUtcNow());
        session.Insert(new EmailClaim(email, registered.ReaderId));
        session.Events.StartStream<ReaderAccount>(registered.ReaderId, registered);
        VerifyEmail.QueueLink(session, links, mail.Value, clock, registered.ReaderId, email, displayName);
        try
        {
            await session.SaveChangesAsync(cancellationToken);
        }
        catch (JasperFx.DocumentAlreadyExistsException)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "The email address is taken.",
                type: "https://newsplatform.dev/problems/email-taken", detail: "Log in, or register with another address.");
        }

        mailQueue.Wake();
        metrics.Registered();
        PlatformTelemetry.TagReader(registered.ReaderId);
        var account = AccountDecider.Evolve(null, registered)!;
        return TypedResults.Created("/api/auth/me", Profile(account));
    }

    private static async Task<Results<Ok<TokenPair>, ProblemHttpResult>> Login(
        LoginRequest request, HttpContext http, IDocumentSession session, Passwords passwords, TokenIssuer issuer, RefreshTokens refreshTokens,
        TimeProvider clock, SubscriptionsMetrics metrics, ILoggerFactory logs, CancellationToken cancellationToken)
    {
        var logger = logs.CreateLogger(LogCategory);
        var password = request.Password ?? "";
        var claim = EmailClaim.IsValid(request.Email)
            ? await session.LoadAsync<EmailClaim>(EmailClaim.Normalise(request.Email!), cancellationToken)
            : null;
        if (claim is null)
        {
            passwords.SpendTheSameTime(password);
            metrics.Login(null);
            return InvalidCredentials();
        }

        PlatformTelemetry.TagReader(claim.ReaderId);
        using var scope = logger.BeginReaderScope(claim.ReaderId);
        var stream = await session.Events.FetchForWriting<ReaderAccount>(claim.ReaderId, cancellationToken);
        var account = stream.Aggregate!;
        var matches = passwords.Verify(account.PasswordHash, password);
        var (outcome, events) = AccountDecider.DecideLogin(account, matches, clock.GetUtcNow());
        if (events.Count > 0)
        {
            stream.AppendMany(events);
            try
            {
                await session.SaveChangesAsync(cancellationToken);
            }
            catch (JasperFx.ConcurrencyException)
            {
                // A concurrent attempt on the same account recorded first; this one is refused either way.
                metrics.Login(LoginOutcome.WrongPassword);
                return InvalidCredentials();
            }
        }
        metrics.Login(outcome);
        if (outcome == LoginOutcome.Locked)
        {
            logger.LogInformation("Login refused: {Outcome}", outcome);
            var remaining = account.LockedUntil!.Value - clock.GetUtcNow();
            http.Response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(remaining.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
            return AccountLockedProblem(remaining);
        }
        if (outcome != LoginOutcome.Succeeded)
        {
            logger.LogInformation("Login refused: {Outcome}", outcome);
            return InvalidCredentials();
        }

        account = events.Aggregate(account, (state, e) => AccountDecider.Evolve(state, e)!);
        return TypedResults.Ok(await IssuePairAsync(account, Guid.NewGuid(), session, issuer, refreshTokens, cancellationToken));
    }

    private static async Task<Results<Ok<TokenPair>, ProblemHttpResult, ValidationProblem>> Refresh(
        RefreshRequest request, IDocumentSession session, TokenIssuer issuer, RefreshTokens refreshTokens, SubscriptionsMetrics metrics,
        ILoggerFactory logs, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(request.RefreshToken) || request.RefreshToken.Length > 200)
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["refreshToken"] = ["A refresh token is required."] });

        var (outcome, readerId, successor) = await refreshTokens.RotateAsync(request.RefreshToken, cancellationToken);
        metrics.Refresh(outcome);
        if (outcome == RefreshOutcome.ReuseDetected)
        {
            // Never the token itself in a log: only whose login it was.
            var logger = logs.CreateLogger(LogCategory);
            using var scope = logger.BeginReaderScope(readerId);
            logger.LogWarning("A used refresh token was presented again; every token of that login is revoked");
        }
        if (outcome != RefreshOutcome.Rotated)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status401Unauthorized, title: "The refresh token is not valid.",
                type: "https://newsplatform.dev/problems/invalid-refresh-token",
                detail: outcome == RefreshOutcome.ReuseDetected
                    ? "This token was already used; every token of its login is revoked. Log in again."
                    : "Log in again.");
        }

        var account = await session.LoadAsync<ReaderAccount>(readerId, cancellationToken);
        var (access, expires) = await issuer.IssueAsync(account!, cancellationToken);
        return TypedResults.Ok(Pair(access, expires, successor!));
    }

    private static async Task<Results<NoContent, ValidationProblem>> Logout(
        RefreshRequest request, ClaimsPrincipal user, RefreshTokens refreshTokens, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(request.RefreshToken) || request.RefreshToken.Length > 200)
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["refreshToken"] = ["A refresh token is required."] });
        if (Guid.TryParse(user.FindFirstValue("sub"), out var readerId))
            await refreshTokens.RevokeAsync(request.RefreshToken, readerId, cancellationToken);
        return TypedResults.NoContent();
    }

    private static async Task<Results<Ok<ReaderProfile>, ProblemHttpResult>> Me(
        ClaimsPrincipal user, IQuerySession session, TimeProvider clock, CancellationToken cancellationToken)
    {
        var account = Guid.TryParse(user.FindFirstValue("sub"), out var readerId)
            ? await session.LoadAsync<ReaderAccount>(readerId, cancellationToken)
            : null;
        if (account is null) return SubscriptionsProblems.AccountNotFound();

        // The subscription status shown is the open one (pending, active or cancelled), if any.
        return TypedResults.Ok((await FindReaders.ProfilesAsync(session, [account], clock.GetUtcNow(), cancellationToken))[0]);
    }

    public static async Task<TokenPair> IssuePairAsync(ReaderAccount account, Guid family, IDocumentSession session,
        TokenIssuer issuer, RefreshTokens refreshTokens, CancellationToken cancellationToken)
    {
        var refresh = refreshTokens.Issue(account.Id, family);
        await session.SaveChangesAsync(cancellationToken);
        var (access, expires) = await issuer.IssueAsync(account, cancellationToken);
        return Pair(access, expires, refresh);
    }

    private static TokenPair Pair(string access, DateTimeOffset expires, string refresh) =>
        new(access, "Bearer", (int)Math.Round((expires - DateTimeOffset.UtcNow).TotalSeconds), expires, refresh);

    /// <summary>
    /// A locked account says so, whatever password came with the attempt (so the answer tells nothing about the
    /// password), and when to try again. That it tells an account exists is no more than registration tells
    /// ("the email address is taken"), and a reader locked out needs to know why their right password fails.
    /// </summary>
    private static ProblemHttpResult AccountLockedProblem(TimeSpan remaining)
    {
        var seconds = Math.Max(1, (int)Math.Ceiling(remaining.TotalSeconds));
        return TypedResults.Problem(statusCode: StatusCodes.Status423Locked, title: "The account is locked.",
            type: "https://newsplatform.dev/problems/account-locked",
            detail: $"Too many failed logins. Try again in {Math.Max(1, (seconds + 59) / 60)} minutes.",
            extensions: new Dictionary<string, object?> { ["retryAfter"] = seconds });
    }

    // The same answer whether the email is unknown or the password wrong.
    private static ProblemHttpResult InvalidCredentials() => TypedResults.Problem(
        statusCode: StatusCodes.Status401Unauthorized, title: "Email or password is wrong.",
        type: "https://newsplatform.dev/problems/invalid-credentials");

    public static ReaderProfile Profile(ReaderAccount account) =>
        new(account.Id, account.Email, account.DisplayName, account.Roles, account.RegisteredAt, EmailVerified: account.EmailVerified);
}
