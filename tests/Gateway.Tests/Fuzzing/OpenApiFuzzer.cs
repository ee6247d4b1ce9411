using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace NewsPlatform.Gateway.Tests.Fuzzing;

/// <summary>One request the fuzzer sends: which operation it aims at and what is wrong with it.</summary>
public sealed record FuzzCase(string Operation, string Method, string Url, string? ContentType, byte[]? Body, string? Authorization, string What)
{
    public HttpRequestMessage ToRequest()
    {
        var request = new HttpRequestMessage(new HttpMethod(Method), Url);
        if (Authorization is not null) request.Headers.TryAddWithoutValidation("Authorization", Authorization);
        if (Body is not null)
        {
            request.Content = new ByteArrayContent(Body);
            if (ContentType is not null) request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(ContentType);
        }
        return request;
    }

    public override string ToString() => $"{Method} {(Url.Length > 160 ? Url[..160] + "…" : Url)} [{What}] auth={Authorization?[..Math.Min(Authorization.Length, 12)] ?? "none"}";
}

/// <summary>
/// Malformed and boundary requests for every operation of an OpenAPI 3.1 document: hostile path values, every query
/// parameter in turn set to values its schema does not allow (wrong types, huge and negative numbers, the ends of the
/// calendar, long strings, unknown enum values), broken JSON bodies, each property of the body's schema with the wrong
/// type, and bodies in the wrong media type — each sent without a token and with each of the given ones.
/// </summary>
public static class OpenApiFuzzer
{
    private static readonly string[] PathValues =
    [
        "x", "0", "-1", "2147483648", "99999999999999999999999", "00000000-0000-0000-0000-000000000000", "ffffffff-ffff-ffff-ffff-ffffffffffff",
        "%00", "%2e%2e%2f%2e%2e%2fetc", "null", "'%20or%201=1--", "%3Cscript%3E", "%F0%9F%99%82", "A-B_c", new string('a', 3000), "%25",
    ];

    private static readonly string[] AnyValue =
    [
        "", " ", "%00", "null", "true", "-1", "0", "2147483648", "-2147483649", "9223372036854775808", "1e309", "NaN", "0x1F",
        "0001-01-01", "9999-12-31", "10000-01-01", "2026-02-30", "0001-01-01T00:00:00%2B14:00", "9999-12-31T23:59:59.9999999Z",
        "not-a-value", "%3Cmark%3E", "%E2%80%AE", Uri.EscapeDataString(new string('z', 10_000)), "a&b=c", "[]", "{}",
    ];

    private static readonly (string What, string Json)[] BrokenBodies =
    [
        ("open brace", "{"), ("array", "[]"), ("null", "null"), ("string", "\"str\""), ("number", "12"), ("true", "true"),
        ("truncated", "{\"email\":"), ("nul byte", "{\"email\":\"a\u0000b\"}"), ("raw nul", "\0"), ("empty object", "{}"),
        ("trailing garbage", "{} x"), ("duplicate keys", "{\"a\":1,\"a\":2}"), ("huge number", "{\"page\":1e999}"),
        ("deep nesting", new string('[', 500) + new string(']', 500)), ("deep objects", string.Concat(Enumerable.Repeat("{\"a\":", 300)) + "1" + new string('}', 300)),
        ("lone surrogate", "{\"x\":\"\\ud800\"}"), ("long string", $"{{\"x\":\"{new string('x', 200_000)}\"}}"), ("bom", "\uFEFF{}"),
        ("single quotes", "{'a':1}"), ("comment", "{/* x */}"),
    ];

    private static readonly JsonNode?[] WrongValues =
    [
        JsonValue.Create(123), JsonValue.Create(-1), JsonValue.Create(1e300), JsonValue.Create(true), new JsonObject(), new JsonArray(), null,
        JsonValue.Create(""), JsonValue.Create(new string('w', 20_000)), JsonValue.Create("9999-12-31T23:59:59.9999999Z"),
        JsonValue.Create("not-an-enum-value"), JsonValue.Create("00000000-0000-0000-0000-000000000000"), JsonValue.Create("\u0000"),
        JsonValue.Create(long.MaxValue), JsonValue.Create(decimal.MaxValue),
    ];

    public static IEnumerable<FuzzCase> Cases(JsonNode document, IReadOnlyList<string?> authorizations, Func<string, string, string?, bool>? skip = null)
    {
        foreach (var (path, item) in document["paths"]!.AsObject())
        {
            foreach (var (method, operationNode) in item!.AsObject())
            {
                if (operationNode is not JsonObject operation) continue;
                var verb = method.ToUpperInvariant();
                var parameters = (operation["parameters"]?.AsArray() ?? []).Select(p => Resolve(document, p!)).ToList();
                foreach (var variant in Variants(document, path, verb, operation, parameters))
                {
                    foreach (var authorization in authorizations)
                    {
                        if (skip?.Invoke(path, verb, authorization) == true) continue;
                        yield return variant with { Authorization = authorization };
                    }
                }
            }
        }
    }

    private static IEnumerable<FuzzCase> Variants(JsonNode document, string path, string verb, JsonObject operation, List<JsonNode> parameters)
    {
        var op = $"{verb} {path}";
        var pathParameters = parameters.Where(p => (string?)p["in"] == "path").Select(p => (string)p["name"]!).ToList();
        var query = parameters.Where(p => (string?)p["in"] == "query").ToList();
        string Url(string? pathValue = null, string? queryString = null)
        {
            var url = path;
            foreach (var name in pathParameters) url = url.Replace($"{{{name}}}", pathValue ?? Plausible(name));
            return queryString is null ? url : $"{url}?{queryString}";
        }

        // Hostile values in the path.
        foreach (var value in pathParameters.Count > 0 ? PathValues : [])
            yield return new(op, verb, Url(value), null, null, null, $"path {value[..Math.Min(value.Length, 20)]}");

        // Each query parameter in turn, with everything its schema forbids; then all of them at their worst at once.
        foreach (var parameter in query)
        {
            var name = (string)parameter["name"]!;
            foreach (var value in AnyValue.Concat(EnumOutsiders(parameter)))
                yield return new(op, verb, Url(queryString: $"{name}={value}"), null, null, null, $"query {name}={value[..Math.Min(value.Length, 20)]}");
            yield return new(op, verb, Url(queryString: $"{name}=1&{name}=2"), null, null, null, $"query {name} twice");
        }
        if (query.Count > 1)
        {
            yield return new(op, verb, Url(queryString: string.Join("&", query.Select(p => $"{p["name"]}=2147483647"))), null, null, null, "every parameter at int max");
            yield return new(op, verb, Url(queryString: string.Join("&", query.Select(p => $"{p["name"]}=9999-12-31"))), null, null, null, "every parameter at the calendar's end");
        }

        // Bodies: broken JSON, the wrong media type, and each property of the schema with the wrong type.
        if (operation["requestBody"] is not { } requestBody) yield break;
        foreach (var (what, json) in BrokenBodies)
            yield return new(op, verb, Url(), "application/json", Encoding.UTF8.GetBytes(json), null, $"body {what}");
        yield return new(op, verb, Url(), "text/plain", "{}"u8.ToArray(), null, "body as text/plain");
        yield return new(op, verb, Url(), "application/x-www-form-urlencoded", "email=a%40b.org"u8.ToArray(), null, "body as a form");
        yield return new(op, verb, Url(), "application/json; charset=utf-16", Encoding.Unicode.GetBytes("{}"), null, "body in UTF-16");
        yield return new(op, verb, Url(), null, [], null, "no body at all");

        var schema = requestBody["content"]?["application/json"]?["schema"] is { } s ? Resolve(document, s) : null;
        var properties = schema?["properties"]?.AsObject().Select(p => p.Key).ToList() ?? [];
        foreach (var property in properties)
        {
            foreach (var wrong in WrongValues)
            {
                var body = new JsonObject(properties.Select(p => KeyValuePair.Create(p, p == property ? wrong?.DeepClone() : (JsonNode?)JsonValue.Create("plausible"))));
                yield return new(op, verb, Url(), "application/json", Encoding.UTF8.GetBytes(body.ToJsonString()), null,
                    $"body {property}={(wrong?.ToJsonString() ?? "null")[..Math.Min((wrong?.ToJsonString() ?? "null").Length, 20)]}");
            }
        }
    }

    private static IEnumerable<string> EnumOutsiders(JsonNode parameter) =>
        parameter["schema"]?["enum"] is JsonArray ? ["RELEVANCE", "popular", "relevance%00"] : [];

    // A path value that would be read as the real thing: the fuzz is in the other parts of those requests.
    private static string Plausible(string name) => name.Contains("id", StringComparison.OrdinalIgnoreCase)
        ? "0193a0b2-0000-7000-8000-000000000001"
        : name.Contains("section", StringComparison.OrdinalIgnoreCase) ? "national" : "a-plausible-slug";

    private static JsonNode Resolve(JsonNode document, JsonNode node)
    {
        for (var i = 0; i < 5 && node["$ref"] is { } reference; i++)
        {
            var target = document;
            foreach (var part in ((string)reference!).TrimStart('#', '/').Split('/')) target = target?[part]!;
            node = target ?? node;
        }
        return node;
    }
}
