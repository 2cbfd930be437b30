using ImageExport.Local.Emulator;

namespace ImageExport.Local;

/// <summary>What the functions and their HTTP gateway get when they join the local stack.</summary>
/// <param name="ApiUrl"><c>http://127.0.0.1:&lt;api-port&gt;</c>, where the Function URL gateway must listen.</param>
/// <param name="ApiToken">The bearer token the API accepts (random, kept in the state directory).</param>
internal sealed record LocalStackContext(LocalOptions Options, EmulatorHost Emulator, Uri ApiUrl, string ApiToken, Serilog.ILogger Logger);

/// <summary>
/// The place where the functions (start, poll, notify) and the Function URL gateway plug into the local stack: started
/// after the emulator listens and before endpoints.json is written, stopped before the emulator.
/// </summary>
internal interface ILocalStackPlugin
{
    Task<IAsyncDisposable> StartAsync(LocalStackContext context, CancellationToken cancellationToken);
}
