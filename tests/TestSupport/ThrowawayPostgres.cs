using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace NewsPlatform.TestSupport;

/// <summary>
/// A PostgreSQL server of one test's own (own port, own data folder under the temporary folder) that the test may stop
/// and start, as a database restart or failover does, without disturbing the shared server the other tests use. Runs
/// the machine's installed PostgreSQL (Debian's), as user postgres when the tests run as root.
/// </summary>
public sealed class ThrowawayPostgres : IAsyncDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), $"np-postgres-{Guid.NewGuid():N}");
    private readonly int _port = LocalPorts.Free();
    private readonly string _bin = InstalledBin();
    private Process? _server;

    public string ConnectionString(string database) =>
        $"Host=127.0.0.1;Port={_port};Username=postgres;Database={database};Timeout=3;Command Timeout=10";

    public static async Task<ThrowawayPostgres> StartNewAsync()
    {
        var server = new ThrowawayPostgres();
        Directory.CreateDirectory(server._folder);
        if (Environment.IsPrivilegedProcess) await RunAsync("chown", "postgres:postgres", server._folder);
        var (initdb, arguments) = AsPostgres(Path.Combine(server._bin, "initdb"),
            $"--pgdata={Path.Combine(server._folder, "data")}", "--username=postgres", "--auth=trust", "--no-locale", "--encoding=UTF8");
        await RunAsync(initdb, arguments);
        await server.StartAsync();
        return server;
    }

    public async Task StartAsync()
    {
        var (program, arguments) = AsPostgres(Path.Combine(_bin, "postgres"), "-D", Path.Combine(_folder, "data"), "-p", _port.ToString(),
            "-c", "listen_addresses=127.0.0.1", "-c", "unix_socket_directories=", "-c", "fsync=off", "-c", "max_connections=200");
        var start = new ProcessStartInfo(program)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        var server = _server = Process.Start(start)!;
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            try { if (!server.HasExited) server.Kill(entireProcessTree: true); } catch (InvalidOperationException) { }
        };
        _server.OutputDataReceived += (_, _) => { };
        _server.ErrorDataReceived += (_, _) => { };
        _server.BeginOutputReadLine();
        _server.BeginErrorReadLine();

        var clock = Stopwatch.StartNew();
        while (!await AnswersAsync())
        {
            if (_server.HasExited) throw new InvalidOperationException($"PostgreSQL exited with code {_server.ExitCode}.");
            if (clock.Elapsed > TimeSpan.FromSeconds(60)) throw new TimeoutException("PostgreSQL did not start within 60 s.");
            await Task.Delay(200);
        }
    }

    /// <summary>A fast shutdown (SIGINT), as a restart does: every connection is ended, new ones are refused until <see cref="StartAsync"/>.</summary>
    public async Task StopAsync()
    {
        if (_server is null || _server.HasExited) return;
        await LocalPorts.SignalAsync(_server, "INT");
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        try
        {
            await _server.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            _server.Kill(entireProcessTree: true);
        }
        _server.Dispose();
        _server = null;
    }

    public async ValueTask DisposeAsync()
    {
        try { await StopAsync(); }
        finally
        {
            try { Directory.Delete(_folder, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        }
    }

    /// <summary>PostgreSQL refuses to run as root: then its programs run as user postgres.</summary>
    private static (string Program, string[] Arguments) AsPostgres(string program, params string[] arguments) =>
        Environment.IsPrivilegedProcess
            ? ("setpriv", ["--reuid=postgres", "--regid=postgres", "--init-groups", program, .. arguments])
            : (program, arguments);

    private async Task<bool> AnswersAsync()
    {
        try
        {
            await using var connection = new NpgsqlConnection(ConnectionString("postgres") + ";Pooling=false");
            await connection.OpenAsync();
            return true;
        }
        catch (Exception e) when (e is NpgsqlException or SocketException or TimeoutException)
        {
            return false;
        }
    }

    private static async Task RunAsync(string program, params string[] arguments)
    {
        using var process = Process.Start(new ProcessStartInfo(program, arguments) { RedirectStandardOutput = true, RedirectStandardError = true })!;
        var error = process.StandardError.ReadToEndAsync();
        await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0) throw new InvalidOperationException($"{program} failed: {await error}");
    }

    private static string InstalledBin() =>
        Directory.GetDirectories("/usr/lib/postgresql").OrderByDescending(d => int.TryParse(Path.GetFileName(d), out var v) ? v : 0)
            .Select(d => Path.Combine(d, "bin")).First(d => File.Exists(Path.Combine(d, "postgres")));

}
