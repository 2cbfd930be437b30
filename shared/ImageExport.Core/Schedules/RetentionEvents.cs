namespace ImageExport.Core.Schedules;

/// <summary>The job events retention writes. A version without schedules folds them as events it does not know: no change.</summary>
internal static class RetentionEvents
{
    /// <summary>On an older run: the files a later run's retention decided to delete, recorded before any delete.</summary>
    public const string ExpiryDecided = "expiry-decided";
    /// <summary>On that run: the result; <c>Files</c> are the keys deleted, <c>Expiry.Refused</c> those COS refused.</summary>
    public const string FilesDeleted = "files-deleted";
    /// <summary>On the run that just finished: its retention is done (<c>Retention</c> says what it did); it may be announced.</summary>
    public const string RetentionApplied = "retention-applied";
}
