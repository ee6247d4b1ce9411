using Npgsql;

namespace Microsoft.Extensions.Hosting;

/// <summary>
/// Work that one replica at a time must do (delivering the mail queue, composing a newsletter), held as a PostgreSQL
/// session-level advisory lock on a connection of its own. A replica that dies loses its connection, and with it the
/// lease, so another takes the work over at its next round; nothing has to expire.
/// </summary>
public sealed class PostgresLease : IAsyncDisposable
{
    private readonly NpgsqlConnection _connection;

    private PostgresLease(NpgsqlConnection connection) => _connection = connection;

    /// <summary>The lease named <paramref name="name"/>, or null when another holder has it now.</summary>
    public static Task<PostgresLease?> TryTakeAsync(string connectionString, string name, CancellationToken cancellationToken) =>
        AcquireAsync(connectionString, name, wait: false, cancellationToken);

    /// <summary>The lease named <paramref name="name"/>, once its holder (if any) has let it go: work done in turns.</summary>
    public static async Task<PostgresLease> TakeAsync(string connectionString, string name, CancellationToken cancellationToken) =>
        (await AcquireAsync(connectionString, name, wait: true, cancellationToken))!;

    private static async Task<PostgresLease?> AcquireAsync(string connectionString, string name, bool wait, CancellationToken cancellationToken)
    {
        // Not pooled: a pooled connection returned with the lock still held would keep it past this lease.
        var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false }.ConnectionString);
        try
        {
            await connection.OpenAsync(cancellationToken);
            await using var command = new NpgsqlCommand(
                wait ? "select true from (select pg_advisory_lock(hashtextextended($1, 0))) as turn" : "select pg_try_advisory_lock(hashtextextended($1, 0))", connection)
            {
                Parameters = { new() { Value = name } },
                CommandTimeout = 0, // waiting for a turn is not a slow query
            };
            if (await command.ExecuteScalarAsync(cancellationToken) is true)
                return new PostgresLease(connection);
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
        await connection.DisposeAsync();
        return null;
    }

    /// <summary>Closing the connection ends the lock; nothing else needs undoing.</summary>
    public ValueTask DisposeAsync() => _connection.DisposeAsync();
}
