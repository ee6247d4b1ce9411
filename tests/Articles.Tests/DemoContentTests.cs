using System.Net.Http.Json;
using System.Text.Json;
using NewsPlatform.Articles.Demo;
using NewsPlatform.TestSupport;

namespace NewsPlatform.Articles.Tests;

/// <summary>Demo content for Development: seeded through the newsroom rules, once, however often the service starts.</summary>
public sealed class DemoContentTests : IAsyncLifetime
{
    private readonly IsolatedDatabase _database = IsolatedDatabase.Named("articles_demo");
    private IsolatedVirtualHost _virtualHost = null!;

    public async Task InitializeAsync() => _virtualHost = await IsolatedVirtualHost.CreateAsync("articles_demo");

    public async Task DisposeAsync()
    {
        await _virtualHost.DisposeAsync();
        await _database.DisposeAsync();
    }

    private ServiceUnderTest<ArticlesService> Service() => new(new Dictionary<string, string?>
    {
        ["ConnectionStrings:articlesdb"] = _database.ConnectionString,
        ["ConnectionStrings:messaging"] = _virtualHost.AmqpUri,
        ["Demo:Seed"] = "true",
    });

    private static Task<JsonElement> PublishedAsync(HttpClient editor) =>
        editor.GetFromJsonAsync<JsonElement>("/api/newsroom/articles?status=published&pageSize=50");

    [Fact]
    public async Task The_demo_articles_are_seeded_once_spread_over_sections_with_premium_and_corrected_ones()
    {
        var expected = DemoArticles.All.Count;
        await using (var first = Service())
        {
            var editor = first.CreateClientAs("editor-1", "editor");
            await Eventually.Until(() => PublishedAsync(editor), list => list.GetProperty("total").GetInt64() == expected,
                TimeSpan.FromSeconds(30), $"{expected} demo articles");
        }

        await using var second = Service();
        var again = second.CreateClientAs("editor-1", "editor");
        await Task.Delay(2000); // the seeder of the second start has run by now
        var published = await PublishedAsync(again);
        Assert.Equal(expected, published.GetProperty("total").GetInt64());

        var front = await second.CreateClient().GetFromJsonAsync<JsonElement>("/api/articles?pageSize=50");
        var items = front.GetProperty("items").EnumerateArray().ToList();
        Assert.True(items.Select(a => a.GetProperty("section").GetString()).Distinct().Count() >= 8);
        Assert.Contains(items, a => a.GetProperty("isPremium").GetBoolean());
        Assert.Contains(items, a => a.GetProperty("updatedAt").ValueKind != JsonValueKind.Null);
        Assert.Equal(expected, DemoArticles.All.Select(d => d.Key).Distinct().Count());
    }
}
