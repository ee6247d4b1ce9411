using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json;
using MimeKit;

namespace NewsPlatform.TestSupport;

/// <summary>
/// A real SMTP server for the tests: smtp4dev on its own ports, keeping what it receives in a file of its own, so a
/// test may stop it (an outage) and start it again with its inbox intact. Mail is read back through its REST API as
/// the raw message, parsed by MimeKit exactly as a mail program would. <see cref="Shared"/> is one server for the whole
/// test run: tests tell their mail apart by recipient address, never by clearing the inbox.
/// </summary>
public sealed class TestSmtpServer : IAsyncDisposable
{
    private static readonly Lazy<Task<TestSmtpServer>> SharedServer = new(StartNewAsync);
    private readonly string _folder = Path.Combine(Path.GetTempPath(), $"np-smtp4dev-{Guid.NewGuid():N}");
    private readonly int _smtpPort = LocalPorts.Free();
    private readonly int _httpPort = LocalPorts.Free();
    private readonly HttpClient _api;
    private readonly SmtpInbox _inbox;
    private Process? _server;

    private TestSmtpServer()
    {
        _api = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{_httpPort}") };
        _inbox = new SmtpInbox(_api);
    }

    /// <summary>The run's shared server, started by the first test that asks (and ended with the test process).</summary>
    public static Task<TestSmtpServer> Shared => SharedServer.Value;

    /// <summary>The connection string the services read as ConnectionStrings:mail.</summary>
    public string ConnectionString => $"smtp://127.0.0.1:{_smtpPort}";

    public static async Task<TestSmtpServer> StartNewAsync()
    {
        var server = new TestSmtpServer();
        Directory.CreateDirectory(server._folder);
        await server.StartAsync();
        return server;
    }

    public async Task StartAsync()
    {
        var tool = TestServers.Smtp4dev;
        if (!File.Exists(tool)) throw new InvalidOperationException($"smtp4dev is not installed at {tool}: run the tests with ./test.sh.");
        var start = new ProcessStartInfo(tool)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = _folder,
        };
        foreach (var argument in new[]
                 {
                     $"--urls=http://127.0.0.1:{_httpPort}", $"--smtpport={_smtpPort}", "--bindaddress=127.0.0.1", "--imapport=0",
                     "--pop3port=0", "--hostname=localhost", "--tlsmode=None", "--nousersettings", "--messagestokeep=100000",
                     $"--db={Path.Combine(_folder, "smtp4dev.db")}",
                 })
            start.ArgumentList.Add(argument);
        start.Environment["XDG_CONFIG_HOME"] = _folder;
        var server = _server = Process.Start(start)!;
        // A child process outlives the test host on Linux: it ends with it.
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
            if (_server.HasExited) throw new InvalidOperationException($"smtp4dev exited with code {_server.ExitCode}.");
            if (clock.Elapsed > TimeSpan.FromSeconds(60)) throw new TimeoutException("smtp4dev did not start within 60 s.");
            await Task.Delay(200);
        }
    }

    /// <summary>Stops the server as a service manager would (SIGTERM); SMTP connections are refused until <see cref="StartAsync"/>.</summary>
    public async Task StopAsync()
    {
        if (_server is null || _server.HasExited) return;
        await LocalPorts.SignalAsync(_server, "TERM");
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

    /// <summary>Every mail received for <paramref name="address"/>, oldest first.</summary>
    public Task<IReadOnlyList<MimeMessage>> MailToAsync(string address) => _inbox.MailToAsync(address);

    /// <summary>Waits until <paramref name="address"/> has received at least <paramref name="count"/> mails matching <paramref name="which"/>.</summary>
    public Task<IReadOnlyList<MimeMessage>> WaitForMailAsync(string address, Func<MimeMessage, bool>? which = null, int count = 1,
        TimeSpan? timeout = null) => _inbox.WaitForMailAsync(address, which, count, timeout);

    public async ValueTask DisposeAsync()
    {
        try { await StopAsync(); }
        finally
        {
            _api.Dispose();
            try { Directory.Delete(_folder, recursive: true); } catch (IOException) { }
        }
    }

    private async Task<bool> AnswersAsync()
    {
        try
        {
            using var smtp = new TcpClient();
            await smtp.ConnectAsync(IPAddress.Loopback, _smtpPort);
            return (await _api.GetAsync("/api/messages?pageSize=1")).IsSuccessStatusCode;
        }
        catch (Exception e) when (e is SocketException or HttpRequestException)
        {
            return false;
        }
    }

}
