using NewsPlatform.Gateway;

var builder = WebApplication.CreateBuilder(args);
builder.UseEdgeEventLoops(); // before anything opens a socket

builder.AddServiceDefaults();
builder.AddGateway();

var app = builder.Build();

app.UseEdge(); // forwarded headers, X-Request-Id and security headers, problem details, body limit, CORS
app.UseAuthenticationOfCredentials(); // only a request that names itself: an anonymous read skips the handlers
app.UseEdgeIdentity(); // an Authorization header that does not verify: 401 here, before any limit or service
app.UseAuthorization();
app.UseApiKeys();
app.UseRateLimiter();
app.UseCredentialLimits();
app.UseRequestTimeouts();
app.UseOutputCache();
app.MapDefaultEndpoints(informationalTag: GatewayModule.DownstreamTag); // ready on its own; each service shown under "downstream"
app.MapPlatformApiDescription();
app.MapReservedPrefixes(); // /api, /internal, /openapi: a problem document, never a page
app.MapGatewayRoutes();

app.Run();
