using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace NewsPlatform.AppHost;

/// <summary>
/// Local mode: the PostgreSQL 15 and RabbitMQ installed on this machine (Debian packages), run by
/// the AppHost as executables. Ports come from the orchestrator, so several instances (a developer's
/// <c>dotnet run</c>, test runs) can run side by side and beside the machine's own servers.
/// </summary>
internal static class LocalServers
{
    private const string DefaultPostgresBin = "/usr/lib/postgresql/15/bin";

    // Run directly: the /usr/sbin wrapper switches user and logs to /var/log.
    private const string DefaultRabbitMqServer = "/usr/lib/rabbitmq/bin/rabbitmq-server";

    public static Infrastructure Add(IDistributedApplicationBuilder builder, IResourceBuilder<IResource> info)
    {
        var runFolder = PrepareRunFolder(builder);
        var postgres = AddPostgres(builder, runFolder, info);
        var rabbitmq = AddRabbitMq(builder, runFolder, info);

        var postgresPort = postgres.GetEndpoint("tcp").Property(EndpointProperty.Port);
        var amqpPort = rabbitmq.GetEndpoint("amqp").Property(EndpointProperty.Port);

        // guest/guest may only log in over loopback, which is the only place this broker listens.
        var messaging = builder.AddConnectionString(InfrastructureExtensions.MessagingConnectionName,
                ReferenceExpression.Create($"amqp://guest:guest@127.0.0.1:{amqpPort}"))
            .WithParentRelationship(rabbitmq);

        // No password: the cluster trusts 127.0.0.1 (see the init script). The services create their
        // databases; each database's connection string sits under the server on the dashboard.
        return new Infrastructure(
            InfrastructureMode.Local,
            new Dependency(messaging, rabbitmq),
            (connectionName, databaseName) => new Dependency(
                builder.AddConnectionString(connectionName,
                        ReferenceExpression.Create($"Host=127.0.0.1;Port={postgresPort};Database={databaseName};Username=postgres"))
                    .WithParentRelationship(postgres),
                postgres),
            MailServer.Add(builder, InfrastructureMode.Local, info),
            () => EdgeStore.Add(builder, InfrastructureMode.Local, info));
    }

    /// <summary>
    /// <c>&lt;repo&gt;/.run/apphost</c> (ignored by git) or <c>Infrastructure:RunFolder</c>;
    /// an ephemeral run gets a folder of its own below it.
    /// </summary>
    private static string PrepareRunFolder(IDistributedApplicationBuilder builder)
    {
        var configured = builder.Configuration["Infrastructure:RunFolder"];
        var root = string.IsNullOrWhiteSpace(configured)
            ? Path.GetFullPath(Path.Combine(builder.AppHostDirectory, "..", ".run", "apphost"))
            : Path.GetFullPath(configured, builder.AppHostDirectory);

        // As root, postgres runs as user postgres, which cannot enter a checkout under e.g. /root.
        if (Environment.IsPrivilegedProcess && string.IsNullOrWhiteSpace(configured) && !OpenToOthers(root))
        {
            root = Path.Combine(Path.GetTempPath(), $"newsplatform-apphost-{ShortHash(root)}");
        }

        var ephemeral = InfrastructureExtensions.IsEphemeral(builder.Configuration);
        var folder = ephemeral ? Path.Combine(root, "ephemeral", Guid.NewGuid().ToString("N")[..12]) : root;
        Directory.CreateDirectory(folder);

        if (ephemeral)
        {
            // Have the orchestrator stop the servers before the AppHost exits, so their data can go.
            builder.Configuration["DcpPublisher:DeleteResourcesOnShutdown"] = "true";
        }

        builder.Eventing.Subscribe<BeforeStartEvent>((e, _) =>
        {
            e.Services.GetRequiredService<ILoggerFactory>()
                .CreateLogger("NewsPlatform.AppHost.Infrastructure")
                .LogInformation("Local servers keep their data in {RunFolder}{Ephemeral}", folder, ephemeral ? " (ephemeral)" : "");
            if (ephemeral)
            {
                e.Services.GetRequiredService<IHostApplicationLifetime>().ApplicationStopped.Register(() => TryDelete(folder));
            }
            return Task.CompletedTask;
        });
        return folder;
    }

    private static IResourceBuilder<ExecutableResource> AddPostgres(
        IDistributedApplicationBuilder builder, string runFolder, IResourceBuilder<IResource> info)
    {
        var bin = builder.Configuration["Infrastructure:Local:PostgresBin"] ?? DefaultPostgresBin;
        var postgresBinary = RequireFile(Path.Combine(bin, "postgres"), "Infrastructure:Local:PostgresBin", "apt-get install postgresql");
        var dataDir = Path.Combine(runFolder, "postgres");
        var ephemeral = InfrastructureExtensions.IsEphemeral(builder.Configuration);

        // One-shot: creates the cluster unless the folder already holds one.
        var init = builder.AddExecutable("postgres-init", "bash", runFolder,
                "-c", PostgresInitScript, "postgres-init", dataDir, bin);

        // PostgreSQL refuses to run as root: setpriv runs it as user postgres (and execs into it).
        string[] postgresCommand = Environment.IsPrivilegedProcess
            ? ["setpriv", "--reuid=postgres", "--regid=postgres", "--init-groups", postgresBinary]
            : [postgresBinary];

        var server = builder.AddExecutable("postgres", "bash", runFolder,
                ["-c", FastShutdownScript, "postgres", .. postgresCommand])
            .WithEndpoint(name: "tcp", scheme: "tcp", isProxied: false) // port picked by the orchestrator
            .WithParentRelationship(info)
            .WaitForCompletion(init);
        init.WithParentRelationship(server);

        var endpoint = server.GetEndpoint("tcp");
        server.WithArgs(context =>
        {
            context.Args.Add("-D");
            context.Args.Add(dataDir);
            context.Args.Add("-p");
            context.Args.Add(endpoint.Property(EndpointProperty.TargetPort));
            context.Args.Add("-c");
            context.Args.Add("listen_addresses=127.0.0.1");
            // No Unix socket: nothing uses one, and a socket path under a deep folder can exceed the OS limit.
            context.Args.Add("-c");
            context.Args.Add("unix_socket_directories=");
            if (ephemeral)
            {
                // Throwaway data: durability only costs time.
                context.Args.Add("-c");
                context.Args.Add("fsync=off");
                context.Args.Add("-c");
                context.Args.Add("synchronous_commit=off");
            }
        });

        // Ready means a query succeeds, not just an open port (postgres accepts before it can serve).
        var healthCheck = "postgres-ready";
        builder.Services.AddHealthChecks().AddCheck(healthCheck, new PostgresReadyCheck(endpoint));
        return server.WithHealthCheck(healthCheck);
    }

    private static IResourceBuilder<ExecutableResource> AddRabbitMq(
        IDistributedApplicationBuilder builder, string runFolder, IResourceBuilder<IResource> info)
    {
        var serverScript = RequireFile(
            builder.Configuration["Infrastructure:Local:RabbitMqServer"] ?? DefaultRabbitMqServer,
            "Infrastructure:Local:RabbitMqServer", "apt-get install rabbitmq-server");

        var folder = Path.Combine(runFolder, "rabbitmq");
        var home = Path.Combine(folder, "home");
        Directory.CreateDirectory(home);
        // Its own plugin list and config file, so the machine-wide ones in /etc/rabbitmq do not apply
        // (the machine's plugin list would also claim port 15672).
        File.WriteAllText(Path.Combine(folder, "enabled_plugins"), "[rabbitmq_management].\n");
        File.WriteAllText(Path.Combine(folder, "rabbitmq.conf"),
            "# Written by the AppHost. Ports come from the environment and the command line.\n");

        // Unique per run folder (several checkouts or test runs share one epmd), stable across runs
        // so the persistent node finds its data again (mnesia is stored per node name).
        var nodeName = $"newsplatform-{ShortHash(runFolder)}@localhost";

        var server = builder.AddExecutable("rabbitmq", serverScript, folder)
            .WithEndpoint(name: "amqp", scheme: "tcp", isProxied: false)
            .WithEndpoint(name: "dist", scheme: "tcp", isProxied: false)
            .WithHttpEndpoint(name: "management", isProxied: false)
            .WithUrlForEndpoint("amqp", url => url.DisplayLocation = UrlDisplayLocation.DetailsOnly)
            .WithUrlForEndpoint("dist", url => url.DisplayLocation = UrlDisplayLocation.DetailsOnly)
            .WithUrlForEndpoint("management", url => url.DisplayText = "RabbitMQ management UI (guest/guest)")
            .WithParentRelationship(info);

        var amqp = server.GetEndpoint("amqp");
        var dist = server.GetEndpoint("dist");
        var management = server.GetEndpoint("management");
        server.WithEnvironment(context =>
        {
            var env = context.EnvironmentVariables;
            env["HOME"] = home; // the Erlang cookie lives here
            env["RABBITMQ_CONF_ENV_FILE"] = Path.Combine(folder, "rabbitmq-env.conf"); // absent on purpose
            env["RABBITMQ_CONFIG_FILE"] = Path.Combine(folder, "rabbitmq.conf");
            env["RABBITMQ_ADVANCED_CONFIG_FILE"] = Path.Combine(folder, "advanced.config"); // absent on purpose
            env["RABBITMQ_ENABLED_PLUGINS_FILE"] = Path.Combine(folder, "enabled_plugins");
            env["RABBITMQ_NODENAME"] = nodeName;
            env["RABBITMQ_NODE_IP_ADDRESS"] = "127.0.0.1";
            env["RABBITMQ_NODE_PORT"] = amqp.Property(EndpointProperty.TargetPort);
            // Required: the default (node port + 20000) is past 65535 for high ports.
            env["RABBITMQ_DIST_PORT"] = dist.Property(EndpointProperty.TargetPort);
            env["RABBITMQ_MNESIA_BASE"] = Path.Combine(folder, "mnesia");
            env["RABBITMQ_LOG_BASE"] = Path.Combine(folder, "log");
            env["RABBITMQ_LOGS"] = "-"; // to stdout, i.e. the dashboard's console log
            env["RABBITMQ_PID_FILE"] = Path.Combine(folder, "rabbitmq.pid");
            // Erlang starts the machine-wide name server (epmd) when none runs, and it outlives
            // the node; this keeps one started here on loopback.
            env["ERL_EPMD_ADDRESS"] = "127.0.0.1";
        });
        // Arguments go to the Erlang VM as "-app key value": the management listener, and the
        // distribution port on loopback only (it would listen on every interface).
        server.WithArgs(
            "-rabbitmq_management", "tcp_config",
            ReferenceExpression.Create($"[{{ip,\"127.0.0.1\"}},{{port,{management.Property(EndpointProperty.TargetPort)}}}]"),
            "-kernel", "inet_dist_use_interface", "{127,0,0,1}");

        // The AMQP listener opens last in RabbitMQ's boot, so an open port means the broker is up.
        return server.ReadyWhenPortOpens(amqp);
    }

    // Arguments: data folder, PostgreSQL bin folder.
    private const string PostgresInitScript = """
        set -euo pipefail
        data="$1"; bin="$2"
        if [ -s "$data/PG_VERSION" ]; then
          echo "Using the existing cluster in $data"
          exit 0
        fi
        mkdir -p "$data"
        as_postgres=()
        if [ "$(id -u)" -eq 0 ]; then
          # PostgreSQL refuses to run as root.
          chown postgres:postgres "$data"
          as_postgres=(setpriv --reuid=postgres --regid=postgres --init-groups)
        fi
        if ! "${as_postgres[@]}" test -w "$data"; then
          echo "User postgres cannot write to $data (a parent folder is closed to it); point Infrastructure:RunFolder elsewhere." >&2
          exit 1
        fi
        # trust: the server listens on 127.0.0.1 only and has no Unix socket.
        exec "${as_postgres[@]}" "$bin/initdb" --pgdata="$data" --username=postgres --auth=trust --encoding=UTF8 --no-locale
        """;

    // Arguments: the server command line. On SIGTERM postgres waits for every client to leave
    // ("smart" shutdown) and the orchestrator then kills it; SIGINT is a clean "fast" shutdown.
    private const string FastShutdownScript = """
        "$@" &
        pid=$!
        trap 'kill -INT "$pid" 2>/dev/null' TERM INT
        while true; do
          wait "$pid"; status=$?
          kill -0 "$pid" 2>/dev/null || exit "$status"
        done
        """;

    internal static string RequireFile(string path, string configurationKey, string install)
        => File.Exists(path)
            ? path
            : throw new InvalidOperationException(
                $"Infrastructure mode 'local' needs {path}: install it ({install}), point {configurationKey} at it, " +
                "or choose another Infrastructure:Mode.");

    /// <summary>Whether every existing folder on the path lets other users through.</summary>
    private static bool OpenToOthers(string path)
    {
        for (var dir = new DirectoryInfo(path); dir is not null; dir = dir.Parent)
        {
            if (dir.Exists && !dir.UnixFileMode.HasFlag(UnixFileMode.OtherExecute))
            {
                return false;
            }
        }
        return true;
    }

    private static string ShortHash(string text)
        => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(text)))[..8].ToLowerInvariant();

    private static void TryDelete(string folder)
    {
        for (var attempt = 0; attempt < 10 && Directory.Exists(folder); attempt++)
        {
            try
            {
                Directory.Delete(folder, recursive: true);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                Thread.Sleep(500); // a server may still be letting go of its files
            }
        }
    }
}

/// <summary>Healthy once PostgreSQL answers a query on the allocated port.</summary>
internal sealed class PostgresReadyCheck(EndpointReference endpoint) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (!endpoint.IsAllocated)
        {
            return HealthCheckResult.Unhealthy("No port allocated yet.");
        }
        try
        {
            await using var connection = new NpgsqlConnection(
                $"Host=127.0.0.1;Port={endpoint.Port};Username=postgres;Database=postgres;Pooling=false;Timeout=3");
            await connection.OpenAsync(cancellationToken);
            await using var command = new NpgsqlCommand("SELECT 1", connection);
            await command.ExecuteScalarAsync(cancellationToken);
            return HealthCheckResult.Healthy();
        }
        catch (Exception e) when (e is NpgsqlException or SocketException or TimeoutException)
        {
            return HealthCheckResult.Unhealthy(e.Message);
        }
    }
}

internal static class TcpPortOpenCheckExtensions
{
    /// <summary>The server is healthy (and what waits for it starts) once <paramref name="endpoint"/> accepts connections.</summary>
    public static IResourceBuilder<ExecutableResource> ReadyWhenPortOpens(this IResourceBuilder<ExecutableResource> server, EndpointReference endpoint)
    {
        var healthCheck = $"{server.Resource.Name}-ready";
        server.ApplicationBuilder.Services.AddHealthChecks().AddCheck(healthCheck, new TcpPortOpenCheck(endpoint));
        return server.WithHealthCheck(healthCheck);
    }
}

/// <summary>Healthy once something accepts TCP connections on the allocated port.</summary>
internal sealed class TcpPortOpenCheck(EndpointReference endpoint) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (!endpoint.IsAllocated)
        {
            return HealthCheckResult.Unhealthy("No port allocated yet.");
        }
        try
        {
            using var client = new TcpClient();
            await client.ConnectAsync(IPAddress.Loopback, endpoint.Port, cancellationToken);
            return HealthCheckResult.Healthy();
        }
        catch (SocketException e)
        {
            return HealthCheckResult.Unhealthy(e.Message);
        }
    }
}
