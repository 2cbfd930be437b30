namespace ImageExport.Local.Emulator.Faults;

/// <summary>
/// What goes wrong with emulated exports themselves (<c>"exports"</c> in a fault plan): <see cref="StallAt"/> stops
/// adding parts once a file is that fraction written (no completion), for <see cref="StallSeconds"/> or for good;
/// <see cref="AbortAt"/> aborts the upload at that fraction, and the file never lands. Both apply to every export.
/// </summary>
internal sealed record ExportFaults
{
    public static readonly ExportFaults None = new();

    /// <summary>0..1: the fraction of a file written when its parts stop.</summary>
    public double? StallAt { get; init; }

    /// <summary>How long the parts stop; null: they never resume.</summary>
    public double? StallSeconds { get; init; }

    /// <summary>0..1: the fraction of a file written when its upload is aborted.</summary>
    public double? AbortAt { get; init; }

    public void Validate()
    {
        if (StallAt is < 0 or > 1 || AbortAt is < 0 or > 1)
        {
            throw new FormatException("exports.stallAt and exports.abortAt are fractions from 0 to 1");
        }

        if (StallSeconds is < 0)
        {
            throw new FormatException("exports.stallSeconds must not be negative");
        }
    }
}
