namespace ImageExport.TencentCloud.Credentials;

/// <summary>
/// The keys SCF injects for the function's execution role: <c>TENCENTCLOUD_SECRETID</c>, <c>TENCENTCLOUD_SECRETKEY</c>
/// and <c>TENCENTCLOUD_SESSIONTOKEN</c> (no underscore inside SECRETID/SECRETKEY, unlike the SDKs' own provider).
/// Read on every call, because SCF may rotate them within a warm instance.
/// </summary>
public sealed class EnvironmentCredentialsProvider : ICredentialsProvider
{
    public const string SecretIdVariable = "TENCENTCLOUD_SECRETID";
    public const string SecretKeyVariable = "TENCENTCLOUD_SECRETKEY";
    public const string SessionTokenVariable = "TENCENTCLOUD_SESSIONTOKEN";

    private readonly Func<string, string?> _environment;

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
        _environment = environment;
    }

    /// <exception cref="InvalidOperationException">The SecretId or SecretKey variable is missing or empty.</exception>
    public TencentCredentials GetCredentials()
    {
        var secretId = _environment(SecretIdVariable);
        var secretKey = _environment(SecretKeyVariable);
        if (string.IsNullOrWhiteSpace(secretId) || string.IsNullOrWhiteSpace(secretKey))
        {
            throw new InvalidOperationException(
                $"{SecretIdVariable} and {SecretKeyVariable} must be set (SCF sets them when the function has an execution role).");
        }

        var token = _environment(SessionTokenVariable);
        return new TencentCredentials(secretId.Trim(), secretKey.Trim(), string.IsNullOrWhiteSpace(token) ? null : token.Trim());
    }
}
