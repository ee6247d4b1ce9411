using Npgsql;

namespace NewsPlatform.TestSupport;

/// <summary>A database of its own on the shared server for one test class, dropped afterwards.</summary>
public sealed class IsolatedDatabase : IAsyncDisposable
{
    private IsolatedDatabase(string name)
    {
        Name = name;
        ConnectionString = new NpgsqlConnectionStringBuilder(TestServers.Postgres) { Database = name }.ConnectionString;
    }

    public string Name { get; }
    public string ConnectionString { get; }

    /// <summary>Names a fresh database; the service under test creates it on start-up, as in production.</summary>
    public static IsolatedDatabase Named(string prefix) => new(TestServers.UniqueName(prefix));

    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        await using var connection = new NpgsqlConnection(
            new NpgsqlConnectionStringBuilder(TestServers.Postgres) { Database = "postgres", Pooling = false }.ConnectionString);
        await connection.OpenAsync();
        await using var drop = new NpgsqlCommand($"drop database if exists \"{Name}\" with (force)", connection);
        await drop.ExecuteNonQueryAsync();
    }
}
