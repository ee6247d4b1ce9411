using NewsPlatform.TestSupport;
using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;

namespace NewsPlatform.EndToEnd.Tests;

/// <summary>What the AppHost declares, read from its model without starting it.</summary>
public sealed class AppHostModelTests
{
    /// <summary>A resource's environment as the orchestrator would be given it, without resolving endpoints no one allocated.</summary>
    private static async Task<Dictionary<string, object>> EnvironmentOfAsync(IResource resource)
    {
        var context = new EnvironmentCallbackContext(new DistributedApplicationExecutionContext(DistributedApplicationOperation.Run), resource);
        foreach (var callback in resource.Annotations.OfType<EnvironmentCallbackAnnotation>()) await callback.Callback(context);
        return context.EnvironmentVariables;
    }

    [Fact]
    public async Task The_initial_admins_password_is_generated_a_secret_kept_per_machine_and_never_in_the_repository()
    {
        var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.NewsPlatform_AppHost>(["Infrastructure:Ephemeral=true"]);

        var password = Assert.Single(builder.Resources.OfType<ParameterResource>(), p => p.Name == "initial-admin-password");
        Assert.True(password.Secret);
        // Generated, and kept in the AppHost's user secrets (outside the repository) so later starts use it again.
        Assert.Equal("UserSecretsParameterDefault", password.Default?.GetType().Name);

        // Nothing of it in the committed configuration.
        Assert.DoesNotContain("Password", await File.ReadAllTextAsync(Repository.PathOf("AppHost", "appsettings.json")), StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [InlineData("local", "smtp4dev", typeof(ExecutableResource))]
    [InlineData("containers", "mailpit", typeof(ContainerResource))]
    public async Task Mail_goes_to_a_catcher_run_the_way_the_other_servers_are_and_only_the_identity_service_gets_it(
        string mode, string catcher, Type kind)
    {
        var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.NewsPlatform_AppHost>(
            ["Infrastructure:Ephemeral=true", $"Infrastructure:Mode={mode}"]);

        var server = Assert.Single(builder.Resources, r => r.Name == catcher);
        Assert.IsType(kind, server);
        var mail = Assert.Single(builder.Resources, r => r.Name == "mail");
        Assert.Contains(mail.Annotations.OfType<ResourceRelationshipAnnotation>(), a => a.Type == "Parent" && a.Resource == server);
        Assert.Contains(server.Annotations.OfType<EndpointAnnotation>(), e => e.Name == "http"); // the web inbox
        var referencing = builder.Resources.OfType<ProjectResource>()
            .Where(p => p.Annotations.OfType<ResourceRelationshipAnnotation>().Any(a => a.Type == "Reference" && a.Resource == mail))
            .Select(p => p.Name);
        Assert.Equal(["subscriptions"], referencing);
    }

    [Fact]
    public async Task In_external_mode_mail_goes_to_the_smtp_server_the_connection_string_names()
    {
        var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.NewsPlatform_AppHost>(
            ["Infrastructure:Ephemeral=true", "Infrastructure:Mode=external"]);
        Assert.IsAssignableFrom<IResourceWithConnectionString>(Assert.Single(builder.Resources, r => r.Name == "mail"));
        Assert.DoesNotContain(builder.Resources, r => r.Name is "smtp4dev" or "mailpit");
    }

    [Fact]
    public async Task Each_throwaway_run_gives_search_an_index_folder_of_its_own_under_the_run_folder()
    {
        async Task<string> IndexFolderAsync()
        {
            var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.NewsPlatform_AppHost>(["Infrastructure:Ephemeral=true"]);
            var search = Assert.Single(builder.Resources, r => r.Name == "search");
            return Assert.IsType<string>((await EnvironmentOfAsync(search))["Search__IndexPath"]);
        }

        var first = await IndexFolderAsync();
        var second = await IndexFolderAsync();
        Assert.NotEqual(first, second); // a copy left by one run (even a broken one) is never read by the next
        Assert.StartsWith(Repository.PathOf(".run", "search-index"), first);
    }

    [Fact]
    public async Task Every_service_the_site_and_the_gateway_run_with_two_malloc_arenas_unless_told_otherwise()
    {
        async Task<Dictionary<string, object?>> ArenasAsync(params string[] settings)
        {
            var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.NewsPlatform_AppHost>(["Infrastructure:Ephemeral=true", .. settings]);
            var arenas = new Dictionary<string, object?>();
            foreach (var project in builder.Resources.OfType<ProjectResource>())
                arenas[project.Name] = (await EnvironmentOfAsync(project)).GetValueOrDefault("MALLOC_ARENA_MAX");
            return arenas;
        }

        var arenas = await ArenasAsync();
        Assert.Equal(["articles", "gateway", "search", "subscriptions", "web"], arenas.Keys.Order());
        Assert.All(arenas.Values, value => Assert.Equal("2", value));
        Assert.All((await ArenasAsync("Runtime:MallocArenas=4")).Values, value => Assert.Equal("4", value));
        Assert.All((await ArenasAsync("Runtime:MallocArenas=0")).Values, Assert.Null); // glibc's own default
    }
}
