using System.Text.Json.Serialization;

namespace ImageExport.Local.Emulator.ApiGateway;

/// <summary>
/// An API gateway service as the emulated API gateway (2018-08-08) keeps it
/// (<c>&lt;state-dir&gt;/apigateway/services/&lt;service-id&gt;.json</c>): its APIs as last created or modified, and per
/// environment the APIs as they were when the service was last released there, which is what callers reach.
/// </summary>
internal sealed record GatewayService
{
    public required string ServiceId { get; init; }

    public required string ServiceName { get; init; }

    public string? ServiceDesc { get; init; }

    /// <summary><c>http</c>, <c>https</c> or <c>http&amp;https</c>.</summary>
    public required string Protocol { get; init; }

    public required string OuterSubDomain { get; init; }

    public List<GatewayApi> Apis { get; init; } = [];

    public List<GatewayRelease> Releases { get; init; } = [];

    public required string CreatedTime { get; init; }

    public required string ModifiedTime { get; init; }
}

/// <summary>One API: its front (path and method) and, for <c>ServiceType</c> SCF, the function behind it.</summary>
internal sealed record GatewayApi
{
    public required string ApiId { get; init; }

    public required string ApiName { get; init; }

    public string? ApiDesc { get; init; }

    public required string Path { get; init; }

    /// <summary>GET, POST, PUT, DELETE, HEAD, ANY …, as sent.</summary>
    public required string Method { get; init; }

    public required string Protocol { get; init; }

    public required string AuthType { get; init; }

    public required string ServiceType { get; init; }

    public int ServiceTimeout { get; init; }

    public string? ResponseType { get; init; }

    public bool EnableCors { get; init; }

    public string? FunctionName { get; init; }

    public string? FunctionNamespace { get; init; }

    public string? FunctionQualifier { get; init; }

    public string? FunctionType { get; init; }

    /// <summary>Whether the function answers in the integrated-response shape the gateway unpacks.</summary>
    public bool IsIntegratedResponse { get; init; }

    public required string CreatedTime { get; init; }

    public required string ModifiedTime { get; init; }
}

/// <summary>A service released to one environment (<c>test</c>, <c>prepub</c>, <c>release</c>): the APIs as released.</summary>
internal sealed record GatewayRelease
{
    public required string EnvironmentName { get; init; }

    public required string ReleaseVersion { get; init; }

    public string? ReleaseDesc { get; init; }

    public required string ReleaseTime { get; init; }

    public List<GatewayApi> Apis { get; init; } = [];
}

[JsonSourceGenerationOptions(WriteIndented = true, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(GatewayService))]
internal sealed partial class ApiGatewayJsonContext : JsonSerializerContext;
