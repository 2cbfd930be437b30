namespace ImageExport.TencentCloud.Credentials;

/// <summary>A SecretId/SecretKey pair, with the session token when the keys are temporary (an SCF execution role).</summary>
public sealed record TencentCredentials(string SecretId, string SecretKey, string? SessionToken = null)
{
    /// <summary>When temporary keys stop working, if whoever issued them said so; <c>null</c> when unknown.</summary>
    public DateTimeOffset? ExpiresAt { get; init; }

    /// <summary>Never prints the key or the token.</summary>
    public override string ToString() => $"TencentCredentials {{ SecretId = {SecretId}, Temporary = {SessionToken is not null} }}";
}

/// <summary>Where credentials come from. Read per call: SCF rotates an execution role's keys between invocations.</summary>
public interface ICredentialsProvider
{
    TencentCredentials GetCredentials();
}
