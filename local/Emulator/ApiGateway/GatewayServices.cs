namespace ImageExport.Local.Emulator.ApiGateway;

/// <summary>
/// The emulated API gateway's services, one JSON file each under <c>&lt;state-dir&gt;/apigateway/services/</c>, kept
/// across restarts: the local stack in <c>--wiring deployed</c> serves the released APIs from them.
/// </summary>
internal sealed class GatewayServices
{
    private readonly string _root;
    private readonly object _gate = new();

    public GatewayServices(string stateDirectory)
    {
        _root = ServicesDirectory(stateDirectory);
        Directory.CreateDirectory(_root);
    }

    public static string ServicesDirectory(string stateDirectory) => Path.Combine(stateDirectory, "apigateway", "services");

    /// <summary>Every service in <paramref name="stateDirectory"/>, in ID order; none when nothing was deployed.</summary>
    public static IReadOnlyList<GatewayService> ReadAll(string stateDirectory)
    {
        var root = ServicesDirectory(stateDirectory);
        if (!Directory.Exists(root))
        {
            return [];
        }

        return [.. Directory.EnumerateFiles(root, "*.json")
            .Select(path => StateFiles.Read(path, ApiGatewayJsonContext.Default.GatewayService)!)
            .OrderBy(s => s.ServiceId, StringComparer.Ordinal)];
    }

    public GatewayService? Find(string serviceId)
    {
        lock (_gate)
        {
            return IsId(serviceId) ? StateFiles.Read(PathOf(serviceId), ApiGatewayJsonContext.Default.GatewayService) : null;
        }
    }

    /// <summary>Reads, changes and writes one service under the lock; <paramref name="change"/> may throw to change nothing.</summary>
    public GatewayService Update(string serviceId, Func<GatewayService?, GatewayService> change)
    {
        lock (_gate)
        {
            var path = PathOf(serviceId);
            var updated = change(IsId(serviceId) ? StateFiles.Read(path, ApiGatewayJsonContext.Default.GatewayService) : null);
            StateFiles.Write(path, updated, ApiGatewayJsonContext.Default.GatewayService);
            return updated;
        }
    }

    // An ID from a request names a file: only the shape the emulator hands out is looked up.
    private static bool IsId(string serviceId) =>
        serviceId.StartsWith("service-", StringComparison.Ordinal) && serviceId.Length <= 40 && serviceId.All(c => char.IsAsciiLetterOrDigit(c) || c == '-');

    private string PathOf(string serviceId) => Path.Combine(_root, serviceId + ".json");
}
