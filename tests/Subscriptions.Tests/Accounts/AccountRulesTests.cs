using NewsPlatform.Subscriptions.Accounts;

namespace NewsPlatform.Subscriptions.Tests.Accounts;

/// <summary>Lockout and role rules as pure code.</summary>
public sealed class AccountRulesTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 29, 0, 0, 0, TimeSpan.Zero);
    private static readonly Guid Id = Guid.NewGuid();

    private static ReaderAccount Registered() =>
        AccountDecider.Evolve(null, new AccountRegistered(Id, "a@b.org", "A", "hash", T0))!;

    private static ReaderAccount Fail(ReaderAccount account, DateTimeOffset at, out LoginOutcome outcome)
    {
        var (result, events) = AccountDecider.DecideLogin(account, passwordMatches: false, at);
        outcome = result;
        return events.Aggregate(account, (s, e) => AccountDecider.Evolve(s, e)!);
    }

    [Fact]
    public void Five_failures_within_15_minutes_lock_the_account_for_15_minutes()
    {
        var account = Registered();
        for (var i = 0; i < 4; i++) account = Fail(account, T0.AddMinutes(i), out _);
        Assert.Null(account.LockedUntil);

        account = Fail(account, T0.AddMinutes(4), out _);
        Assert.Equal(T0.AddMinutes(19), account.LockedUntil);

        // Even the right password is refused while locked, and nothing is recorded.
        var (locked, events) = AccountDecider.DecideLogin(account, passwordMatches: true, T0.AddMinutes(18));
        Assert.Equal(LoginOutcome.Locked, locked);
        Assert.Empty(events);

        var (after, cleared) = AccountDecider.DecideLogin(account, passwordMatches: true, T0.AddMinutes(19).AddSeconds(1));
        Assert.Equal(LoginOutcome.Succeeded, after);
        Assert.IsType<FailedLoginsCleared>(Assert.Single(cleared));
    }

    [Fact]
    public void Failures_spread_over_more_than_15_minutes_do_not_lock()
    {
        var account = Registered();
        for (var i = 0; i < 8; i++) account = Fail(account, T0.AddMinutes(i * 4), out _);
        Assert.Null(account.LockedUntil);
    }

    [Fact]
    public void A_success_resets_the_failure_count()
    {
        var account = Registered();
        for (var i = 0; i < 4; i++) account = Fail(account, T0.AddMinutes(i), out _);
        var (_, events) = AccountDecider.DecideLogin(account, passwordMatches: true, T0.AddMinutes(5));
        account = events.Aggregate(account, (s, e) => AccountDecider.Evolve(s, e)!);

        account = Fail(account, T0.AddMinutes(6), out _);
        Assert.Null(account.LockedUntil);
        Assert.Single(account.RecentFailures);
    }

    [Fact]
    public void Roles_are_granted_and_revoked_once_and_everyone_stays_a_reader()
    {
        var account = Registered();
        var granted = AccountDecider.DecideRole(account, "editor", grant: true, "admin-1", T0);
        account = granted.Aggregate(account, (s, e) => AccountDecider.Evolve(s, e)!);

        Assert.Equal(["reader", "editor"], account.Roles);
        Assert.Empty(AccountDecider.DecideRole(account, "editor", grant: true, "admin-1", T0));
        Assert.Empty(AccountDecider.DecideRole(account, "reader", grant: false, "admin-1", T0));
        Assert.IsType<RoleRevoked>(Assert.Single(AccountDecider.DecideRole(account, "editor", grant: false, "admin-1", T0)));
    }

    private static ReaderAccount Admin() =>
        AccountDecider.Evolve(Registered(), new RoleGranted(Id, "admin", "configuration", T0))!;

    [Fact]
    public void An_admin_cannot_revoke_their_own_admin_role()
    {
        var admin = Admin();

        var refused = Assert.Throws<AccountRejected>(() => AccountDecider.DecideRole(admin, "admin", grant: false, by: Id.ToString(), T0));

        Assert.Equal("cannot-revoke-own-admin", refused.Rule);
        Assert.Contains("own admin role", refused.Message);
    }

    [Fact]
    public void Another_admin_can_revoke_an_admins_admin_role()
    {
        var events = AccountDecider.DecideRole(Admin(), "admin", grant: false, by: Guid.NewGuid().ToString(), T0);

        var revoked = Assert.IsType<RoleRevoked>(Assert.Single(events));
        Assert.Equal("admin", revoked.Role);
        Assert.DoesNotContain("admin", events.Aggregate(Admin(), (s, e) => AccountDecider.Evolve(s, e)!).Roles);
    }

    [Fact]
    public void An_admin_grants_and_revokes_their_own_editor_role_and_granting_their_own_admin_again_changes_nothing()
    {
        var admin = Admin();
        var by = Id.ToString();

        admin = AccountDecider.DecideRole(admin, "editor", grant: true, by, T0).Aggregate(admin, (s, e) => AccountDecider.Evolve(s, e)!);
        Assert.Equal(["reader", "admin", "editor"], admin.Roles);
        var revoked = Assert.IsType<RoleRevoked>(Assert.Single(AccountDecider.DecideRole(admin, "editor", grant: false, by, T0)));
        Assert.Equal(("editor", by), (revoked.Role, revoked.By));
        Assert.Empty(AccountDecider.DecideRole(admin, "admin", grant: true, by, T0));
    }

    [Theory]
    [InlineData("short", false)]
    [InlineData("1234567890", false)]
    [InlineData("Password123", false)]
    [InlineData("a@b.org", false)]
    [InlineData("kimchi-stew-on-sunday", true)]
    public void Passwords_need_ten_characters_and_must_not_be_common(string password, bool acceptable) =>
        Assert.Equal(acceptable, Passwords.Problem(password, "a@b.org") is null);
}
