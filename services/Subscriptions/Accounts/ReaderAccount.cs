namespace NewsPlatform.Subscriptions.Accounts;

// The events of one reader account's stream. Who and when are on every event.

public sealed record AccountRegistered(Guid ReaderId, string Email, string DisplayName, string PasswordHash, DateTimeOffset At);

public sealed record LoginFailed(Guid ReaderId, DateTimeOffset At);

/// <summary>Too many failed logins: no login succeeds until <paramref name="Until"/>.</summary>
public sealed record AccountLocked(Guid ReaderId, DateTimeOffset Until, DateTimeOffset At);

/// <summary>A login after failures: the failure count starts again.</summary>
public sealed record FailedLoginsCleared(Guid ReaderId, DateTimeOffset At);

public sealed record RoleGranted(Guid ReaderId, string Role, string By, DateTimeOffset At);

public sealed record RoleRevoked(Guid ReaderId, string Role, string By, DateTimeOffset At);

public sealed record SectionFollowed(Guid ReaderId, string Section, DateTimeOffset At);

public sealed record SectionUnfollowed(Guid ReaderId, string Section, DateTimeOffset At);

/// <summary>The reader opened the link mailed to <paramref name="Email"/>: the address is theirs.</summary>
public sealed record EmailVerified(Guid ReaderId, string Email, DateTimeOffset At);

/// <summary>A new password, set through a password-reset link (every refresh token of the account is revoked with it).</summary>
public sealed record PasswordChanged(Guid ReaderId, string PasswordHash, DateTimeOffset At);

/// <summary>The reader confirmed a new address from a link mailed to it; the new address is verified by that.</summary>
public sealed record EmailChanged(Guid ReaderId, string OldEmail, string NewEmail, DateTimeOffset At);

/// <summary>What the reader wants by mail. <paramref name="Source"/>: the account page, or a one-click unsubscribe link.</summary>
public sealed record MailPreferencesChanged(Guid ReaderId, SectionAlerts Alerts, bool MorningBriefing, string Source, DateTimeOffset At);

/// <summary>Mail about new articles in followed sections: none, one mail per article, or one digest a day.</summary>
public enum SectionAlerts { Off, Instant, Daily }

/// <summary>A reader's account as its stream has made it.</summary>
public sealed record ReaderAccount(
    Guid Id,
    string Email,
    string DisplayName,
    string PasswordHash,
    IReadOnlyList<string> Roles,
    IReadOnlyList<DateTimeOffset> RecentFailures,
    DateTimeOffset? LockedUntil,
    DateTimeOffset RegisteredAt)
{
    public long Version { get; init; }

    /// <summary>Sections whose new articles the reader is notified of.</summary>
    public IReadOnlyList<string> Follows { get; init; } = [];

    /// <summary>The reader proved the address is theirs (a verification or change-of-email link).</summary>
    public bool EmailVerified { get; init; }

    public SectionAlerts Alerts { get; init; } = SectionAlerts.Off;

    public bool MorningBriefing { get; init; }

    /// <summary>
    /// Bulk mail (alerts, the briefing) goes only to verified addresses: mailing an address someone else typed would
    /// make the platform a spam source, and unverified addresses are how lists lose their standing with mail providers.
    /// </summary>
    public bool Receives(string list) => EmailVerified && list switch
    {
        MailLists.Alerts => Alerts != SectionAlerts.Off,
        MailLists.MorningBriefing => MorningBriefing,
        _ => false,
    };

    public bool IsLockedAt(DateTimeOffset now) => LockedUntil > now;
}

public enum LoginOutcome { Succeeded, WrongPassword, Locked }

/// <summary>The account rules as pure code.</summary>
public static class AccountDecider
{
    public const int MaxFailures = 5;
    public static readonly TimeSpan FailureWindow = TimeSpan.FromMinutes(15);
    public static readonly TimeSpan LockDuration = TimeSpan.FromMinutes(15);
    public const string CannotRevokeOwnAdmin = "cannot-revoke-own-admin";
    public static readonly string[] KnownRoles = [Microsoft.Extensions.Hosting.Roles.Reader, Microsoft.Extensions.Hosting.Roles.Editor, Microsoft.Extensions.Hosting.Roles.Admin];

    /// <summary>What a login attempt records, given whether the password matched.</summary>
    public static (LoginOutcome Outcome, IReadOnlyList<object> Events) DecideLogin(ReaderAccount account, bool passwordMatches, DateTimeOffset now)
    {
        if (account.IsLockedAt(now)) return (LoginOutcome.Locked, []);

        if (passwordMatches)
        {
            return (LoginOutcome.Succeeded,
                account.RecentFailures.Count > 0 || account.LockedUntil is not null ? [new FailedLoginsCleared(account.Id, now)] : []);
        }

        var failuresInWindow = account.RecentFailures.Count(t => t > now - FailureWindow) + 1;
        return failuresInWindow >= MaxFailures
            ? (LoginOutcome.WrongPassword, [new LoginFailed(account.Id, now), new AccountLocked(account.Id, now + LockDuration, now)])
            : (LoginOutcome.WrongPassword, [new LoginFailed(account.Id, now)]);
    }

    /// <summary>
    /// Grants or revokes a role; <paramref name="by"/> is who acts (the admin's <c>sub</c>). Granting what is held, or
    /// revoking what is not, records nothing. An admin cannot revoke their own admin role: only admins revoke admin, so
    /// the last admin could only ever be removed by themselves, and refusing that keeps at least one admin.
    /// </summary>
    /// <exception cref="AccountRejected">An admin revoking their own admin role (rule <c>cannot-revoke-own-admin</c>).</exception>
    public static IReadOnlyList<object> DecideRole(ReaderAccount account, string role, bool grant, string by, DateTimeOffset now)
    {
        if (!KnownRoles.Contains(role)) throw new ArgumentException($"Unknown role '{role}'.", nameof(role));
        if (role == Microsoft.Extensions.Hosting.Roles.Reader) return []; // everyone is a reader
        if (role == Microsoft.Extensions.Hosting.Roles.Admin && !grant && Guid.TryParse(by, out var actor) && actor == account.Id)
            throw new AccountRejected(CannotRevokeOwnAdmin,
                "An admin cannot revoke their own admin role; another admin can. This keeps at least one admin.");
        var has = account.Roles.Contains(role);
        return (grant, has) switch
        {
            (true, false) => [new RoleGranted(account.Id, role, by, now)],
            (false, true) => [new RoleRevoked(account.Id, role, by, now)],
            _ => [],
        };
    }

    /// <summary>Following is idempotent: following twice, or unfollowing what is not followed, records nothing.</summary>
    public static IReadOnlyList<object> DecideFollow(ReaderAccount account, string section, bool follow, DateTimeOffset now) =>
        (follow, account.Follows.Contains(section)) switch
        {
            (true, false) => [new SectionFollowed(account.Id, section, now)],
            (false, true) => [new SectionUnfollowed(account.Id, section, now)],
            _ => [],
        };

    /// <summary>A link for the address the account has now verifies it; one for an earlier address, or a second use, records nothing.</summary>
    public static IReadOnlyList<object> DecideVerification(ReaderAccount account, string linkEmail, DateTimeOffset now) =>
        account.Email == linkEmail && !account.EmailVerified ? [new EmailVerified(account.Id, linkEmail, now)] : [];

    /// <summary>A password reset also ends a lock-out: the reader has just proved they own the address.</summary>
    public static IReadOnlyList<object> DecidePasswordReset(ReaderAccount account, string newPasswordHash, DateTimeOffset now) =>
        account.RecentFailures.Count > 0 || account.LockedUntil is not null
            ? [new PasswordChanged(account.Id, newPasswordHash, now), new FailedLoginsCleared(account.Id, now)]
            : [new PasswordChanged(account.Id, newPasswordHash, now)];

    public static IReadOnlyList<object> DecideEmailChange(ReaderAccount account, string newEmail, DateTimeOffset now) =>
        account.Email == newEmail ? [] : [new EmailChanged(account.Id, account.Email, newEmail, now)];

    public static IReadOnlyList<object> DecideMailPreferences(ReaderAccount account, SectionAlerts alerts, bool briefing, string source, DateTimeOffset now) =>
        account.Alerts == alerts && account.MorningBriefing == briefing ? [] : [new MailPreferencesChanged(account.Id, alerts, briefing, source, now)];

    /// <summary>One-click unsubscribe from one list; the other list stays as it was.</summary>
    public static IReadOnlyList<object> DecideUnsubscribe(ReaderAccount account, string list, DateTimeOffset now) => list switch
    {
        MailLists.Alerts => DecideMailPreferences(account, SectionAlerts.Off, account.MorningBriefing, MailLists.UnsubscribeSource, now),
        MailLists.MorningBriefing => DecideMailPreferences(account, account.Alerts, false, MailLists.UnsubscribeSource, now),
        _ => throw new ArgumentException($"Unknown list '{list}'.", nameof(list)),
    };

    public static ReaderAccount? Evolve(ReaderAccount? state, object @event) => (state, @event) switch
    {
        (null, AccountRegistered e) => new ReaderAccount(e.ReaderId, e.Email, e.DisplayName, e.PasswordHash,
            [Microsoft.Extensions.Hosting.Roles.Reader], [], null, e.At),
        (not null, LoginFailed e) => state with { RecentFailures = [.. state.RecentFailures.Where(t => t > e.At - FailureWindow), e.At] },
        (not null, AccountLocked e) => state with { LockedUntil = e.Until, RecentFailures = [] },
        (not null, FailedLoginsCleared) => state with { RecentFailures = [], LockedUntil = null },
        (not null, RoleGranted e) => state with { Roles = [.. state.Roles.Append(e.Role).Distinct()] },
        (not null, RoleRevoked e) => state with { Roles = [.. state.Roles.Where(r => r != e.Role)] },
        (not null, SectionFollowed e) => state with { Follows = [.. state.Follows.Append(e.Section).Distinct()] },
        (not null, SectionUnfollowed e) => state with { Follows = [.. state.Follows.Where(s => s != e.Section)] },
        (not null, EmailVerified e) when e.Email == state.Email => state with { EmailVerified = true },
        (not null, PasswordChanged e) => state with { PasswordHash = e.PasswordHash },
        (not null, EmailChanged e) => state with { Email = e.NewEmail, EmailVerified = true },
        (not null, MailPreferencesChanged e) => state with { Alerts = e.Alerts, MorningBriefing = e.MorningBriefing },
        _ => state,
    };
}

/// <summary>The bulk mail lists a reader can be on, as named in unsubscribe links.</summary>
public static class MailLists
{
    public const string Alerts = "alerts";
    public const string MorningBriefing = "briefing";
    public const string UnsubscribeSource = "unsubscribe link";
}

/// <summary>A change the account rules refuse; <see cref="Rule"/> names the rule (the problem type's last segment).</summary>
public sealed class AccountRejected(string rule, string message) : Exception(message)
{
    public string Rule { get; } = rule;
}
