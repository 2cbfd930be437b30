using ImageExport.TencentCloud.Credentials;

namespace ImageExport.Local.Tests.Emulator.Support;

internal sealed class FixedCredentials(TencentCredentials credentials) : ICredentialsProvider
{
    public TencentCredentials GetCredentials() => credentials;
}
