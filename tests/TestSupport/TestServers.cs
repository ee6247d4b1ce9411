namespace NewsPlatform.TestSupport;

/// <summary>
/// The real PostgreSQL, RabbitMQ and Redis the tests run against. test.sh starts them and exports these
/// variables; the defaults match what it starts, so one test project can also be run alone.
/// </summary>
public static class TestServers
{
    public static string Postgres =>
        Environment.GetEnvironmentVariable("NEWSPLATFORM_TEST_POSTGRES")
        ?? "Host=127.0.0.1;Port=5432;Username=postgres;Password=newsplatform;SSL Mode=Disable";

    public static Uri RabbitMq =>
        new(Environment.GetEnvironmentVariable("NEWSPLATFORM_TEST_RABBITMQ") ?? "amqp://guest:guest@127.0.0.1:5672");

    public static Uri RabbitMqManagement =>
        new(Environment.GetEnvironmentVariable("NEWSPLATFORM_TEST_RABBITMQ_MANAGEMENT") ?? "http://guest:guest@127.0.0.1:15672");

    /// <summary>The Redis of the gateway's shared edge state (StackExchange.Redis configuration; tests name their own key prefix).</summary>
    public static string Redis => Environment.GetEnvironmentVariable("NEWSPLATFORM_TEST_REDIS") ?? "127.0.0.1:6379";

    /// <summary>The smtp4dev tool (test.sh installs it under .run/tools).</summary>
    public static string Smtp4dev =>
        Environment.GetEnvironmentVariable("NEWSPLATFORM_SMTP4DEV") is { Length: > 0 } tool ? tool
            : Repository.PathOf(".run", "tools", "smtp4dev");

    /// <summary>A short unique name for a test's database or virtual host.</summary>
    public static string UniqueName(string prefix) => $"{prefix}_{Guid.NewGuid():N}"[..(prefix.Length + 13)].ToLowerInvariant();
}
