using ImageExport.TencentCloud.Credentials;

namespace ImageExport.Testing;

/// <summary>Credentials a test chooses; a test may swap them (as a rotation of temporary keys would).</summary>
public sealed class FixedCredentials(TencentCredentials credentials) : ICredentialsProvider
{
    public TencentCredentials Credentials { get; set; } = credentials;

    public TencentCredentials GetCredentials() => Credentials;
}
