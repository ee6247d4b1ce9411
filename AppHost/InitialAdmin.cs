using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;

namespace NewsPlatform.AppHost;

/// <summary>
/// The initial admin's password is nobody's default: the AppHost generates one at the first start and keeps it in
/// its user secrets (outside the repository), so later starts use the same one. It is shown once — in the console
/// when it is generated — and stays on the dashboard's Parameters page (a secret, revealed on request). An operator
/// may choose it instead: <c>Parameters__initial-admin-password</c>. The identity service refuses a weak one.
/// </summary>
public static class InitialAdminExtensions
{
    public const string ParameterName = "initial-admin-password";

    public static IResourceBuilder<ParameterResource> AddInitialAdminPassword(this IDistributedApplicationBuilder builder)
    {
        var chosen = !string.IsNullOrEmpty(builder.Configuration[$"Parameters:{ParameterName}"]);
        var password = builder.AddParameter(ParameterName,
            new GenerateParameterDefault { MinLength = 22, Special = false, MinLower = 2, MinUpper = 2, MinNumeric = 2 },
            secret: true, persist: true);
        if (chosen) return password;

        builder.Eventing.Subscribe<BeforeStartEvent>(async (@event, cancellationToken) =>
        {
            var value = await password.Resource.GetValueAsync(cancellationToken);
            @event.Services.GetRequiredService<ILoggerFactory>().CreateLogger("NewsPlatform.AppHost.InitialAdmin").LogWarning(
                "Initial admin: {Email} with the password {Password} — generated at this first start and kept in the AppHost's user secrets; " +
                "it is not shown again here (the dashboard's Parameters page keeps it as a secret)",
                builder.Configuration["InitialAdmin:Email"], value);
        });
        return password;
    }
}
