namespace ImageExport.Scf.Tests.Support;

internal static class Bounded
{
    /// <summary>Waits for a task the test expects to end, failing rather than hanging when it does not.</summary>
    public static Task<T> Within<T>(this Task<T> task, int seconds = 15) => task.WaitAsync(TimeSpan.FromSeconds(seconds));
}
