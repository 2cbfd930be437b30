namespace ImageExport.Scf.Runtime;

/// <summary>An event as <c>/runtime/invocation/next</c> delivered it; a header SCF left out is <see langword="null"/>.</summary>
internal sealed record RuntimeInvocation(byte[] Payload, string? RequestId, int? MemoryLimitInMb, int? TimeLimitInMs);
