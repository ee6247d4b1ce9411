using System.Diagnostics;

namespace NewsPlatform.TestSupport;

/// <summary>Waits for an eventually consistent outcome (a projection, a message on the bus).</summary>
public static class Eventually
{
    public static async Task<T> Until<T>(Func<Task<T>> probe, Func<T, bool> done, TimeSpan timeout, string what)
    {
        var clock = Stopwatch.StartNew();
        T last;
        do
        {
            last = await probe();
            if (done(last)) return last;
            await Task.Delay(50);
        } while (clock.Elapsed < timeout);

        throw new TimeoutException($"{what}: not reached within {timeout.TotalSeconds:0.#} s (last: {last})");
    }
}
