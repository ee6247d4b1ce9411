using System.Net;
using System.Net.Http.Headers;
using System.Text.RegularExpressions;

namespace NewsPlatform.EndToEnd.Tests.Site;

/// <summary>How the site's bytes travel, as ./start.sh runs it (Development): compressed, and files cached for good.</summary>
[Collection(PlatformCollection.Name)]
public sealed partial class SiteDeliveryTests(PlatformFixture platform)
{
    [Fact]
    public async Task Pages_arrive_compressed_and_the_sites_files_are_fingerprinted_compressed_and_cached_for_a_year()
    {
        using var handler = new SocketsHttpHandler { AutomaticDecompression = DecompressionMethods.None };
        using var http = new HttpClient(handler) { BaseAddress = platform.Gateway.BaseAddress };
        http.DefaultRequestHeaders.AcceptEncoding.ParseAdd("br, gzip");

        var home = await http.GetAsync("/");
        Assert.Contains(home.Content.Headers.ContentEncoding, e => e is "br" or "gzip");
        var html = await platform.Gateway.GetStringAsync("/");

        foreach (var asset in Assets().Matches(html).Select(m => m.Groups[1].Value).Distinct())
        {
            var raw = await platform.Gateway.GetByteArrayAsync("/" + asset);
            var response = await http.GetAsync("/" + asset);
            var cache = response.Headers.CacheControl;
            Assert.True(cache?.MaxAge >= TimeSpan.FromDays(365) && cache.Extensions.Any(e => e.Name == "immutable"), $"{asset}: Cache-Control {cache}");
            Assert.Contains(response.Content.Headers.ContentEncoding, e => e is "br" or "gzip");
            var sent = (await response.Content.ReadAsByteArrayAsync()).Length;
            Assert.True(sent < raw.Length * 0.6, $"{asset}: {sent} bytes sent for {raw.Length}");
        }
    }

    [Fact]
    public async Task Robots_are_told_where_the_sitemap_is_and_kept_out_of_readers_accounts()
    {
        var robots = await platform.Gateway.GetStringAsync("/robots.txt");
        Assert.Contains("Disallow: /account", robots);
        Assert.Matches(@"Sitemap: http://[^\s]+/sitemap\.xml", robots);
    }

    [GeneratedRegex("""(?:href|src)="((?:css|js)/[a-z]+\.[a-z0-9]+\.(?:css|js))""")]
    private static partial Regex Assets();
}
