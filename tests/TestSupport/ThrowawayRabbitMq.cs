using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace NewsPlatform.TestSupport;

/// <summary>
/// A RabbitMQ node of one test's own (own ports, own data folder) that the test may stop and start
/// to simulate a broker outage without disturbing the shared broker the other tests use.
/// Its queues and messages are durable across a stop and start, as on a real server.
/// </summary>
public sealed class ThrowawayRabbitMq : IAsyncDisposable
{
    private const string ServerScript = "/usr/lib/rabbitmq/bin/rabbitmq-server";
    private readonly string _folder = Path.Combine(Path.GetTempPath(), $"np-rabbitmq-{Guid.NewGuid():N}");
    private readonly int _port = LocalPorts.Free();
    private readonly int _distributionPort = LocalPorts.Free();
    private Process? _server;

    public string AmqpUri => $"amqp://guest:guest@127.0.0.1:{_port}";

    public static async Task<ThrowawayRabbitMq> StartNewAsync()
    {
        var node = new ThrowawayRabbitMq();
        Directory.CreateDirectory(node._folder);
        await File.WriteAllTextAsync(Path.Combine(node._folder, "enabled_plugins"), "[].");
        await node.StartAsync();
        return node;
    }

    public async Task StartAsync()
    {
        var start = new ProcessStartInfo(ServerScript)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        var environment = start.Environment;
        environment["HOME"] = _folder; // holds the Erlang cookie
        environment["RABBITMQ_NODENAME"] = $"np-test-{_port}@localhost";
        environment["RABBITMQ_NODE_IP_ADDRESS"] = "127.0.0.1";
        environment["RABBITMQ_NODE_PORT"] = _port.ToString();
        environment["RABBITMQ_DIST_PORT"] = _distributionPort.ToString();
        environment["RABBITMQ_MNESIA_BASE"] = Path.Combine(_folder, "mnesia");
        environment["RABBITMQ_LOG_BASE"] = Path.Combine(_folder, "log");
        environment["RABBITMQ_LOGS"] = "-";
        environment["RABBITMQ_PID_FILE"] = Path.Combine(_folder, "rabbitmq.pid");
        environment["RABBITMQ_ENABLED_PLUGINS_FILE"] = Path.Combine(_folder, "enabled_plugins");

        _server = Process.Start(start)!;
        _server.OutputDataReceived += (_, _) => { };
        _server.ErrorDataReceived += (_, _) => { };
        _server.BeginOutputReadLine();
        _server.BeginErrorReadLine();

        var deadline = Stopwatch.StartNew();
        while (!await AcceptsConnectionsAsync())
        {
            if (_server.HasExited) throw new InvalidOperationException($"RabbitMQ exited with code {_server.ExitCode}.");
            if (deadline.Elapsed > TimeSpan.FromSeconds(60)) throw new TimeoutException("RabbitMQ did not start within 60 s.");
            await Task.Delay(200);
        }
    }

    /// <summary>Stops the node gracefully (SIGTERM, as a service manager would).</summary>
    public async Task StopAsync()
    {
        if (_server is null || _server.HasExited) return;
        await LocalPorts.SignalAsync(_server, "TERM");
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await _server.WaitForExitAsync(timeout.Token);
        _server.Dispose();
        _server = null;
    }

    public async ValueTask DisposeAsync()
    {
        try { await StopAsync(); }
        finally
        {
            try { Directory.Delete(_folder, recursive: true); } catch (IOException) { }
        }
    }

    private async Task<bool> AcceptsConnectionsAsync()
    {
        using var client = new TcpClient();
        try
        {
            await client.ConnectAsync(IPAddress.Loopback, _port);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

}
