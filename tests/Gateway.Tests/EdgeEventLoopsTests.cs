using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Server.Kestrel.Transport.Sockets;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace NewsPlatform.Gateway.Tests;

/// <summary>These tests change the process environment, so they run alone.</summary>
[CollectionDefinition(nameof(ProcessEnvironment), DisableParallelization = true)]
public sealed class ProcessEnvironment;

/// <summary>
/// The edge serves its sockets as event loops unless told otherwise. (Its effect on CPU per request is
/// measured by <c>bench/gateway.sh</c>; here: that the switches are thrown, and only when they should be.)
/// </summary>
[Collection(nameof(ProcessEnvironment))]
public sealed class EdgeEventLoopsTests : IDisposable
{
    private const string InlineCompletions = "DOTNET_SYSTEM_NET_SOCKETS_INLINE_COMPLETIONS";
    private const string EngineCount = "DOTNET_SYSTEM_NET_SOCKETS_THREAD_COUNT";

    private readonly string? _inlineBefore = Environment.GetEnvironmentVariable(InlineCompletions);
    private readonly string? _countBefore = Environment.GetEnvironmentVariable(EngineCount);

    public EdgeEventLoopsTests()
    {
        Environment.SetEnvironmentVariable(InlineCompletions, null);
        Environment.SetEnvironmentVariable(EngineCount, null);
    }

    public void Dispose()
    {
        Environment.SetEnvironmentVariable(InlineCompletions, _inlineBefore);
        Environment.SetEnvironmentVariable(EngineCount, _countBefore);
    }

    [Fact]
    public void By_default_socket_completions_and_Kestrel_run_inline_on_one_loop_per_two_cores()
    {
        var transport = TransportWith();

        Assert.True(transport.UnsafePreferInlineScheduling);
        Assert.Equal("1", Environment.GetEnvironmentVariable(InlineCompletions));
        Assert.Equal(Math.Max(1, Environment.ProcessorCount / 2).ToString(), Environment.GetEnvironmentVariable(EngineCount));
    }

    [Fact]
    public void The_number_of_loops_is_configuration()
    {
        TransportWith(("Edge:EventLoops", "3"));

        Assert.Equal("3", Environment.GetEnvironmentVariable(EngineCount));
    }

    [Fact]
    public void Zero_loops_leaves_dotnets_thread_pool_scheduling()
    {
        var transport = TransportWith(("Edge:EventLoops", "0"));

        Assert.False(transport.UnsafePreferInlineScheduling);
        Assert.Null(Environment.GetEnvironmentVariable(InlineCompletions));
        Assert.Null(Environment.GetEnvironmentVariable(EngineCount));
    }

    [Theory]
    [InlineData(InlineCompletions, "0", "2", "0", null)]
    [InlineData(EngineCount, "4", "1", "1", "4")]
    public void Runtime_settings_an_operator_gave_in_the_environment_win(
        string variable, string operatorValue, string configuredLoops, string expectedInline, string? expectedCount)
    {
        Environment.SetEnvironmentVariable(variable, operatorValue);

        TransportWith(("Edge:EventLoops", configuredLoops));

        Assert.Equal(expectedInline, Environment.GetEnvironmentVariable(InlineCompletions));
        Assert.Equal(expectedCount, Environment.GetEnvironmentVariable(EngineCount));
    }

    private static SocketTransportOptions TransportWith(params (string Key, string Value)[] settings)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Configuration.AddInMemoryCollection(settings.Select(s => KeyValuePair.Create(s.Key, (string?)s.Value)));
        builder.UseEdgeEventLoops();
        using var services = builder.Services.BuildServiceProvider();
        return services.GetRequiredService<IOptions<SocketTransportOptions>>().Value;
    }
}
