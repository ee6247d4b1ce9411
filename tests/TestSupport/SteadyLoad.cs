using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace NewsPlatform.TestSupport;

/// <summary>One answer a fault test saw: its status, and its problem type and media type when it had them.</summary>
public sealed record LoadAnswer(HttpStatusCode Status, string? ProblemType, string? MediaType);

/// <summary>
/// Requests sent in loops, each loop one after the other with a pause between, from before a fault to after it,
/// every answer kept: what the fault tests judge a service by (no 500, every failure a 503 problem, work again after).
/// </summary>
public sealed class SteadyLoad
{
    private readonly ConcurrentQueue<LoadAnswer> _answers = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loops;

    private SteadyLoad(TimeSpan pause, Func<int, Task<HttpResponseMessage>>[] requests) =>
        _loops = Task.WhenAll(requests.Select(send => LoopAsync(send, pause)));

    /// <param name="requests">Each loop's request; its argument counts the loop's requests (for unique names).</param>
    public static SteadyLoad Start(TimeSpan pause, params Func<int, Task<HttpResponseMessage>>[] requests) => new(pause, requests);

    public IReadOnlyCollection<LoadAnswer> Answers => _answers;

    /// <summary>The answers that were server errors.</summary>
    public IReadOnlyList<LoadAnswer> Failures => _answers.Where(a => (int)a.Status >= 500).ToList();

    /// <summary>Ends every loop after its request in flight.</summary>
    public async Task<IReadOnlyCollection<LoadAnswer>> StopAsync()
    {
        await _stop.CancelAsync();
        await _loops;
        _stop.Dispose();
        return Answers;
    }

    private async Task LoopAsync(Func<int, Task<HttpResponseMessage>> send, TimeSpan pause)
    {
        for (var i = 0; !_stop.IsCancellationRequested; i++)
        {
            using var answer = await send(i);
            var mediaType = answer.Content.Headers.ContentType?.MediaType;
            var type = mediaType == "application/problem+json"
                ? (await answer.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("type").GetString()
                : null;
            _answers.Enqueue(new LoadAnswer(answer.StatusCode, type, mediaType));
            await Task.Delay(pause);
        }
    }
}
