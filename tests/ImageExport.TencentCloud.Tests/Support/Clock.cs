using Microsoft.Extensions.Time.Testing;

namespace ImageExport.TencentCloud.Tests.Support;

internal static class Clock
{
    /// <summary>
    /// Moves fake time in small steps until <paramref name="task"/> finishes, so backoff delays and attempt timeouts
    /// elapse without real waiting. Bounded, so a hung call fails the test instead of hanging it.
    /// </summary>
    public static async Task<T> RunAsync<T>(FakeTimeProvider time, Task<T> task)
    {
        for (var step = 0; step < 200_000 && !task.IsCompleted; step++)
        {
            time.Advance(TimeSpan.FromMilliseconds(100));
            await Task.Yield();
        }

        return await task.WaitAsync(TimeSpan.FromSeconds(30));
    }

    public static async Task RunAsync(FakeTimeProvider time, Task task) =>
        await RunAsync(time, task.ContinueWith(t => { t.GetAwaiter().GetResult(); return true; }, TaskScheduler.Default));
}
