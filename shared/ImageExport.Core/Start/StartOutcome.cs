using ImageExport.Core.Http;
using ImageExport.Core.Jobs;

namespace ImageExport.Core.Start;

/// <summary>
/// What came of a request to start an export, whoever asked (the HTTP API, or a caller with no HTTP request at all).
/// The set is closed: <see cref="StartHandler"/> turns each case into its HTTP answer, in one place.
/// </summary>
internal abstract record StartOutcome
{
    private StartOutcome()
    {
    }

    /// <summary>The request itself is malformed (a field, or the Idempotency-Key); nothing was asked or recorded.</summary>
    public sealed record Invalid(IReadOnlyList<FieldError> Errors) : StartOutcome;

    /// <summary>The body is larger than <paramref name="MaxBytes"/>; it was not read.</summary>
    public sealed record TooLarge(int MaxBytes) : StartOutcome;

    /// <summary>A dry run: every check ran, nothing was recorded or started.</summary>
    public sealed record Checked(ExportRequest Request, CheckOutcome Checks) : StartOutcome;

    /// <summary>A rule refused the request; nothing was recorded or started.</summary>
    public sealed record Refused(IReadOnlyList<Problem> Problems) : StartOutcome;

    /// <summary>The Idempotency-Key was used for a different request (that request's job, when known).</summary>
    public sealed record Conflict(string? JobId) : StartOutcome;

    /// <summary>This call recorded the job and submitted what it could.</summary>
    public sealed record Started(JobRecord Job) : StartOutcome;

    /// <summary>An earlier (or concurrent) request with the same Idempotency-Key made this job; nothing new was started.</summary>
    public sealed record Replayed(JobRecord Job) : StartOutcome;
}

/// <summary>
/// Who asked for a start, for the logs: <see cref="Api"/> for <c>POST /exports</c>, or a name of the caller's own
/// (e.g. a schedule's). It changes nothing else: every caller is checked, capped and recorded alike.
/// </summary>
internal sealed record StartCaller(string Name)
{
    public static readonly StartCaller Api = new("api");

    /// <summary>A run of a schedule: the mark its job carries (name, slot, retention).</summary>
    public ScheduleMark? Schedule { get; init; }
}
