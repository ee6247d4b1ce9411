using Aspire.Hosting.ApplicationModel;

namespace NewsPlatform.EndToEnd.Tests;

/// <summary>What the AppHost declares, read from its model without starting it.</summary>
public sealed class AppHostModelTests
{
    [Fact]
    public async Task The_initial_admins_password_is_generated_a_secret_kept_per_machine_and_never_in_the_repository()
    {
        var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.NewsPlatform_AppHost>(["Infrastructure:Ephemeral=true"]);

        var password = Assert.Single(builder.Resources.OfType<ParameterResource>(), p => p.Name == "initial-admin-password");
        Assert.True(password.Secret);
        // Generated, and kept in the AppHost's user secrets (outside the repository) so later starts use it again.
        Assert.Equal("UserSecretsParameterDefault", password.Default?.GetType().Name);

        // Nothing of it in the committed configuration.
        Assert.DoesNotContain("Password", await File.ReadAllTextAsync(RepositoryFile("AppHost/appsettings.json")), StringComparison.OrdinalIgnoreCase);
    }

    private static string RepositoryFile(string path)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "NewsPlatform.sln"))) return Path.Combine(dir.FullName, path);
        throw new FileNotFoundException(path);
    }
}
