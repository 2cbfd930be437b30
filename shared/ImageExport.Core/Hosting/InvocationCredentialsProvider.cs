using ImageExport.Scf.Runtime;
using ImageExport.TencentCloud.Credentials;

namespace ImageExport.Core.Hosting;

/// <summary>
/// The execution role's keys for the invocation in progress: an image function receives them per request
/// (<c>X-Scf-Secret-Id</c>…), a custom runtime in its environment. Read on every call, as SCF rotates them.
/// </summary>
internal sealed class InvocationCredentialsProvider(Func<string, string?> environment) : ICredentialsProvider
{
    private static readonly AsyncLocal<InvocationContext?> Current = new();
    private readonly EnvironmentCredentialsProvider _fromEnvironment = new(environment);

    public static IDisposable Enter(InvocationContext context)
    {
        var previous = Current.Value;
        Current.Value = context;
        return new Scope(previous);
    }

    public TencentCredentials GetCredentials() =>
        Current.Value is { HasCredentials: true } invocation
            ? new TencentCredentials(invocation.SecretId!, invocation.SecretKey!, string.IsNullOrEmpty(invocation.SessionToken) ? null : invocation.SessionToken)
            : _fromEnvironment.GetCredentials();

    private sealed class Scope(InvocationContext? previous) : IDisposable
    {
        public void Dispose() => Current.Value = previous;
    }
}

/// <summary>Makes the invocation's context (and so its credentials) visible to the clients the handler calls.</summary>
internal sealed class InvocationScopedHandler(IFunctionHandler inner) : IFunctionHandler
{
    public async Task<byte[]> HandleAsync(ReadOnlyMemory<byte> payload, InvocationContext context, CancellationToken cancellationToken)
    {
        using var scope = InvocationCredentialsProvider.Enter(context);
        return await inner.HandleAsync(payload, context, cancellationToken).ConfigureAwait(false);
    }
}
