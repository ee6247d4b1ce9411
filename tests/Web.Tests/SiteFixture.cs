using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Parser;
using Microsoft.AspNetCore.Mvc.Testing;
using NewsPlatform.TestSupport;

namespace NewsPlatform.Web.Tests;

/// <summary>The site in-process in front of the stand-in services (service discovery pointed at them).</summary>
public sealed class SiteFixture : IAsyncLifetime
{
    public StandInServices Services { get; private set; } = null!;
    private ServiceUnderTest<WebSite> _site = null!;

    public async Task InitializeAsync()
    {
        Services = await StandInServices.StartAsync();
        _site = new ServiceUnderTest<WebSite>(SettingsFor(Services));
    }

    /// <summary>A site's settings in front of these stand-ins (service discovery pointed at them), plus any of a test's own.</summary>
    public static Dictionary<string, string?> SettingsFor(StandInServices services, params (string Key, string? Value)[] more)
    {
        var settings = new Dictionary<string, string?>
        {
            ["services:articles:http:0"] = services.Address,
            ["services:subscriptions:http:0"] = services.Address,
            ["services:search:http:0"] = services.Address,
            ["Publication:SiteUrl"] = "https://news.example",
        };
        foreach (var (key, value) in more) settings[key] = value;
        return settings;
    }

    /// <summary>A browser of its own (cookies), which does not follow redirects so tests see them.</summary>
    public SiteBrowser NewBrowser() => new(_site.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true }));

    public async Task DisposeAsync()
    {
        await _site.DisposeAsync();
        await Services.DisposeAsync();
    }
}

[CollectionDefinition(Name)]
public sealed class SiteCollection : ICollectionFixture<SiteFixture>
{
    public const string Name = "Site";
}

/// <summary>What a reader's browser does with the site: get pages, and fill in and post its forms.</summary>
public sealed class SiteBrowser(HttpClient http) : IDisposable
{
    private static readonly HtmlParser Parser = new();

    public HttpClient Http => http;

    public async Task<(HttpResponseMessage Response, IDocument Page)> GetAsync(string path)
    {
        var response = await http.GetAsync(path);
        return (response, Parser.ParseDocument(await response.Content.ReadAsStringAsync()));
    }

    /// <summary>Posts the form named <paramref name="formName"/> of the page at <paramref name="path"/>, as a browser would: its hidden fields, then these.</summary>
    public async Task<(HttpResponseMessage Response, IDocument Page)> SubmitAsync(string path, string formName, IDictionary<string, string> fields,
        IReadOnlyDictionary<string, string>? headers = null)
    {
        var (_, page) = await GetAsync(path);
        var form = page.QuerySelectorAll("form").FirstOrDefault(f => f.QuerySelector($"input[name=_handler][value='{formName}']") is not null)
                   ?? throw new InvalidOperationException($"No form '{formName}' on {path}");
        var values = form.QuerySelectorAll("input[type=hidden]").ToDictionary(i => i.GetAttribute("name")!, i => i.GetAttribute("value") ?? "");
        foreach (var (name, value) in fields) values[name] = value;
        var action = form.GetAttribute("action") is { Length: > 0 } a ? a : path;
        var request = new HttpRequestMessage(HttpMethod.Post, action) { Content = new FormUrlEncodedContent(values) };
        foreach (var (name, value) in headers ?? new Dictionary<string, string>()) request.Headers.Add(name, value);
        var response = await http.SendAsync(request);
        return (response, Parser.ParseDocument(await response.Content.ReadAsStringAsync()));
    }

    public async Task LogInAsync(string email = StandInServices.Reader, string password = StandInServices.Password)
    {
        var (response, _) = await SubmitAsync("/login", "login", new Dictionary<string, string>
        {
            ["Form.Email"] = email, ["Form.Password"] = password, ["Form.Remember"] = "true",
        });
        if (response.StatusCode != HttpStatusCode.Redirect) throw new InvalidOperationException($"Login answered {(int)response.StatusCode}");
    }

    public void Dispose() => http.Dispose();
}
