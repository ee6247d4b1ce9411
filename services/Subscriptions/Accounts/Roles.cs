using System.Security.Claims;
using JasperFx.Events;
using Marten;
using Marten.Events.Aggregation;
using Microsoft.AspNetCore.Http.HttpResults;

namespace NewsPlatform.Subscriptions.Accounts;

public sealed record RoleChangeRequest(string? Role, bool Grant = true);

/// <summary>
/// Slice: an admin grants or revokes a role; tokens issued after the change carry it. An admin's own admin role is
/// not theirs to revoke (<see cref="AccountDecider.DecideRole"/>); their editor role is.
/// </summary>
public static class RolesApi
{
    public static void MapRoles(this IEndpointRouteBuilder app) =>
        app.MapGroup("/api/admin/users").WithTags("Admin").RequireAuthorization(Policies.Admin)
            .MapPost("/{id:guid}/roles", Handle)
            .WithName("ChangeRole").WithSummary("Grant (grant: true) or revoke (grant: false) a role")
            .WithDescription("An admin cannot revoke their own admin role (409 cannot-revoke-own-admin): there is always an admin.")
            .ProducesProblem(StatusCodes.Status409Conflict);

    private static async Task<Results<Ok<ReaderProfile>, ValidationProblem, ProblemHttpResult>> Handle(
        Guid id, RoleChangeRequest request, ClaimsPrincipal admin, IDocumentSession session, TimeProvider clock,
        CancellationToken cancellationToken)
    {
        var role = request.Role?.Trim().ToLowerInvariant() ?? "";
        if (!AccountDecider.KnownRoles.Contains(role))
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["role"] = ["role is one of reader, editor, admin."] });

        // No stream has the empty id (the event store refuses to look for one).
        var stream = id == Guid.Empty ? null : await session.Events.FetchForWriting<ReaderAccount>(id, cancellationToken);
        if (stream?.Aggregate is not { } account)
            return SubscriptionsProblems.AccountNotFound();

        // Refusals of the rules (an admin revoking their own admin role) are thrown and answered by the problem catalogue.
        var events = AccountDecider.DecideRole(account, role, request.Grant, admin.FindFirstValue("sub") ?? "admin", clock.GetUtcNow());
        stream!.AppendMany(events);
        await session.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok(AccountsApi.Profile(events.Aggregate(account, (s, e) => AccountDecider.Evolve(s, e)!)));
    }
}

/// <summary>Accounts as their streams made them, written with the events (a login reads its own change at once).</summary>
public sealed class ReaderAccountProjection : SingleStreamProjection<ReaderAccount, Guid>
{
    public override ReaderAccount? Evolve(ReaderAccount? snapshot, Guid id, IEvent e) =>
        AccountDecider.Evolve(snapshot, e.Data) is { } next ? next with { Version = e.Version } : null;
}

/// <summary>
/// The first admin, from configuration (<c>Identity:InitialAdmin:Email</c>, <c>:Password</c>,
/// <c>:DisplayName</c>) at first start: created if missing, given the admin role if it lacks it.
/// </summary>
public sealed class InitialAdmin(IDocumentStore store, Passwords passwords, IConfiguration configuration, TimeProvider clock,
    ILogger<InitialAdmin> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var section = configuration.GetSection("Identity:InitialAdmin");
        var email = section["Email"];
        var password = section["Password"];
        if (string.IsNullOrWhiteSpace(email) || string.IsNullOrWhiteSpace(password)) return;
        var problem = EmailClaim.IsValid(email) ? Passwords.Problem(password, email) : "not a valid email address";
        if (problem is not null)
        {
            logger.LogError("Identity:InitialAdmin is not usable: {Problem}", problem);
            return;
        }

        await using var session = store.LightweightSession();
        var normalised = EmailClaim.Normalise(email);
        var claim = await session.LoadAsync<EmailClaim>(normalised, cancellationToken);
        var readerId = claim?.ReaderId ?? Guid.CreateVersion7();
        var now = clock.GetUtcNow();
        if (claim is null)
        {
            session.Insert(new EmailClaim(normalised, readerId));
            session.Events.StartStream<ReaderAccount>(readerId,
                new AccountRegistered(readerId, normalised, section["DisplayName"] ?? "Administrator", passwords.Hash(password), now),
                new RoleGranted(readerId, Roles.Admin, "configuration", now),
                new EmailVerified(readerId, normalised, now)); // the operator's own address, from configuration
        }
        else
        {
            var stream = await session.Events.FetchForWriting<ReaderAccount>(readerId, cancellationToken);
            stream.AppendMany(AccountDecider.DecideRole(stream.Aggregate!, Roles.Admin, grant: true, "configuration", now));
        }

        try
        {
            await session.SaveChangesAsync(cancellationToken);
            logger.LogInformation("Initial admin {Email} is ready", normalised);
        }
        catch (Exception e) when (e is JasperFx.DocumentAlreadyExistsException or JasperFx.ConcurrencyException)
        {
            // another replica did it first
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
