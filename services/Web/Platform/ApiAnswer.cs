using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization;
using Polly.CircuitBreaker;
using Polly.Timeout;

namespace NewsPlatform.Web.Platform;

/// <summary>
/// An RFC 9457 problem a service answered: its status, stable type, title and, for validation, the
/// failing fields. The pages turn it into words next to the field it concerns.
/// </summary>
public sealed record ApiProblem(
    int Status, string? Type, string? Title, string? Detail,
    IReadOnlyDictionary<string, string[]> Errors, TimeSpan? RetryAfter)
{
    /// <summary>The last path segment of the problem type, e.g. "email-taken".</summary>
    public string Kind => Type is { Length: > 0 } type ? type[(type.LastIndexOf('/') + 1)..] : "";

    public string? ErrorFor(string field) =>
        Errors.FirstOrDefault(e => string.Equals(e.Key, field, StringComparison.OrdinalIgnoreCase)).Value is { Length: > 0 } messages
            ? string.Join(" ", messages)
            : null;
}

/// <summary>What a call to a service came to: the value, or the problem the service answered.</summary>
public readonly record struct ApiAnswer<T>(T? Value, ApiProblem? Problem)
{
    public bool Succeeded => Problem is null;
    public static implicit operator ApiAnswer<T>(ApiProblem problem) => new(default, problem);
}

/// <summary>
/// A service could not answer (down, unhealthy, too slow, or a 5xx): the page cannot be made, and the
/// site says so with a 503 page of its own rather than an error.
/// </summary>
public sealed class ServiceUnavailableException(string service, string reason, Exception? inner = null)
    : Exception($"The {service} service is unavailable: {reason}", inner)
{
    public string Service { get; } = service;
}

/// <summary>The common part of the site's clients: JSON in and out, problems read, outages raised.</summary>
public abstract class ServiceClient(HttpClient http, string service)
{
    internal static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    protected Task<ApiAnswer<T>> GetAsync<T>(string url, string? accessToken, CancellationToken cancellationToken) =>
        SendAsync<T>(HttpMethod.Get, url, null, accessToken, cancellationToken);

    /// <param name="version">The version the change is based on, sent as <c>If-Match</c> (the service answers 412 if it moved on).</param>
    protected Task<ApiAnswer<T>> SendAsync<T>(
        HttpMethod method, string url, object? body, string? accessToken, CancellationToken cancellationToken, long? version = null) =>
        SendAsync<T>(method, url, body is null ? null : JsonContent.Create(body, options: Json), accessToken, version, cancellationToken);

    /// <param name="content">The body as it goes (JSON, or a multipart upload).</param>
    protected async Task<ApiAnswer<T>> SendAsync<T>(
        HttpMethod method, string url, HttpContent? content, string? accessToken, long? version, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(method, url);
        if (accessToken is not null) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        if (version is { } v) request.Headers.IfMatch.Add(new EntityTagHeaderValue($"\"{v}\""));
        request.Content = content;
        // An upload asks the service first, so a refusal (a photo too large) comes back as its answer before the
        // megabytes are sent, not as a connection reset halfway through them.
        if (content is MultipartContent) request.Headers.ExpectContinue = true;
        HttpResponseMessage response;
        try
        {
            response = await http.SendAsync(request, cancellationToken);
        }
        catch (Exception e) when (e is HttpRequestException or BrokenCircuitException or TimeoutRejectedException
                                  || (e is TaskCanceledException && !cancellationToken.IsCancellationRequested))
        {
            throw new ServiceUnavailableException(service, e.Message, e);
        }

        using (response)
        {
            if ((int)response.StatusCode >= 500)
                throw new ServiceUnavailableException(service, $"it answered {(int)response.StatusCode}");
            if (!response.IsSuccessStatusCode) return await ReadProblemAsync(response, cancellationToken);
            if (response.StatusCode == HttpStatusCode.NoContent || typeof(T) == typeof(NoContent)) return new ApiAnswer<T>(default, null);
            var value = await response.Content.ReadFromJsonAsync<T>(Json, cancellationToken);
            return new ApiAnswer<T>(value, null);
        }
    }

    private static async Task<ApiProblem> ReadProblemAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var retryAfter = response.Headers.RetryAfter?.Delta;
        var errors = new Dictionary<string, string[]>(StringComparer.OrdinalIgnoreCase);
        string? type = null, title = null, detail = null;
        try
        {
            var problem = await response.Content.ReadFromJsonAsync<JsonElement>(Json, cancellationToken);
            if (problem.ValueKind == JsonValueKind.Object)
            {
                type = problem.TryGetProperty("type", out var t) && t.ValueKind == JsonValueKind.String ? t.GetString() : null;
                title = problem.TryGetProperty("title", out var ti) && ti.ValueKind == JsonValueKind.String ? ti.GetString() : null;
                detail = problem.TryGetProperty("detail", out var d) && d.ValueKind == JsonValueKind.String ? d.GetString() : null;
                if (problem.TryGetProperty("errors", out var fields) && fields.ValueKind == JsonValueKind.Object)
                {
                    foreach (var field in fields.EnumerateObject())
                    {
                        errors[field.Name] = field.Value.ValueKind == JsonValueKind.Array
                            ? field.Value.EnumerateArray().Select(m => m.ToString()).ToArray()
                            : [field.Value.ToString()];
                    }
                }
            }
        }
        catch (JsonException)
        {
            // A bare status without a problem body: the status alone says enough.
        }
        return new ApiProblem((int)response.StatusCode, type, title, detail, errors, retryAfter);
    }
}

/// <summary>An answer with no body (204).</summary>
public sealed record NoContent;
