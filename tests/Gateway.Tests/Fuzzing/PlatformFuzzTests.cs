using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json.Nodes;
using Xunit.Abstractions;

namespace NewsPlatform.Gateway.Tests.Fuzzing;

/// <summary>
/// Bad input never gets a 5xx: at least 10,000 malformed and boundary requests generated from the merged OpenAPI
/// document, across every operation and method, without a token and with each kind of caller's, through the gateway
/// to the real services.
/// </summary>
public sealed class PlatformFuzzTests(FuzzPlatformFixture platform, ITestOutputHelper output) : IClassFixture<FuzzPlatformFixture>
{
    [Fact]
    public async Task Ten_thousand_malformed_and_boundary_requests_across_the_whole_api_get_no_server_error()
    {
        var document = JsonNode.Parse(await platform.Gateway.GetStringAsync("/openapi.json"))!;
        string?[] callers =
        [
            null, "Bearer not.a.token", "x", "Bearer dev:fuzz:admin",
            $"Bearer {platform.Tokens["reader"]}", $"Bearer {platform.Tokens["editor"]}", $"Bearer {platform.Tokens["admin"]}",
        ];
        // A rebuild that can start would start for every variant: asked as an admin, it is left to its own tests.
        var cases = OpenApiFuzzer.Cases(document, callers,
            skip: (path, method, auth) => path.StartsWith("/api/admin/search", StringComparison.Ordinal) && method == "POST"
                                          && auth is not null && (auth.Contains(platform.Tokens["admin"]) || auth.StartsWith("Bearer dev:"))).ToList();

        var operations = cases.Select(c => c.Operation).Distinct().Count();
        output.WriteLine($"{cases.Count} requests over {operations} operations");
        Assert.True(cases.Count >= 10_000, $"only {cases.Count} requests generated");
        Assert.True(operations >= 25, $"only {operations} operations in the document"); // all three services' (28 today)
        Assert.All(new[] { "/api/articles", "/api/auth", "/api/search", "/api/newsroom", "/api/admin", "/api/subscriptions", "/api/me" },
            prefix => Assert.Contains(cases, c => c.Url.StartsWith(prefix, StringComparison.Ordinal)));

        var failures = new ConcurrentQueue<string>();
        var statuses = new ConcurrentDictionary<int, int>();
        var clock = Stopwatch.StartNew();
        await Parallel.ForEachAsync(cases, new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (fuzz, ct) =>
        {
            using var request = fuzz.ToRequest();
            using var response = await platform.Gateway.SendAsync(request, ct);
            statuses.AddOrUpdate((int)response.StatusCode, 1, (_, n) => n + 1);
            if ((int)response.StatusCode >= 500)
                failures.Enqueue($"{(int)response.StatusCode} {fuzz}: {(await response.Content.ReadAsStringAsync(ct))[..Math.Min(300, (int)(response.Content.Headers.ContentLength ?? 300))]}");
        });
        output.WriteLine($"sent in {clock.Elapsed.TotalSeconds:0.0} s; statuses: {string.Join(", ", statuses.OrderBy(s => s.Key).Select(s => $"{s.Key}×{s.Value}"))}");

        Assert.True(failures.IsEmpty, $"{failures.Count} server errors:\n{string.Join("\n", failures.Take(40))}");
    }
}
