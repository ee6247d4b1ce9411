using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace NewsPlatform.AppHost;

/// <summary>
/// Where the Search replicas keep their copies of the index (each takes a numbered folder below it):
/// <c>.run/search-index</c>, beside the run's other data and kept across starts, so a restart resumes
/// from its last commit instead of refilling. An ephemeral run (the tests) gets a folder of its own,
/// removed when it stops: two runs never share a copy, and none outlives its database.
/// <c>Overrides:search:Search:IndexPath</c> points it elsewhere.
/// </summary>
public static class SearchIndexFolderExtensions
{
    public static IResourceBuilder<ProjectResource> WithIndexFolder(this IResourceBuilder<ProjectResource> search)
    {
        var builder = search.ApplicationBuilder;
        if (builder.Configuration[$"Overrides:{search.Resource.Name}:Search:IndexPath"] is not null) return search;

        var root = Path.GetFullPath(Path.Combine(builder.AppHostDirectory, "..", ".run", "search-index"));
        var ephemeral = InfrastructureExtensions.IsEphemeral(builder.Configuration);
        var folder = ephemeral ? Path.Combine(root, "ephemeral", Guid.NewGuid().ToString("N")[..12]) : root;
        if (ephemeral)
        {
            builder.Eventing.Subscribe<BeforeStartEvent>((e, _) =>
            {
                e.Services.GetRequiredService<IHostApplicationLifetime>().ApplicationStopped.Register(() =>
                {
                    try { Directory.Delete(folder, recursive: true); }
                    catch (IOException) { } // already gone, or a replica still closing: the next run does not use it
                    catch (UnauthorizedAccessException) { }
                });
                return Task.CompletedTask;
            });
        }
        return search.WithEnvironment("Search__IndexPath", folder);
    }
}
