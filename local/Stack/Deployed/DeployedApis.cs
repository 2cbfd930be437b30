using ImageExport.Local.Emulator.ApiGateway;

namespace ImageExport.Local.Stack.Deployed;

/// <summary>
/// One API of the emulated API gateway as released to an environment and bound to a deployed function: what the local
/// stack in <c>--wiring deployed</c> serves under <c>/&lt;environment&gt;/</c> on the API port.
/// </summary>
internal sealed record DeployedApi(
    string ServiceId, string ServiceName, string Environment, string Path, string Method, string Function, bool IntegratedResponse, string? ResponseType)
{
    /// <summary>
    /// Whether a request for <paramref name="path"/> (after the environment) with <paramref name="method"/> reaches this
    /// API: ANY or the same method, and the API's path equal to the request's or a whole-segment prefix of it (an API
    /// on <c>/</c> serves every path, as the Serverless components deploy whole web apps behind <c>/</c>; local/README.md).
    /// </summary>
    public bool Matches(string method, string path) =>
        (Method == "ANY" || string.Equals(Method, method, StringComparison.OrdinalIgnoreCase))
        && (Path == "/" || path == Path || path.StartsWith(Path.TrimEnd('/') + "/", StringComparison.Ordinal));
}

/// <summary>Reads the released APIs from the emulated API gateway's records, each time: a release takes effect at once.</summary>
internal static class DeployedApis
{
    /// <param name="functions">The deployed functions the stack runs; an API bound to another function is not served.</param>
    public static IReadOnlyList<DeployedApi> Read(string stateDirectory, IReadOnlySet<string> functions) =>
        [.. GatewayServices.ReadAll(stateDirectory)
            .SelectMany(s => s.Releases.SelectMany(r => r.Apis
                .Where(a => a.ServiceType == "SCF" && a.FunctionName is { } f && functions.Contains(f) && (a.FunctionNamespace ?? "default") == DeployedWiring.Namespace)
                .Select(a => new DeployedApi(s.ServiceId, s.ServiceName, r.EnvironmentName, a.Path, a.Method, a.FunctionName!, a.IsIntegratedResponse, a.ResponseType))))];

    /// <summary>The API a request reaches in <paramref name="environment"/>: the longest matching path, an exact method before ANY.</summary>
    public static DeployedApi? Route(IEnumerable<DeployedApi> apis, string environment, string method, string path) =>
        apis.Where(a => a.Environment == environment && a.Matches(method, path))
            .OrderByDescending(a => a.Path.Length)
            .ThenBy(a => a.Method == "ANY" ? 1 : 0)
            .FirstOrDefault();
}
