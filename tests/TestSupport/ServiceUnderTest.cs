using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace NewsPlatform.TestSupport;

/// <summary>
/// One NewsPlatform service running in-process on the real servers. <typeparamref name="TModule"/>
/// is any type of the service's assembly (its module class), which names the app to start.
/// </summary>
public sealed class ServiceUnderTest<TModule>(
    IReadOnlyDictionary<string, string?> settings, Action<IServiceCollection>? replaceServices = null)
    : WebApplicationFactory<TModule> where TModule : class
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        // A single daemon per test process starts at once; HotCold would wait for leadership.
        builder.UseSetting("EventStore:DaemonMode", "Solo");
        // Tests sign in with development tokens ("Bearer dev:<subject>:<roles>") until the identity service issues real ones.
        builder.UseSetting("Authentication:DevelopmentTokens", "true");
        foreach (var (key, value) in settings) builder.UseSetting(key, value);
        if (replaceServices is not null) builder.ConfigureTestServices(replaceServices);
    }

    /// <summary>A client that sends <c>Authorization: Bearer dev:&lt;subject&gt;:&lt;roles&gt;</c>.</summary>
    public HttpClient CreateClientAs(string subject, params string[] roles)
    {
        var client = CreateClient();
        client.DefaultRequestHeaders.Authorization = new("Bearer", $"dev:{subject}:{string.Join(',', roles)}");
        return client;
    }
}
