using ImageExport.Scf.Runtime;
using Serilog.Context;

namespace ImageExport.Core.Tests.Support;

/// <summary>
/// Does for a handler what the runtime's entry point (<c>InvocationRunner</c>) does: the invocation's RequestId is
/// pushed onto the log context, so every line the handler logs carries it; handlers no longer add it themselves.
/// </summary>
internal sealed class EntryPointHandler(IFunctionHandler inner) : IFunctionHandler
{
    public async Task<byte[]> HandleAsync(ReadOnlyMemory<byte> payload, InvocationContext context, CancellationToken cancellationToken)
    {
        using var _ = LogContext.PushProperty("RequestId", context.RequestId);
        return await inner.HandleAsync(payload, context, cancellationToken);
    }
}
