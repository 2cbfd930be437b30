using System.Security.Cryptography;

namespace ImageExport.Local.Emulator;

/// <summary>Request IDs in the shapes the two services use.</summary>
internal static class RequestIds
{
    /// <summary>API 3.0: a UUID.</summary>
    public static string NewCvm() => Guid.NewGuid().ToString();

    /// <summary>COS: an opaque base64 string such as <c>NWMxOWY4MGFfMjViMjU4NjRfMTUyMV8y</c>.</summary>
    public static string NewCos() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(24));

    public static string NewTraceId() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(48));
}
