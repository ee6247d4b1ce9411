using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace NewsPlatform.TestSupport;

/// <summary>
/// A service run as a process of its own from its build output (not in the test's process), so a test can kill it
/// with SIGKILL — a crash, an OOM kill, a node lost — and start it again on the same settings.
/// </summary>
public sealed class ServiceProcess : IAsyncDisposable
{
    private readonly string _assembly;
    private readonly IReadOnlyDictionary<string, string> _settings;
    private readonly int _port = LocalPorts.Free();
    private Process? _process;

    /// <param name="project">The project's folder under the repository, e.g. "services/Search".</param>
    /// <param name="settings">Configuration, as keys with ':' (given to the process as environment variables).</param>
    public ServiceProcess(string project, string assemblyName, IReadOnlyDictionary<string, string> settings)
    {
        var root = Repository.Root;
        _assembly = new[] { "Debug", "Release" }
            .Select(configuration => Path.Combine(root, project, "bin", configuration, "net10.0", assemblyName + ".dll"))
            .FirstOrDefault(File.Exists) ?? throw new FileNotFoundException($"{project} is not built (./test.sh builds it).");
        _settings = settings;
    }

    public HttpClient Client { get; private set; } = new();

    public Uri Address => new($"http://127.0.0.1:{_port}");

    /// <summary>Starts the process and waits until its /health answers 200 (ready).</summary>
    public async Task StartAsync(TimeSpan? timeout = null)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(_assembly);
        start.WorkingDirectory = Path.GetDirectoryName(_assembly)!;
        start.Environment["ASPNETCORE_URLS"] = Address.ToString();
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Testing";
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        foreach (var (key, value) in _settings) start.Environment[key.Replace(":", "__")] = value;
        var process = _process = Process.Start(start)!;
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            try { if (!process.HasExited) process.Kill(entireProcessTree: true); } catch (InvalidOperationException) { }
        };
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        Client = new HttpClient { BaseAddress = Address };

        var clock = Stopwatch.StartNew();
        var limit = timeout ?? TimeSpan.FromSeconds(60);
        while (true)
        {
            if (process.HasExited) throw new InvalidOperationException($"{Path.GetFileName(_assembly)} exited with code {process.ExitCode}.");
            try
            {
                if ((await Client.GetAsync("/health")).StatusCode == HttpStatusCode.OK) return;
            }
            catch (HttpRequestException) { }
            if (clock.Elapsed > limit) throw new TimeoutException($"{Path.GetFileName(_assembly)} was not ready within {limit.TotalSeconds:0} s.");
            await Task.Delay(250);
        }
    }

    /// <summary>SIGKILL: no shutdown, no flush, no goodbye — as a crash.</summary>
    public async Task KillAsync()
    {
        if (_process is null || _process.HasExited) return;
        _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync();
        _process.Dispose();
        _process = null;
    }

    public async ValueTask DisposeAsync()
    {
        if (_process is { HasExited: false })
        {
            await LocalPorts.SignalAsync(_process, "TERM");
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
            try { await _process.WaitForExitAsync(timeout.Token); }
            catch (OperationCanceledException) { _process.Kill(entireProcessTree: true); }
        }
        _process?.Dispose();
        Client.Dispose();
    }

}
