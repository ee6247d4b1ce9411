using JasperFx;
using JasperFx.Events.Daemon;
using Marten;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Microsoft.Extensions.Hosting;

/// <summary>
/// Marten on the service's own PostgreSQL database: event store plus documents, schema created at start.
/// </summary>
public static class EventStoreExtensions
{
    public static MartenServiceCollectionExtensions.MartenConfigurationExpression AddEventStore(
        this IHostApplicationBuilder builder, string connectionName, Action<StoreOptions> configure)
    {
        var connectionString = builder.Configuration.GetConnectionString(connectionName)
            ?? throw new InvalidOperationException(
                $"Connection string '{connectionName}' is missing: the AppHost provides it as ConnectionStrings__{connectionName}.");

        builder.Services.AddHealthChecks().AddPostgresReadiness(connectionString);
        builder.AddEventStoreProgress();

        var daemonMode = builder.Configuration.GetValue("EventStore:DaemonMode", DaemonMode.HotCold);

        var marten = builder.Services.AddMarten(options =>
            {
                options.Connection(connectionString);
                options.AutoCreateSchemaObjects = AutoCreate.CreateOrUpdate;
                // Telemetry for the dashboard: sessions and the async daemon's progress.
                options.OpenTelemetry.TrackConnections = JasperFx.OpenTelemetry.TrackLevel.Normal;
                options.OpenTelemetry.TrackEventCounters();
                // The daemon is woken by a notification from each appending transaction as it commits:
                // forwarding to the bus starts at once rather than at the next poll. The poll (the
                // defaults: up to 1 s) stays as the safety net for a lost listening connection.
                options.Events.UseListenNotifyForEventAppends = true;
                configure(options);
            })
            .UseLightweightSessions()
            .ApplyAllDatabaseChangesOnStartup()
            // HotCold: with several replicas exactly one runs projections and subscriptions.
            .AddAsyncDaemon(daemonMode);

        // Marten puts its schema migration first among the hosted services; the database itself
        // must exist before that, so this goes in front of it.
        builder.Services.Insert(0, ServiceDescriptor.Singleton<IHostedService>(sp => new DatabaseCreator(
            connectionString, sp.GetRequiredService<ILogger<DatabaseCreator>>())));
        return marten;
    }

    /// <summary>
    /// Creates the database a connection string names when it does not exist yet (Aspire containers create it, local
    /// servers and test runs do not). Waits for the server while it is still starting. Replicas starting together may
    /// all try: the losers' CREATE DATABASE fails with "already exists" — or, when they ran at the very same moment, with
    /// a unique violation on the catalogue — and both mean it is there.
    /// </summary>
    public static async Task EnsureDatabaseAsync(string connectionString, ILogger logger, CancellationToken cancellationToken)
    {
        var target = new NpgsqlConnectionStringBuilder(connectionString);
        var database = target.Database ?? throw new InvalidOperationException("The connection string names no database.");
        var maintenance = new NpgsqlConnectionStringBuilder(connectionString) { Database = "postgres", Pooling = false };

        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await using var connection = new NpgsqlConnection(maintenance.ConnectionString);
                await connection.OpenAsync(cancellationToken);
                await using var exists = new NpgsqlCommand("select 1 from pg_database where datname = $1", connection)
                {
                    Parameters = { new() { Value = database } },
                };
                if (await exists.ExecuteScalarAsync(cancellationToken) is not null) return;

                await using var create = new NpgsqlCommand(
                    $"create database {new NpgsqlCommandBuilder().QuoteIdentifier(database)}", connection);
                await create.ExecuteNonQueryAsync(cancellationToken);
                logger.LogInformation("Created database {Database}", database);
                return;
            }
            catch (PostgresException e) when (e.SqlState is PostgresErrorCodes.DuplicateDatabase or PostgresErrorCodes.UniqueViolation)
            {
                return; // another replica won the race
            }
            catch (NpgsqlException e) when (attempt < 30 && e is not PostgresException)
            {
                logger.LogWarning("PostgreSQL not reachable yet ({Message}); retrying", e.Message);
                await Task.Delay(TimeSpan.FromSeconds(1), cancellationToken);
            }
        }
    }

    private sealed class DatabaseCreator(string connectionString, ILogger<DatabaseCreator> logger) : IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken) => EnsureDatabaseAsync(connectionString, logger, cancellationToken);

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
