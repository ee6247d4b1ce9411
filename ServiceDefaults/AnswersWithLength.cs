using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.Hosting;

/// <summary>
/// A route group whose 200 JSON answers are serialised whole first and sent with a <c>Content-Length</c>, in one
/// write, instead of streamed chunked: a proxy in front (the gateway) then passes the answer on as it came, with no
/// chunked framing to decode and no gathering of its own (<c>EdgeResponseBuffering</c> leaves such answers alone).
/// For the small, hot reads (an article, a front); configuration <c>Http:AnswersWithLength=false</c> turns it off.
/// </summary>
public static class AnswersWithLengthExtensions
{
    public static RouteGroupBuilder AnswersWithLength(this RouteGroupBuilder group, IConfiguration configuration)
    {
        if (!configuration.GetValue("Http:AnswersWithLength", true)) return group;
        group.AddEndpointFilter(async (context, next) =>
        {
            var result = await next(context);
            var answer = result is INestedHttpResult nested ? nested.Result : result;
            return answer is IValueHttpResult { Value: { } value } and IStatusCodeHttpResult { StatusCode: StatusCodes.Status200OK }
                ? new JsonWithLength(value)
                : result;
        });
        return group;
    }

    private sealed class JsonWithLength(object value) : IResult
    {
        public Task ExecuteAsync(HttpContext http)
        {
            var options = http.RequestServices.GetRequiredService<IOptions<JsonOptions>>().Value.SerializerOptions;
            var body = JsonSerializer.SerializeToUtf8Bytes(value, value.GetType(), options);
            http.Response.StatusCode = StatusCodes.Status200OK;
            http.Response.ContentType = "application/json; charset=utf-8";
            http.Response.ContentLength = body.Length;
            return http.Response.Body.WriteAsync(body).AsTask(); // to a HEAD the server sends the length, not the body
        }
    }
}
