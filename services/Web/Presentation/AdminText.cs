using System.Globalization;
using NewsPlatform.Web.Platform;

namespace NewsPlatform.Web.Presentation;

/// <summary>The admin desk's words: what a role change, a key or a rebuild came to, and the services' problems as sentences.</summary>
public static class AdminText
{
    public const string OwnAdminRole = "You cannot remove your own admin role; another admin can.";
    public const string RebuildRunning = "A rebuild is already running. Its progress is below.";

    /// <summary>The tiers the Subscriptions service issues keys in (its <c>ApiKeysApi.Tiers</c>), with the desk's names.</summary>
    public static readonly IReadOnlyList<(string Value, string Label)> Tiers = [("basic", "Basic"), ("standard", "Standard"), ("premium", "Premium")];

    public static string Tier(string tier) => Tiers.FirstOrDefault(t => t.Value == tier).Label ?? tier;

    public static string Role(string role) => role switch
    {
        "editor" => "Editor",
        "admin" => "Admin",
        "reader" => "Reader",
        _ => role,
    };

    /// <summary>The <c>done</c> of a role change's redirect, e.g. "editor-granted".</summary>
    public static string Done(string role, bool grant) => $"{role}-{(grant ? "granted" : "revoked")}";

    /// <summary>The status line after a role change, for the reader's name.</summary>
    public static string? RoleChanged(string? done, string name) => done switch
    {
        "editor-granted" => $"{name} is now an editor. The newsroom opens to them the next time they log in.",
        "editor-revoked" => $"{name} is no longer an editor, from the next time they log in.",
        "admin-granted" => $"{name} is now an admin. The admin desk opens to them the next time they log in.",
        "admin-revoked" => $"{name} is no longer an admin, from the next time they log in.",
        _ => null,
    };

    /// <summary>What the Subscriptions service's refusal of a role change means to the admin who asked.</summary>
    public static string ForRoleChange(ApiProblem problem) => problem switch
    {
        { Kind: "cannot-revoke-own-admin" } => OwnAdminRole,
        { Status: 404 } => "There is no such account any more.",
        { Status: 403 } => "Your account may not change roles.",
        _ => problem.Detail ?? problem.Title ?? "The role could not be changed.",
    };

    public static string ForRebuild(ApiProblem problem) => problem switch
    {
        { Kind: "rebuild-running" } => RebuildRunning,
        { Status: 403 } => "Your account may not rebuild the index.",
        _ => problem.Detail ?? problem.Title ?? "The rebuild could not be started.",
    };

    public static string Phase(string phase) => phase switch
    {
        RebuildStatus.Idle => "Idle: no rebuild since this search replica started",
        RebuildStatus.Running => "Running",
        RebuildStatus.Completed => "Completed",
        RebuildStatus.Failed => "Failed",
        _ => phase,
    };

    public static string Number(long n) => n.ToString("N0", CultureInfo.InvariantCulture);

    public static string Percent(double percent) => percent.ToString("0.#", CultureInfo.InvariantCulture);

    /// <summary>"Digital monthly, active until …" is made by the page; this names a subscription's status.</summary>
    public static string SubscriptionStatus(string status) => status switch
    {
        "active" => "active",
        "pending" => "payment being confirmed",
        "cancelled" => "cancelled, still open until the end of the period",
        _ => status,
    };
}
