using System.Security.Cryptography;
using ImageExport.TencentCloud.Credentials;

namespace ImageExport.Local.Emulator;

internal sealed record CredentialsFile(string SecretId, string SecretKey, string TemporarySecretId, string TemporarySecretKey, string SessionToken);

/// <summary>
/// The keys the emulated account accepts: one permanent pair and one temporary set (with a session token), random per
/// state directory and kept there, so a restarted stack accepts the keys its clients already hold.
/// </summary>
internal sealed class EmulatorCredentials
{
    private EmulatorCredentials(TencentCredentials permanent, TencentCredentials temporary)
    {
        Permanent = permanent;
        Temporary = temporary;
    }

    public TencentCredentials Permanent { get; }

    public TencentCredentials Temporary { get; }

    /// <summary>The credentials a SecretId belongs to, or <c>null</c> when the account has no such key.</summary>
    public TencentCredentials? Find(string secretId) =>
        secretId == Permanent.SecretId ? Permanent : secretId == Temporary.SecretId ? Temporary : null;

    public static EmulatorCredentials LoadOrCreate(string stateDirectory)
    {
        var path = Path.Combine(stateDirectory, "credentials.json");
        var file = StateFiles.Read(path, EmulatorJsonContext.Default.CredentialsFile);
        if (file is null)
        {
            file = new CredentialsFile(
                "AKID" + RandomText(32), RandomText(32), "AKID" + RandomText(32), RandomText(32), RandomText(96));
            StateFiles.Write(path, file, EmulatorJsonContext.Default.CredentialsFile, secret: true);
        }

        return new EmulatorCredentials(
            new TencentCredentials(file.SecretId, file.SecretKey),
            new TencentCredentials(file.TemporarySecretId, file.TemporarySecretKey, file.SessionToken));
    }

    internal static string RandomText(int length) =>
        RandomNumberGenerator.GetString("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789", length);
}
