using NewsPlatform.AppHost;
using Microsoft.Extensions.Configuration;

var builder = DistributedApplication.CreateBuilder(args);

// PostgreSQL and RabbitMQ: containers, this machine's own servers, or servers that already
// run elsewhere, as Infrastructure:Mode says (see Infrastructure.cs and LocalServers.cs).
var infrastructure = builder.AddInfrastructure();

// Replicas:Services (default 1) runs that many replicas of each service (Articles, Subscriptions, Search), on one
// database each and one queue per consumer, behind Aspire's proxy: see "Several replicas of a service" in the README.
// Replicas:Gateways (default 1) does the same for the gateway; with more than one, their limits, API-key answers and
// cached answers live in a Redis they share (EdgeStore.cs). Replicas:Sites (default 1) does it for the site, whose
// replicas then keep the readers' sessions and their key ring in that same Redis.
var serviceReplicas = Math.Max(1, builder.Configuration.GetValue("Replicas:Services", 1));
var gatewayReplicas = Math.Max(1, builder.Configuration.GetValue("Replicas:Gateways", 1));
var siteReplicas = Math.Max(1, builder.Configuration.GetValue("Replicas:Sites", 1));

// The services run in the AppHost's environment: in Development that brings demo content and
// development tokens (see each service's appsettings.Development.json).
var environment = builder.Environment.EnvironmentName;

// Each service owns its database and shares the broker (AddService, at the end).
// Subscriptions & identity signs the platform's tokens and starts with an initial admin: the email from this
// AppHost's configuration ("InitialAdmin", see appsettings.json), the password generated at the first start (never
// committed), kept in the AppHost's user secrets and shown once in its console and on the dashboard (InitialAdmin.cs).
var adminPassword = builder.AddInitialAdminPassword();
// It also writes the platform's mail (verification, password reset, alerts, the morning briefing) to the SMTP server.
var subscriptions = AddService<Projects.NewsPlatform_Subscriptions>("subscriptions")
    .WithMail(infrastructure)
    .WithEnvironment("Identity__InitialAdmin__Email", builder.Configuration["InitialAdmin:Email"])
    .WithEnvironment("Identity__InitialAdmin__Password", adminPassword)
    .WithEnvironment("Identity__InitialAdmin__DisplayName", builder.Configuration["InitialAdmin:DisplayName"]);

// The others verify tokens against the keys the identity service publishes (its discovery document).
var identityAuthority = subscriptions.GetEndpoint("http");

var articles = AddService<Projects.NewsPlatform_Articles>("articles")
    .WithEnvironment("Identity__Authority", identityAuthority)
    .WaitFor(subscriptions);

var search = AddService<Projects.NewsPlatform_Search>("search")
    .WithIndexFolder() // its replicas' copies of the index, a projection they refill when it is missing
    .WithEnvironment("Identity__Authority", identityAuthority)
    .WaitFor(subscriptions);

// The gateway is the only way in. Under `dotnet run` Aspire's proxy serves it on
// http://localhost:5000; Aspire.Hosting.Testing randomizes that port, so tests never clash.
var gateway = builder.AddProject<Projects.NewsPlatform_Gateway>("gateway")
    .WithReplicas(gatewayReplicas)
    .WithHttpEndpoint(port: 5000)
    .WithUrlForEndpoint("http", url => url.DisplayText = "Public site and API (gateway)");
var siteUrl = gateway.GetEndpoint("http");

// The reader's site: pages rendered on the server from the services' public APIs, reached only through
// the gateway (every path that is not the API's). Canonical links and feeds name the gateway's address.
var web = WithPublication(builder.AddProject<Projects.NewsPlatform_Web>("web"), siteUrl)
    .WithReplicas(siteReplicas)
    .WithBoundedNativeHeap()
    .WithOverrides()
    .WithMessaging(infrastructure) // forgets what it keeps of the edition when an article changes
    .WithHttpEndpoint()
    .WithServiceHealth()
    .WithEnvironment("ASPNETCORE_ENVIRONMENT", environment)
    .WithReference(articles).WaitFor(articles)
    .WithReference(subscriptions).WaitFor(subscriptions)
    .WithReference(search).WaitFor(search);
WithPublication(articles, siteUrl);
WithPublication(subscriptions, siteUrl); // links in mails, and the briefing's local time

if (gatewayReplicas > 1)
{
    gateway.WithEdgeStore(infrastructure);
}
if (siteReplicas > 1)
{
    web.WithEdgeStore(infrastructure);
}
gateway
    .WithBoundedNativeHeap()
    .WithOverrides()
    .WithMessaging(infrastructure) // every replica purges its cached answers when an article changes
    .WithUrl($"{gateway.GetEndpoint("http")}/docs", "API reference")
    .WithServiceHealth()
    .WithEnvironment("ASPNETCORE_ENVIRONMENT", environment)
    .WithEnvironment("Identity__Authority", identityAuthority)
    .WithExternalHttpEndpoints()
    .WithReference(articles).WaitFor(articles)
    .WithReference(subscriptions).WaitFor(subscriptions)
    .WithReference(search).WaitFor(search)
    .WithReference(web).WaitFor(web);

builder.Build().Run();

// The publication's settings, one for the site and the Articles service (AppHost configuration "Publication").
IResourceBuilder<ProjectResource> WithPublication(IResourceBuilder<ProjectResource> project, EndpointReference site) =>
    project
        .WithEnvironment("Publication__Title", builder.Configuration["Publication:Title"])
        .WithEnvironment("Publication__TimeZone", builder.Configuration["Publication:TimeZone"])
        .WithEnvironment("Publication__SiteUrl", site);

// A service: its own database ("<name>db"), the shared broker, the AppHost's environment, and its
// /health report (database, broker, async daemon) as its resource health on the dashboard.
// WithHttpEndpoint() keeps an http endpoint even though the projects have no launch profile.
IResourceBuilder<ProjectResource> AddService<TProject>(string name) where TProject : IProjectMetadata, new() =>
    builder.AddProject<TProject>(name)
        .WithReplicas(serviceReplicas)
        .WithHttpEndpoint()
        .WithServiceHealth()
        .WithDatabase(infrastructure, connectionName: $"{name}db", databaseName: name)
        .WithMessaging(infrastructure)
        .WithEnvironment("ASPNETCORE_ENVIRONMENT", environment)
        .WithBoundedNativeHeap() // a flat footprint under load (NativeHeap.cs)
        .WithOverrides();
