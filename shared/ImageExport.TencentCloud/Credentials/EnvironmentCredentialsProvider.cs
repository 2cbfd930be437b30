using ImageExport.Configuration;

namespace ImageExport.TencentCloud.Credentials;

/// <summary>
/// The keys SCF injects for the function's execution role: <c>TENCENTCLOUD_SECRETID</c>, <c>TENCENTCLOUD_SECRETKEY</c>
/// and <c>TENCENTCLOUD_SESSIONTOKEN</c> (no underscore inside SECRETID/SECRETKEY, unlike the SDKs' own provider).
/// Read on every call, because SCF may rotate them within a warm instance.
/// </summary>
public sealed class EnvironmentCredentialsProvider : ICredentialsProvider
{
    public const string SecretIdVariable = ScfVariables.SecretId;
    public const string SecretKeyVariable = ScfVariables.SecretKey;
    public const string SessionTokenVariable = ScfVariables.SessionToken;

    private readonly EnvironmentReader _environment;

    /// <summary>Reads the process environment.</summary>
    public EnvironmentCredentialsProvider()
#pragma warning disable RS0030 // SCF rotates these keys inside a warm instance, so they are read from the process on every call.
        : this(Environment.GetEnvironmentVariable)
#pragma warning restore RS0030
    {
    }

    /// <summary>Reads variables through <paramref name="environment"/> (a test supplies a dictionary).</summary>
    public EnvironmentCredentialsProvider(Func<string, string?> environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        _environment = new EnvironmentReader(environment);
    }

    /// <exception cref="ImageExportConfigurationException">The SecretId or SecretKey variable is missing or empty.</exception>
    public TencentCredentials GetCredentials()
    {
        var secretId = _environment.String(SecretIdVariable);
        var secretKey = _environment.String(SecretKeyVariable);
        if (secretId is null || secretKey is null)
        {
            throw new ImageExportConfigurationException(
                secretId is null ? SecretIdVariable : SecretKeyVariable,
                $"{SecretIdVariable} and {SecretKeyVariable} must be set (SCF sets them when the function has an execution role).");
        }

        return new TencentCredentials(secretId, secretKey, _environment.String(SessionTokenVariable));
    }
}
