using Microsoft.Extensions.Configuration;

namespace NewsPlatform.AppHost;

/// <summary>
/// Settings an operator (or a benchmark) gives one resource through the AppHost, without editing that
/// service's appsettings: <c>Overrides:&lt;resource&gt;:&lt;key&gt;</c> of the AppHost's configuration becomes the
/// resource's setting <c>&lt;key&gt;</c>. For example <c>Overrides__gateway__RateLimits__Anonymous__Burst=100000</c>
/// in the environment of <c>./start.sh</c> raises the gateway's anonymous limit.
/// </summary>
public static class OverridesExtensions
{
    public static IResourceBuilder<ProjectResource> WithOverrides(this IResourceBuilder<ProjectResource> project)
    {
        var section = project.ApplicationBuilder.Configuration.GetSection($"Overrides:{project.Resource.Name}");
        foreach (var (key, value) in section.AsEnumerable(true))
        {
            if (value is not null) project.WithEnvironment(key.Replace(":", "__", StringComparison.Ordinal), value);
        }
        return project;
    }
}
