using ImageExport.Local.Stack.Serverless;
using ImageExport.TencentCloud;
using ImageExport.TencentCloud.Credentials;

namespace ImageExport.Local.Stack.Functions;

/// <summary>What the local stack puts over serverless.yml's environment: what SCF itself injects, pointed at the emulator.</summary>
/// <param name="Credentials">The execution role's keys (the emulator's temporary set, with its session token, as SCF gives).</param>
/// <param name="Bucket">The emulator's default bucket: the export bucket and the job store.</param>
/// <param name="WebhookUrl">The local notification receiver, so the webhook channel runs over real HTTP.</param>
internal sealed record LocalOverrides(
    string Region, string AppId, Uri CvmEndpoint, Uri CosEndpoint, TencentCredentials Credentials,
    string ApiToken, string Bucket, Uri WebhookUrl, string WebhookSecret)
{
    public override string ToString() => $"LocalOverrides {{ Region = {Region}, Bucket = {Bucket}, WebhookUrl = {WebhookUrl} }}";
}

/// <summary>Turns serverless.yml's functions into the <see cref="LocalFunction"/>s the invokers run.</summary>
internal static class LocalFunctions
{
    /// <param name="keepDeployedSettings">
    /// Run what was deployed (<c>--wiring deployed</c>): its API tokens, buckets and webhook stay as deployed.
    /// </param>
    public static LocalFunction From(ServerlessFunction function, LocalOverrides local, bool keepDeployedSettings = false)
    {
        ArgumentNullException.ThrowIfNull(function);
        ArgumentNullException.ThrowIfNull(local);
        var environment = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, value) in function.Environment)
        {
            environment[key] = value;
        }

        // What SCF sets for every custom-runtime function (docs/reference/scf.md §1.1), then the emulator's addresses.
        environment["_HANDLER"] = function.Handler;
        environment["SCF_FUNCTIONNAME"] = function.Name;
        environment["SCF_FUNCTIONVERSION"] = "$LATEST";
        environment["SCF_NAMESPACE"] = "default";
        environment[TencentCloudSettings.RegionVariable] = local.Region;
        environment[TencentCloudSettings.AppIdVariable] = local.AppId;
        environment[EnvironmentCredentialsProvider.SecretIdVariable] = local.Credentials.SecretId;
        environment[EnvironmentCredentialsProvider.SecretKeyVariable] = local.Credentials.SecretKey;
        environment[EnvironmentCredentialsProvider.SessionTokenVariable] = local.Credentials.SessionToken ?? "";
        environment[TencentCloudSettings.CvmEndpointVariable] = local.CvmEndpoint.ToString().TrimEnd('/');
        environment[TencentCloudSettings.CosEndpointVariable] = local.CosEndpoint.ToString().TrimEnd('/');

        if (keepDeployedSettings)
        {
            return new LocalFunction(function.Name, function.Handler, function.MemorySizeMb, function.Timeout, function.InitTimeout, environment);
        }

        // serverless.yml fills these from ${env:…} too; set here as well so an edited file still fits the emulator.
        environment["IMAGEEXPORT_API_TOKENS"] = local.ApiToken;
        environment["IMAGEEXPORT_DEFAULT_BUCKET"] = local.Bucket;
        environment["IMAGEEXPORT_STATE_BUCKET"] = local.Bucket;
        environment["IMAGEEXPORT_WEBHOOK_URL"] = local.WebhookUrl.ToString();
        environment["IMAGEEXPORT_WEBHOOK_SECRET"] = local.WebhookSecret;

        return new LocalFunction(function.Name, function.Handler, function.MemorySizeMb, function.Timeout, function.InitTimeout, environment);
    }
}
