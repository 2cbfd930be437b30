using System.Net;
using ImageExport.Configuration;
using ImageExport.Core.Configuration;
using ImageExport.Core.Notifications;
using ImageExport.Core.Notifications.Settings;
using ImageExport.Scf.Runtime;
using ImageExport.TencentCloud;
using ImageExport.TencentCloud.Api;
using Serilog;

namespace ImageExport.Core.Hosting;

/// <summary>
/// Builds one function from its environment: the same code serves the packaged binary and the local stack's
/// in-process functions, so both are wired alike.
/// </summary>
public static class FunctionComposition
{
    /// <summary>One client for the process: pooled connections renewed now and then (DNS changes), no overall
    /// timeout because every caller sets its own per attempt.</summary>
    public static HttpClient CreateHttpClient() =>
        new(new SocketsHttpHandler
        {
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),
            ConnectTimeout = TimeSpan.FromSeconds(10),
            AutomaticDecompression = DecompressionMethods.None,
        })
        {
            Timeout = Timeout.InfiniteTimeSpan,
        };

    /// <summary>
    /// The handler <paramref name="handlerName"/> names, its settings read from <paramref name="environment"/>.
    /// Credentials come from the invocation when SCF passes them per request (image mode), else from the environment.
    /// </summary>
    /// <exception cref="ImageExportConfigurationException">A setting is missing or malformed (the one exception every reader throws).</exception>
    public static IFunctionHandler CreateHandler(
        string? handlerName, Func<string, string?> environment, HttpClient http, TimeProvider time, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(environment);
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(logger);
        if (string.IsNullOrWhiteSpace(handlerName))
        {
            throw new ImageExportConfigurationException(ScfVariables.Handler, "is not set; expected one of " + string.Join(", ", ImageExportFunctions.HandlerNames));
        }

        // A deploy with an optional ${env:…} unset leaves the text 'undefined' behind: read it as unset, with a warning.
        environment = UnresolvedDeployValues.Filter(environment, logger);
        var variables = new EnvironmentReader(environment);
        var settings = ImageExportSettings.FromEnvironment(variables);
        var retry = RetryOptions.Default with { AttemptTimeout = settings.RequestAttemptTimeout };
        var credentials = new InvocationCredentialsProvider(environment);
        var cloud = new TencentCloudClientFactory(http, credentials, TencentCloudSettings.FromEnvironment(variables), time, logger, retry);
        var notificationSettings = NotificationSettings.FromEnvironment(variables);
        var ses = notificationSettings.Email is not null ? cloud.CreateSes() : null;
        var dependencies = new ImageExportDependencies(
            cloud.CreateCvm(),
            cloud.CreateCos(),
            NotificationChannels.Create(notificationSettings, http, ses, time, logger),
            settings,
            time,
            logger);
        return new InvocationScopedHandler(ImageExportFunctions.Create(handlerName.Trim(), dependencies));
    }
}
