using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Routing.Template;
using Microsoft.Extensions.Caching.Memory;
using Scalar.AspNetCore;
using Yarp.ReverseProxy.Configuration;

namespace NewsPlatform.Gateway;

/// <summary>
/// The platform's one API description: each service's OpenAPI document (fetched through service
/// discovery from <c>/openapi/v1.json</c>), with only the operations a gateway route exposes, at the
/// paths callers use, the route's security (bearer token, or optionally a bearer token or an API
/// key), and schemas of the same name from different services kept apart. Served at
/// <c>/openapi.json</c>, with the Scalar reference UI at <c>/docs</c>.
/// </summary>
public sealed class PlatformApiDocument(
    IHttpClientFactory clients, IProxyConfigProvider proxy, IMemoryCache cache, ILogger<PlatformApiDocument> logger)
{
    public const string ClientName = "api-description";
    public const string BearerScheme = "Bearer";
    public const string ApiKeyScheme = "ApiKey";

    private static readonly TimeSpan KeptFor = TimeSpan.FromMinutes(1);
    private static readonly string[] NeverPublic = ["/internal", "/health", "/alive", "/openapi"];
    private static readonly string[] Methods = ["get", "put", "post", "delete", "options", "head", "patch", "trace"];

    public async Task<string> GetJsonAsync(CancellationToken cancellationToken)
    {
        if (cache.TryGetValue(nameof(PlatformApiDocument), out string? json)) return json!;

        var sources = await Task.WhenAll(GatewayModule.Services.Select(service => FetchAsync(service, cancellationToken)));
        var merged = Merge(sources.Where(s => s.Document is not null).Select(s => (s.Service, s.Document!)).ToList(), proxy.GetConfig().Routes);
        var missing = sources.Where(s => s.Document is null).Select(s => (JsonNode)s.Service).ToArray();
        if (missing.Length > 0) merged["x-unavailable-services"] = new JsonArray(missing);

        json = merged.ToJsonString();
        // A document with a service missing is served but not kept: the next request tries again.
        if (missing.Length == 0) cache.Set(nameof(PlatformApiDocument), json, KeptFor);
        return json;
    }

    private async Task<(string Service, JsonObject? Document)> FetchAsync(string service, CancellationToken cancellationToken)
    {
        try
        {
            var text = await clients.CreateClient(ClientName).GetStringAsync($"http://{service}/openapi/v1.json", cancellationToken);
            return (service, JsonNode.Parse(text) as JsonObject);
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or System.Text.Json.JsonException && !cancellationToken.IsCancellationRequested)
        {
            logger.LogWarning("The {Service} service's API description is unavailable: {Error}", service, e.Message);
            return (service, null);
        }
    }

    /// <summary>Merges service documents into one, as callers of the gateway see the API.</summary>
    public static JsonObject Merge(IReadOnlyList<(string Service, JsonObject Document)> sources, IReadOnlyList<RouteConfig> routes)
    {
        var paths = new JsonObject();
        var schemas = new JsonObject();
        var tags = new JsonArray();
        foreach (var (service, document) in sources)
        {
            var theirSchemas = document["components"]?["schemas"] as JsonObject ?? [];
            // Same name, different shape (two services' "ArticleSummary"): the later one is prefixed.
            var renames = theirSchemas
                .Where(s => schemas[s.Key] is { } ours && !JsonNode.DeepEquals(ours, s.Value))
                .ToDictionary(s => s.Key, s => char.ToUpperInvariant(service[0]) + service[1..] + s.Key);
            if (renames.Count > 0) RenameReferences(document, renames);
            foreach (var (name, schema) in theirSchemas)
            {
                var target = renames.GetValueOrDefault(name, name);
                if (!schemas.ContainsKey(target)) schemas[target] = schema?.DeepClone();
            }

            foreach (var (path, item) in document["paths"] as JsonObject ?? [])
            {
                if (item is not JsonObject operations || NeverPublic.Any(p => path.StartsWith(p, StringComparison.OrdinalIgnoreCase))) continue;
                foreach (var (method, operation) in operations)
                {
                    if (!Methods.Contains(method) || operation is null) continue;
                    if (RouteFor(routes, service, path, method) is not { } route) continue; // no gateway route: not public

                    var exposed = operation.DeepClone().AsObject();
                    exposed["security"] = IsProtected(route.Route)
                        ? new JsonArray(new JsonObject { [BearerScheme] = new JsonArray() })
                        : new JsonArray(new JsonObject(), new JsonObject { [BearerScheme] = new JsonArray() }, new JsonObject { [ApiKeyScheme] = new JsonArray() });
                    var responses = exposed["responses"] as JsonObject ?? [];
                    responses.TryAdd("429", new JsonObject { ["description"] = "Over the caller's rate limit; see Retry-After." });
                    exposed["responses"] = responses;
                    var target = paths[route.GatewayPath] as JsonObject ?? [];
                    paths[route.GatewayPath] = target;
                    target[method] = exposed;
                }
            }

            foreach (var tag in document["tags"] as JsonArray ?? [])
            {
                if (tag?["name"]?.GetValue<string>() is { } name && !tags.Any(t => t?["name"]?.GetValue<string>() == name))
                    tags.Add(tag.DeepClone());
            }
        }

        return new JsonObject
        {
            ["openapi"] = sources.Select(s => s.Document["openapi"]?.GetValue<string>()).FirstOrDefault(v => v is not null) ?? "3.1.1",
            ["info"] = new JsonObject
            {
                ["title"] = "NewsPlatform API",
                ["version"] = "v1",
                ["description"] = "The public API of NewsPlatform, as served by its gateway. Partner apps send X-Api-Key; "
                    + "readers, editors and admins send a bearer token from POST /api/auth/login.",
            },
            ["servers"] = new JsonArray(new JsonObject { ["url"] = "/" }),
            ["paths"] = new JsonObject(paths.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => KeyValuePair.Create(p.Key, p.Value?.DeepClone())).ToList()),
            ["components"] = new JsonObject
            {
                ["schemas"] = schemas,
                ["securitySchemes"] = new JsonObject
                {
                    [BearerScheme] = new JsonObject
                    {
                        ["type"] = "http", ["scheme"] = "bearer", ["bearerFormat"] = "JWT",
                        ["description"] = "An access token from POST /api/auth/login.",
                    },
                    [ApiKeyScheme] = new JsonObject
                    {
                        ["type"] = "apiKey", ["in"] = "header", ["name"] = ApiKeys.Header,
                        ["description"] = "A partner API key issued by an admin; rate-limited by its tier.",
                    },
                },
            },
            ["tags"] = tags,
        };
    }

    /// <summary>
    /// The gateway route that serves a service operation, and the operation's path through it: routes of
    /// the service's cluster, lowest <c>Order</c> first, whose methods and path template take it (path
    /// transforms <c>PathPrefix</c>/<c>PathRemovePrefix</c> undone).
    /// </summary>
    private static (RouteConfig Route, string GatewayPath)? RouteFor(IReadOnlyList<RouteConfig> routes, string service, string servicePath, string method)
    {
        foreach (var route in routes.Where(r => r.ClusterId == service).OrderBy(r => r.Order ?? 0))
        {
            if (route.Match.Methods is { Count: > 0 } allowed && !allowed.Contains(method, StringComparer.OrdinalIgnoreCase)) continue;
            var gatewayPath = servicePath;
            foreach (var transform in route.Transforms ?? [])
            {
                if (transform.TryGetValue("PathRemovePrefix", out var removed)) gatewayPath = removed.TrimEnd('/') + gatewayPath;
                if (transform.TryGetValue("PathPrefix", out var added))
                {
                    if (!gatewayPath.StartsWith(added, StringComparison.OrdinalIgnoreCase)) { gatewayPath = ""; break; }
                    gatewayPath = gatewayPath[added.TrimEnd('/').Length..];
                }
            }
            if (gatewayPath.Length == 0 || route.Match.Path is not { } pattern) continue;
            var matcher = new TemplateMatcher(TemplateParser.Parse(pattern), []);
            if (matcher.TryMatch(gatewayPath, [])) return (route, gatewayPath);
        }
        return null;
    }

    private static bool IsProtected(RouteConfig route) =>
        route.AuthorizationPolicy is { Length: > 0 } policy && !string.Equals(policy, "anonymous", StringComparison.OrdinalIgnoreCase);

    private static void RenameReferences(JsonNode? node, IReadOnlyDictionary<string, string> renames)
    {
        const string prefix = "#/components/schemas/";
        switch (node)
        {
            case JsonObject obj:
                if (obj["$ref"] is JsonValue reference && reference.TryGetValue(out string? target)
                    && target.StartsWith(prefix, StringComparison.Ordinal) && renames.TryGetValue(target[prefix.Length..], out var renamed))
                    obj["$ref"] = prefix + renamed;
                foreach (var child in obj.Select(p => p.Value).ToList()) RenameReferences(child, renames);
                break;
            case JsonArray array:
                foreach (var child in array.ToList()) RenameReferences(child, renames);
                break;
        }
    }
}

public static class PlatformApiDescription
{
    public static IHostApplicationBuilder AddPlatformApiDescription(this IHostApplicationBuilder builder)
    {
        builder.Services.AddMemoryCache();
        builder.Services.AddHttpClient(PlatformApiDocument.ClientName);
        builder.Services.AddSingleton<PlatformApiDocument>();
        return builder;
    }

    /// <summary><c>GET /openapi.json</c>: the merged document; <c>GET /docs</c>: the Scalar API reference for it.</summary>
    public static WebApplication MapPlatformApiDescription(this WebApplication app)
    {
        app.MapGet("/openapi.json", async (PlatformApiDocument document, CancellationToken cancellationToken) =>
            TypedResults.Text(await document.GetJsonAsync(cancellationToken), "application/json"));
        // Scalar loads the document relative to its page (/docs/), hence the "..".
        app.MapScalarApiReference("/docs", options => options
            .WithTitle("NewsPlatform API")
            .WithOpenApiRoutePattern("../openapi.json"));
        return app;
    }
}
