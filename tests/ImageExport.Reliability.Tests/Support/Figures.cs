using System.Globalization;
using System.Text;

namespace ImageExport.Reliability.Tests.Support;

/// <summary>
/// The measured figures of one scenario: printed to the test output and appended to <c>reliability-figures.md</c>
/// beside the test binary (or to <c>$RELIABILITY_FIGURES</c>), where docs/reliability.md's numbers come from.
/// </summary>
internal sealed class Figures(string scenario, ITestOutputHelper output)
{
    private readonly StringBuilder _text = new();

    public void Add(string name, object value) =>
        _text.Append(CultureInfo.InvariantCulture, $"| {name} | {Convert.ToString(value, CultureInfo.InvariantCulture)} |\n");

    public void Publish()
    {
        var block = $"\n### {scenario}\n\n| figure | value |\n|---|---|\n{_text}";
        output.WriteLine(block);
        var path = Environment.GetEnvironmentVariable("RELIABILITY_FIGURES") is { Length: > 0 } configured
            ? configured
            : Path.Combine(AppContext.BaseDirectory, "reliability-figures.md");
        lock (typeof(Figures))
        {
            File.AppendAllText(path, block);
        }
    }

    /// <summary>The p-th percentile (nearest rank) of <paramref name="values"/>, in milliseconds.</summary>
    public static double Percentile(IReadOnlyList<double> values, double p)
    {
        if (values.Count == 0)
        {
            return 0;
        }

        var sorted = values.Order().ToArray();
        var rank = (int)Math.Ceiling(p / 100 * sorted.Length);
        return Math.Round(sorted[Math.Clamp(rank - 1, 0, sorted.Length - 1)], 1);
    }
}
