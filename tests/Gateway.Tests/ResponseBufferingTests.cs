using System.Net;
using System.Text.Json;
using static NewsPlatform.Gateway.Tests.WireHeaders;

namespace NewsPlatform.Gateway.Tests;

internal static class WireHeaders
{
    /// <summary>The <c>Content-Length</c> the gateway sent, if any (not one HttpClient computes for itself).</summary>
    public static long? SentLength(HttpResponseMessage response) =>
        response.Content.Headers.NonValidated.TryGetValues("Content-Length", out var values) ? long.Parse(values.ToString()) : null;
}

/// <summary>
/// The edge passes a service's answer on whole when it fits its buffer (one send, with a length),
/// streams larger answers and event streams, and turns an answer broken off halfway into a 502.
/// </summary>
public sealed class ResponseBufferingTests(GatewayFixture gateway) : IClassFixture<GatewayFixture>
{
    [Fact]
    public async Task A_small_chunked_answer_goes_out_whole_with_its_length()
    {
        var response = await gateway.Client.GetAsync($"/api/articles/some-story?probe={Guid.NewGuid():N}", HttpCompletionOption.ResponseHeadersRead);
        var body = await response.Content.ReadAsByteArrayAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(body.Length, SentLength(response));
        Assert.True(JsonDocument.Parse(body).RootElement.GetProperty("ok").GetBoolean());
        Assert.Equal("Authorization", response.Headers.Vary.Single()); // the service's own headers still pass
    }

    [Fact]
    public async Task An_answer_larger_than_the_buffer_streams_through_intact()
    {
        var response = await gateway.Client.GetAsync("/api/articles/long-read", HttpCompletionOption.ResponseHeadersRead);
        var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(GatewayFixture.LongReadBody.Length > new EdgeSettings().ResponseBufferBytes);
        Assert.Null(SentLength(response)); // streamed, not gathered
        Assert.Equal(GatewayFixture.LongReadBody, json.GetProperty("body").GetString());
    }

    [Fact]
    public async Task An_answer_with_a_known_length_passes_unchanged()
    {
        var response = await gateway.Client.GetAsync("/api/articles/with-length", HttpCompletionOption.ResponseHeadersRead);

        Assert.Equal("""{"ok":true,"length":"known"}""", await response.Content.ReadAsStringAsync());
        Assert.Equal(28, SentLength(response));
    }

    [Fact]
    public async Task An_event_stream_arrives_event_by_event()
    {
        using var response = await gateway.Client.GetAsync("/api/articles/live-blog", HttpCompletionOption.ResponseHeadersRead);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync());

        // The service holds back its second event until the first has reached the caller.
        var first = await reader.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(10));
        gateway.LiveBlogMayContinue.TrySetResult();
        var rest = await reader.ReadToEndAsync().WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal("data: first", first);
        Assert.Contains("data: second", rest);
    }

    [Fact]
    public async Task An_answer_broken_off_halfway_becomes_a_502_not_a_truncated_200()
    {
        var response = await gateway.Client.GetAsync("/api/articles/broken-off");
        var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;

        Assert.Equal(HttpStatusCode.BadGateway, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("https://newsplatform.dev/problems/bad-gateway", problem.GetProperty("type").GetString());
    }
}

/// <summary>The gateway with response buffering turned off (<c>Edge:ResponseBufferBytes</c> = 0).</summary>
public sealed class UnbufferedGatewayFixture : GatewayFixture
{
    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Edge:ResponseBufferBytes"] = "0",
    };
}

/// <summary>The gateway with the articles cluster opted out in YARP's own terms (<c>AllowResponseBuffering</c> false).</summary>
public sealed class StreamingClusterGatewayFixture : GatewayFixture
{
    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["ReverseProxy:Clusters:articles:HttpRequest:AllowResponseBuffering"] = "false",
    };
}

public sealed class ResponseBufferingOffTests(UnbufferedGatewayFixture gateway) : IClassFixture<UnbufferedGatewayFixture>
{
    [Fact]
    public async Task With_the_buffer_at_zero_answers_stream_as_they_come()
    {
        var response = await gateway.Client.GetAsync($"/api/articles/some-story?probe={Guid.NewGuid():N}", HttpCompletionOption.ResponseHeadersRead);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Null(SentLength(response));
        Assert.True(JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("ok").GetBoolean());
    }
}

public sealed class StreamingClusterTests(StreamingClusterGatewayFixture gateway) : IClassFixture<StreamingClusterGatewayFixture>
{
    [Fact]
    public async Task A_cluster_that_does_not_allow_response_buffering_streams()
    {
        var article = await gateway.Client.GetAsync($"/api/articles/some-story?probe={Guid.NewGuid():N}", HttpCompletionOption.ResponseHeadersRead);
        var plan = await gateway.Client.GetAsync("/api/plans/monthly", HttpCompletionOption.ResponseHeadersRead);

        Assert.Null(SentLength(article));
        // The fixture points this cluster and the subscriptions cluster at the same stand-in; only
        // the articles cluster opted out.
        Assert.Equal(HttpStatusCode.OK, plan.StatusCode);
        Assert.NotNull(SentLength(plan));
    }
}
