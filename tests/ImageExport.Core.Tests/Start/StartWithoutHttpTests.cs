using ImageExport.Core.Configuration;
using ImageExport.Core.Jobs;
using ImageExport.Core.Rules;
using ImageExport.Core.Start;
using ImageExport.Core.Storage;
using ImageExport.Core.Submission;
using ImageExport.Core.Tests.Support;
using Serilog;

namespace ImageExport.Core.Tests.Start;

/// <summary>
/// The start use case with no HTTP request at all, as a timer starts a scheduled export: it answers with an outcome,
/// and the same rules, idempotency and cap hold as for <c>POST /exports</c>.
/// </summary>
public sealed class StartWithoutHttpTests
{
    private static readonly StartCaller Schedule = new("schedule:nightly");

    [Fact]
    public async Task AStartWithoutAnHttpRequestRecordsTheJobAndSubmitsIt()
    {
        var (app, start, store) = Compose();
        app.Cvm.Catalog.Add(Some.LinuxImage("img-linux001"));

        var outcome = await start.StartAsync(Request("img-linux001"), "nightly-2026-11-26", Schedule, Logger(app), CancellationToken.None);

        var started = Assert.IsType<StartOutcome.Started>(outcome);
        var stored = await store.ReadAsync(started.Job.JobId, CancellationToken.None);
        Assert.Equal((started.Job.Seq, started.Job.State), (stored!.Seq, stored.State));
        Assert.Equal(Submissions.Submitted, stored.Images.Single().Submission);
        Assert.Single(app.Cvm.ExportCalls);
        Assert.Contains(app.Logs.Lines, l => l.Contains("schedule:nightly", StringComparison.Ordinal) && l.Contains(started.Job.JobId, StringComparison.Ordinal));
    }

    [Fact]
    public async Task TheSameKeyAgainIsReplayedAndStartsNothing()
    {
        var (app, start, _) = Compose();
        app.Cvm.Catalog.Add(Some.LinuxImage("img-linux001"));
        var first = await start.StartAsync(Request("img-linux001"), "nightly-2026-11-26", Schedule, Logger(app), CancellationToken.None);

        var again = await start.StartAsync(Request("img-linux001"), "nightly-2026-11-26", Schedule, Logger(app), CancellationToken.None);

        Assert.Equal(Assert.IsType<StartOutcome.Started>(first).Job.JobId, Assert.IsType<StartOutcome.Replayed>(again).Job.JobId);
        Assert.Single(app.Cvm.ExportCalls);
    }

    [Fact]
    public async Task TheSameKeyForAnotherRequestIsAConflictNamingTheFirstJob()
    {
        var (app, start, _) = Compose();
        app.Cvm.Catalog.Add(Some.LinuxImage("img-linux001"));
        app.Cvm.Catalog.Add(Some.LinuxImage("img-linux002"));
        var first = await start.StartAsync(Request("img-linux001"), "nightly-2026-11-26", Schedule, Logger(app), CancellationToken.None);

        var other = await start.StartAsync(Request("img-linux002"), "nightly-2026-11-26", Schedule, Logger(app), CancellationToken.None);

        Assert.Equal(Assert.IsType<StartOutcome.Started>(first).Job.JobId, Assert.IsType<StartOutcome.Conflict>(other).JobId);
        Assert.Single(app.Cvm.ExportCalls);
    }

    [Fact]
    public async Task ARefusedRequestIsAnOutcomeAndRecordsNothing()
    {
        var (app, start, _) = Compose();
        app.Cvm.Catalog.Add(Some.WindowsImage("img-windows1"));

        var outcome = await start.StartAsync(Request("img-windows1"), "nightly-2026-11-26", Schedule, Logger(app), CancellationToken.None);

        Assert.Equal([ProblemCodes.ImageWindows], Assert.IsType<StartOutcome.Refused>(outcome).Problems.Select(p => p.Code));
        Assert.Empty(app.StateKeys());
        Assert.Empty(app.Cvm.ExportCalls);
    }

    [Theory]
    [InlineData("")]
    [InlineData("line\nbreak")]
    public async Task AMalformedKeyIsInvalidAndAsksNothing(string key)
    {
        var (app, start, _) = Compose();
        app.Cvm.Catalog.Add(Some.LinuxImage("img-linux001"));

        var outcome = await start.StartAsync(Request("img-linux001"), key, Schedule, Logger(app), CancellationToken.None);

        Assert.Equal(["Idempotency-Key"], Assert.IsType<StartOutcome.Invalid>(outcome).Errors.Select(e => e.Field));
        Assert.Equal(0, app.Cvm.DescribeCalls);
        Assert.Empty(app.StateKeys());
    }

    [Fact]
    public async Task ADryRunIsCheckedAndRecordsNothing()
    {
        var (app, start, _) = Compose();
        app.Cvm.Catalog.Add(Some.LinuxImage("img-linux001"));

        var outcome = await start.StartAsync(Request("img-linux001") with { DryRun = true }, "nightly-2026-11-26", Schedule, Logger(app), CancellationToken.None);

        Assert.True(Assert.IsType<StartOutcome.Checked>(outcome).Checks.Ok);
        Assert.Empty(app.StateKeys());
        Assert.Empty(app.Cvm.ExportCalls);
    }

    // Composed as ImageExportFunctions composes it for the start function.
    private static (TestApp App, StartExport Start, JobStore Store) Compose()
    {
        var app = new TestApp();
        var settings = ImageExportSettings.FromEnvironment(name => app.Env.GetValueOrDefault(name));
        var log = Logger(app);
        var state = new StateStore(app.Cos, settings.StateBucket, settings.StatePrefix);
        var store = new JobStore(state, log);
        var paths = new PathIndex(state, log);
        var submitter = new Submitter(app.Cvm, store, paths, app.Time, log);
        var start = new StartExport(settings, new ExportChecks(app.Cvm, app.Cos, settings), store, new IdempotencyKeys(state, app.Time), paths, submitter, app.Time);
        return (app, start, store);
    }

    private static ILogger Logger(TestApp app) => new LoggerConfiguration().MinimumLevel.Verbose().WriteTo.Sink(app.Logs).CreateLogger();

    private static ExportRequest Request(params string[] imageIds) =>
        new() { ImageIds = imageIds, Bucket = TestApp.Bucket, Format = "raw", RoleName = "CVM_QcsRole" };
}
