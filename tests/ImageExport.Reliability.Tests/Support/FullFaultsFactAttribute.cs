namespace ImageExport.Reliability.Tests.Support;

/// <summary>
/// A scenario with faults on every COS operation: it runs for minutes (hung requests wait out the client's 20 s
/// attempts), too long for CI, so it runs only with <c>RELIABILITY_FULL=1</c> (or <c>RELIABILITY_SCALE=large</c>).
/// </summary>
internal sealed class FullFaultsFactAttribute : FactAttribute
{
    public FullFaultsFactAttribute()
    {
        if (Environment.GetEnvironmentVariable("RELIABILITY_FULL") != "1" && !Size.Large)
        {
            Skip = "runs only with RELIABILITY_FULL=1 (minutes long; see docs/reliability.md)";
        }
    }
}
