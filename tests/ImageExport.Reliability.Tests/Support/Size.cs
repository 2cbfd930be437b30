using System.Globalization;

namespace ImageExport.Reliability.Tests.Support;

/// <summary>
/// Suite sizes: CI's by default; <c>RELIABILITY_SCALE=large</c> runs the documented larger run; a single figure can be set
/// on its own (<c>RELIABILITY_EXPORTS</c>, <c>RELIABILITY_LOAD_REQUESTS</c>, <c>RELIABILITY_HOSTILE_GENERATED</c>, <c>RELIABILITY_SEED</c>).
/// </summary>
internal static class Size
{
    public static bool Large => Environment.GetEnvironmentVariable("RELIABILITY_SCALE") == "large";

    public static int Exports => Read("RELIABILITY_EXPORTS", Large ? 100 : 24);

    public static int LoadRequests => Read("RELIABILITY_LOAD_REQUESTS", Large ? 1000 : 200);

    public static int LoadConcurrency => Read("RELIABILITY_LOAD_CONCURRENCY", 50);

    public static int HostileGenerated => Read("RELIABILITY_HOSTILE_GENERATED", Large ? 2000 : 300);

    public static int Seed => Read("RELIABILITY_SEED", 20261126);

    private static int Read(string name, int fallback) =>
        int.TryParse(Environment.GetEnvironmentVariable(name), NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value > 0 ? value : fallback;
}
