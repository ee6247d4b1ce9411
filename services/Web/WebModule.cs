using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.ResponseCompression;
using Microsoft.Extensions.Http.Resilience;
using NewsPlatform.Web.Components;
using NewsPlatform.Web.Platform;
using NewsPlatform.Web.Presentation;
using NewsPlatform.Web.Session;

namespace NewsPlatform.Web;

public static class WebModule
{
    /// <summary>How long the site asks its services before it says a page is unavailable.</summary>
    private static readonly TimeSpan ServiceAttemptTimeout = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan DeskAttemptTimeout = TimeSpan.FromSeconds(60);

    public static IHostApplicationBuilder AddWebSite(this IHostApplicationBuilder builder)
    {
        // The site's files do not change while it runs. Without this, Development re-reads wwwroot on every request
        // and serves the files uncacheable and "re-compressed" without compression (ASP.NET Core's hot reload of
        // static assets), which is what ./start.sh runs.
        builder.Configuration["ReloadStaticAssetsAtRuntime"] ??= "false";
        builder.Services.AddRazorComponents();
        builder.Services.AddHttpContextAccessor();
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.Configure<Publication>(builder.Configuration.GetSection("Publication"));

        // The services' public APIs, by service discovery, as the gateway reaches them.
        builder.AddServiceClient<ArticlesApi>("http://articles", ServiceAttemptTimeout);
        builder.AddServiceClient<IdentityApi>("http://subscriptions", ServiceAttemptTimeout);
        builder.AddServiceClient<SearchApi>("http://search", ServiceAttemptTimeout);
        // The desk uploads photos of up to 20 MB, which the Articles service turns into renditions.
        builder.AddServiceClient<NewsroomApi>("http://articles", DeskAttemptTimeout);
        builder.AddServiceClient<AdminApi>("http://subscriptions", ServiceAttemptTimeout);
        builder.AddServiceClient<SearchAdminApi>("http://search", ServiceAttemptTimeout);

        builder.Services.AddHybridCache();
        builder.Services.AddScoped<Edition>();
        builder.Services.AddScoped<PageTags>();
        // What the site keeps of the edition is forgotten on every article change, on a queue of this replica's own.
        // The site serves without the bus (what it keeps then simply expires), so the bus is not part of its readiness.
        if (!string.IsNullOrEmpty(builder.Configuration.GetConnectionString("messaging")))
            builder.AddMessageBus("messaging", "web", bus => bus.AddConsumer<EditionChanges>().Endpoint(e => e.OnePerReplica()), "downstream");
        builder.Services.AddScoped<CurrentReader>();
        builder.Services.AddScoped<StyleNonce>();
        builder.Services.AddScoped<ReaderGlances>();

        builder.AddReaderSessions();

        builder.Services.AddResponseCompression(options =>
        {
            options.EnableForHttps = true;
            options.Providers.Add<BrotliCompressionProvider>();
            options.Providers.Add<GzipCompressionProvider>();
        });
        builder.Services.Configure<ForwardedHeadersOptions>(options =>
        {
            // Only the gateway's word counts: loopback by default, or the proxies configured in "Edge".
            options.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto | ForwardedHeaders.XForwardedHost;
            foreach (var proxy in builder.Configuration.GetSection("Edge:KnownProxies").Get<string[]>() ?? [])
                options.KnownProxies.Add(System.Net.IPAddress.Parse(proxy));
        });
        return builder;
    }

    /// <summary>
    /// A typed client of one service with a resilience pipeline of its own. The defaults' handler (ServiceDefaults) is
    /// one pipeline shared by every client under one name, so options configured per client never reached it — and its
    /// retries repeated logins and subscriptions. Each client here replaces it: no retry of an unsafe method, its own
    /// timeouts, and its own circuit breaker (one service's outage does not open the circuit to the others).
    /// </summary>
    private static void AddServiceClient<TClient>(this IHostApplicationBuilder builder, string address, TimeSpan attempt)
        where TClient : class
    {
#pragma warning disable EXTEXP0001 // removing the defaults' handler is the documented way to replace it for one client
        builder.Services.AddHttpClient<TClient>(http => http.BaseAddress = new(address))
            .RemoveAllResilienceHandlers()
#pragma warning restore EXTEXP0001
            .AddStandardResilienceHandler(options =>
            {
                // A login, a subscription or a follow is never sent twice because an answer was slow.
                options.Retry.DisableForUnsafeHttpMethods();
                options.AttemptTimeout.Timeout = attempt;
                options.TotalRequestTimeout.Timeout = attempt * 2;
                options.CircuitBreaker.SamplingDuration = attempt * 4;
            });
    }

    /// <summary>The reader's cookie session: a protected key in the cookie, the tokens on the server side.</summary>
    private static void AddReaderSessions(this IHostApplicationBuilder builder)
    {
        builder.AddSessionStorage(); // in memory for one replica, in Redis for several (SessionStorage.cs)
        builder.Services.AddSingleton<ITicketStore, SessionTicketStore>();
        builder.Services.AddScoped<TokenRenewal>();
        builder.Services.AddAuthentication(ReaderSessionDefaults.Scheme).AddCookie(ReaderSessionDefaults.Scheme, options =>
        {
            options.Cookie.Name = ReaderSessionDefaults.CookieName;
            options.Cookie.HttpOnly = true;
            options.Cookie.SameSite = SameSiteMode.Lax;
            options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest; // Secure whenever the request is https
            options.ExpireTimeSpan = ReaderSessionDefaults.Lifetime;
            options.SlidingExpiration = true;
            options.LoginPath = "/login";
            options.LogoutPath = "/logout";
            options.AccessDeniedPath = "/forbidden";
            options.ReturnUrlParameter = "returnUrl";
            options.Events.OnValidatePrincipal = context =>
                context.HttpContext.RequestServices.GetRequiredService<TokenRenewal>().ValidateAsync(context);
        });
        builder.Services.AddOptions<CookieAuthenticationOptions>(ReaderSessionDefaults.Scheme)
            .Configure<ITicketStore>((options, store) => options.SessionStore = store);
        builder.Services.AddAuthorization();
        builder.Services.AddAntiforgery(options => options.Cookie.Name = "np_antiforgery");
    }

    public static WebApplication UseWebSite(this WebApplication app)
    {
        app.UseForwardedHeaders();
        app.UseExceptionHandler("/error", createScopeForErrors: true);
        app.UseStatusCodePagesWithReExecute("/not-found", createScopeForStatusCodePages: true);
        app.UseSiteHeaders();
        // Anonymous pages only: a page with the reader's antiforgery token is not compressed (BREACH).
        app.UseWhen(http => !http.Request.Cookies.ContainsKey(ReaderSessionDefaults.CookieName), site => site.UseResponseCompression());
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseAntiforgery();
        return app;
    }

    public static WebApplication MapWebSite(this WebApplication app)
    {
        app.MapStaticAssets();
        app.MapRazorComponents<App>();
        app.MapPost("/logout", LogOutAsync);
        app.MapGet("/robots.txt", (Microsoft.Extensions.Options.IOptions<Publication> publication) => Results.Text(
            $"User-agent: *\nDisallow: /account\nDisallow: /subscribe\nDisallow: /newsroom\nDisallow: /admin\nSitemap: {publication.Value.Absolute("/sitemap.xml")}\n",
            "text/plain"));
        return app;
    }

    /// <summary>Log out: the refresh token is revoked with the identity service, the session forgotten.</summary>
    private static async Task<IResult> LogOutAsync(HttpContext http, IdentityApi identity, [FromForm] LogoutForm? form, ILogger<LogoutForm> logger)
    {
        var access = await http.GetTokenAsync(ReaderSessionDefaults.Scheme, ReaderSignIn.AccessToken);
        var refresh = await http.GetTokenAsync(ReaderSessionDefaults.Scheme, ReaderSignIn.RefreshToken);
        if (access is not null && refresh is not null)
        {
            try
            {
                await identity.LogoutAsync(access, refresh, http.RequestAborted);
            }
            catch (ServiceUnavailableException e)
            {
                // The session ends here regardless; the refresh token then lapses on its own.
                logger.LogWarning("Refresh token not revoked at logout: {Reason}", e.Message);
            }
        }
        await http.SignOutAsync(ReaderSessionDefaults.Scheme);
        return Results.LocalRedirect(LocalUrl.OrHome(form?.ReturnUrl));
    }

    public sealed record LogoutForm(string? ReturnUrl);
}

/// <summary>Names this site's assembly, e.g. for an in-process test host.</summary>
public sealed class WebSite;
