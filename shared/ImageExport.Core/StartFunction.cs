using ImageExport.Core.Schedules;
using ImageExport.Core.Start;
using ImageExport.Scf.Events;
using ImageExport.Scf.Runtime;

namespace ImageExport.Core;

/// <summary>
/// <c>exports.start</c> receives two kinds of event: the HTTP API's (Function URL or API gateway), and a timer trigger
/// whose argument is a schedule. This is where they part; each side knows nothing of the other.
/// </summary>
internal sealed class StartFunction(StartHandler http, ScheduleRunner schedules) : IFunctionHandler
{
    public Task<byte[]> HandleAsync(ReadOnlyMemory<byte> payload, InvocationContext context, CancellationToken cancellationToken) =>
        TimerEvents.IsTimer(payload.Span)
            ? schedules.HandleAsync(TimerEvent.Parse(payload.Span), context, cancellationToken)
            : http.HandleAsync(payload, context, cancellationToken);
}
