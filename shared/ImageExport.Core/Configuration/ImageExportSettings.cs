using ImageExport.Configuration;

namespace ImageExport.Core.Configuration;

/// <summary>
/// The workflow's configuration, read only from environment variables (docs/configuration.md lists each one).
/// </summary>
public sealed record ImageExportSettings
{
    /// <summary>Accepted bearer tokens (IMAGEEXPORT_API_TOKENS), hashed.</summary>
    public ApiTokenSet ApiTokens { get; init; } = ApiTokenSet.Empty;

    /// <summary>Authentication explicitly switched off (IMAGEEXPORT_AUTH_DISABLED); ignored when tokens are configured.</summary>
    public bool AuthDisabled { get; init; }

    /// <summary>The export bucket used when a request names none (IMAGEEXPORT_DEFAULT_BUCKET).</summary>
    public string? DefaultBucket { get; init; }

    /// <summary>Where job records live (IMAGEEXPORT_STATE_BUCKET, default the default bucket).</summary>
    public required string StateBucket { get; init; }

    /// <summary>Key prefix of the job store, ending with <c>/</c> (IMAGEEXPORT_STATE_PREFIX).</summary>
    public string StatePrefix { get; init; } = SettingDefaults.StatePrefix;

    /// <summary>The function's region, which the images and the bucket must share (TENCENTCLOUD_REGION).</summary>
    public required string Region { get; init; }

    /// <summary>The account's APPID (TENCENTCLOUD_APPID), when known.</summary>
    public string? AppId { get; init; }

    /// <summary>The role CVM uses to write the bucket (IMAGEEXPORT_ROLE_NAME).</summary>
    public string RoleName { get; init; } = SettingDefaults.RoleName;

    /// <summary>Exports running at once across all jobs before images queue (IMAGEEXPORT_MAX_CONCURRENT_EXPORTS); 0 leaves it to Tencent's limit.</summary>
    public int MaxConcurrentExports { get; init; } = SettingDefaults.MaxConcurrentExports;

    /// <summary>An image export fails after this (IMAGEEXPORT_EXPORT_TIMEOUT_BASE_MINUTES)…</summary>
    public TimeSpan ExportTimeoutBase { get; init; } = TimeSpan.FromMinutes(SettingDefaults.ExportTimeoutBaseMinutes);

    /// <summary>…plus this per GiB of exported disks (IMAGEEXPORT_EXPORT_TIMEOUT_MINUTES_PER_GIB).</summary>
    public TimeSpan ExportTimeoutPerGiB { get; init; } = TimeSpan.FromMinutes(SettingDefaults.ExportTimeoutMinutesPerGiB);

    /// <summary>Largest accepted request body in bytes (IMAGEEXPORT_MAX_BODY_BYTES).</summary>
    public int MaxBodyBytes { get; init; } = SettingDefaults.MaxBodyBytes;

    /// <summary>Lifetime asked for presigned download links (IMAGEEXPORT_DOWNLOAD_LINK_HOURS).</summary>
    public TimeSpan DownloadLinkLifetime { get; init; } = TimeSpan.FromHours(SettingDefaults.DownloadLinkHours);

    /// <summary>How long a claimed delivery is left alone before it is presumed crashed (IMAGEEXPORT_NOTIFY_LEASE_MINUTES).</summary>
    public TimeSpan NotificationLease { get; init; } = TimeSpan.FromMinutes(SettingDefaults.NotifyLeaseMinutes);

    /// <summary>Delivery attempts per channel before giving up (IMAGEEXPORT_NOTIFY_MAX_ATTEMPTS).</summary>
    public int NotificationMaxAttempts { get; init; } = SettingDefaults.NotifyMaxAttempts;

    /// <summary>Wait after the first failed delivery, doubled after each further one up to an hour (IMAGEEXPORT_NOTIFY_RETRY_MINUTES).</summary>
    public TimeSpan NotificationRetryDelay { get; init; } = TimeSpan.FromMinutes(SettingDefaults.NotifyRetryMinutes);

    /// <summary>How long a submission with an unknown outcome is left to show its files before it is checked and maybe resubmitted (IMAGEEXPORT_UNKNOWN_SUBMIT_GRACE_MINUTES).</summary>
    public TimeSpan UnknownSubmitGrace { get; init; } = TimeSpan.FromMinutes(SettingDefaults.UnknownSubmitGraceMinutes);

    /// <summary>How many times an image may be submitted again after unknown outcomes, each after CVM reports it idle (IMAGEEXPORT_UNKNOWN_RESUBMIT_LIMIT).</summary>
    public int UnknownResubmitLimit { get; init; } = SettingDefaults.UnknownResubmitLimit;

    /// <summary>How long one attempt of a CVM, COS or SES request may take before it counts as timed out (IMAGEEXPORT_REQUEST_TIMEOUT_SECONDS).</summary>
    public TimeSpan RequestAttemptTimeout { get; init; } = TimeSpan.FromSeconds(SettingDefaults.RequestTimeoutSeconds);

    /// <summary>Time the poll leaves unused before its invocation deadline (IMAGEEXPORT_POLL_RESERVE_SECONDS).</summary>
    public TimeSpan PollReserve { get; init; } = TimeSpan.FromSeconds(SettingDefaults.PollReserveSeconds);

    /// <summary>A path prefix the HTTP routes sit under, e.g. an API gateway sub-path (IMAGEEXPORT_HTTP_BASE_PATH).</summary>
    public string HttpBasePath { get; init; } = "";

    /// <summary><c>IMAGEEXPORT_LANGUAGE</c>: what the HTTP API's messages are written in when Accept-Language names none of ours.</summary>
    public Texts.Language Language { get; init; } = SettingDefaults.Language;

    /// <summary>Whether the poll samples running uploads for progress (IMAGEEXPORT_PROGRESS, default true).</summary>
    public bool ProgressEnabled { get; init; } = SettingDefaults.ProgressEnabled;

    /// <summary>
    /// No new bytes for this long marks an exporting image stalled (IMAGEEXPORT_STALL_AFTER_MINUTES); null (0, the
    /// default) derives it from the observed rate: five times the time one part takes, at least 15 minutes.
    /// </summary>
    public TimeSpan? StallAfter { get; init; }

    /// <summary>Reads every setting; a missing or invalid value throws <see cref="ImageExportConfigurationException"/> naming the variable.</summary>
    public static ImageExportSettings FromEnvironment(Func<string, string?> lookup)
    {
        ArgumentNullException.ThrowIfNull(lookup);
        return FromEnvironment(new EnvironmentReader(lookup));
    }

    /// <inheritdoc cref="FromEnvironment(Func{string, string?})"/>
    public static ImageExportSettings FromEnvironment(EnvironmentReader env)
    {
        ArgumentNullException.ThrowIfNull(env);
        var region = env.FunctionRegion();

        var appId = env.String(ScfVariables.AppId);
        if (appId is not null && !appId.All(char.IsAsciiDigit))
        {
            throw new ImageExportConfigurationException(ScfVariables.AppId, "must be digits");
        }

        var defaultBucket = Bucket(env, "IMAGEEXPORT_DEFAULT_BUCKET", region);
        var stateBucket = Bucket(env, "IMAGEEXPORT_STATE_BUCKET", region) ?? defaultBucket
            ?? throw new ImageExportConfigurationException("IMAGEEXPORT_STATE_BUCKET", "is required when IMAGEEXPORT_DEFAULT_BUCKET is not set");

        var roleName = env.String("IMAGEEXPORT_ROLE_NAME") ?? SettingDefaults.RoleName;
        if (!ResourceNames.RoleName().IsMatch(roleName))
        {
            throw new ImageExportConfigurationException("IMAGEEXPORT_ROLE_NAME", $"'{roleName}' is not a CAM role name");
        }

        var tokens = (env.String("IMAGEEXPORT_API_TOKENS") ?? "").Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        if (tokens.Any(t => t.Length < 16))
        {
            throw new ImageExportConfigurationException("IMAGEEXPORT_API_TOKENS", "every token must be at least 16 characters");
        }

        return new ImageExportSettings
        {
            ApiTokens = ApiTokenSet.FromTokens(tokens),
            AuthDisabled = env.Bool("IMAGEEXPORT_AUTH_DISABLED", false),
            DefaultBucket = defaultBucket,
            StateBucket = stateBucket,
            StatePrefix = NormalizeStatePrefix(env.String("IMAGEEXPORT_STATE_PREFIX") ?? SettingDefaults.StatePrefix),
            Region = region,
            AppId = appId,
            RoleName = roleName,
            MaxConcurrentExports = env.Int("IMAGEEXPORT_MAX_CONCURRENT_EXPORTS", SettingDefaults.MaxConcurrentExports, 0, 1000),
            ExportTimeoutBase = TimeSpan.FromMinutes(env.Number("IMAGEEXPORT_EXPORT_TIMEOUT_BASE_MINUTES", SettingDefaults.ExportTimeoutBaseMinutes, 1, 60 * 24 * 7)),
            ExportTimeoutPerGiB = TimeSpan.FromMinutes(env.Number("IMAGEEXPORT_EXPORT_TIMEOUT_MINUTES_PER_GIB", SettingDefaults.ExportTimeoutMinutesPerGiB, 0, 600)),
            MaxBodyBytes = env.Int("IMAGEEXPORT_MAX_BODY_BYTES", SettingDefaults.MaxBodyBytes, 1024, 1024 * 1024),
            DownloadLinkLifetime = TimeSpan.FromHours(env.Number("IMAGEEXPORT_DOWNLOAD_LINK_HOURS", SettingDefaults.DownloadLinkHours, 0.1, 24 * 7)),
            NotificationLease = TimeSpan.FromMinutes(env.Number("IMAGEEXPORT_NOTIFY_LEASE_MINUTES", SettingDefaults.NotifyLeaseMinutes, 1, 24 * 60)),
            NotificationMaxAttempts = env.Int("IMAGEEXPORT_NOTIFY_MAX_ATTEMPTS", SettingDefaults.NotifyMaxAttempts, 1, 100),
            NotificationRetryDelay = TimeSpan.FromMinutes(env.Number("IMAGEEXPORT_NOTIFY_RETRY_MINUTES", SettingDefaults.NotifyRetryMinutes, 0, 24 * 60)),
            UnknownSubmitGrace = TimeSpan.FromMinutes(env.Number("IMAGEEXPORT_UNKNOWN_SUBMIT_GRACE_MINUTES", SettingDefaults.UnknownSubmitGraceMinutes, 0.1, 24 * 60)),
            UnknownResubmitLimit = env.Int("IMAGEEXPORT_UNKNOWN_RESUBMIT_LIMIT", SettingDefaults.UnknownResubmitLimit, 0, 10),
            RequestAttemptTimeout = TimeSpan.FromSeconds(env.Number("IMAGEEXPORT_REQUEST_TIMEOUT_SECONDS", SettingDefaults.RequestTimeoutSeconds, 1, 300)),
            PollReserve = TimeSpan.FromSeconds(env.Number("IMAGEEXPORT_POLL_RESERVE_SECONDS", SettingDefaults.PollReserveSeconds, 0, 600)),
            HttpBasePath = BasePath(env.String("IMAGEEXPORT_HTTP_BASE_PATH")),
            ProgressEnabled = env.Bool("IMAGEEXPORT_PROGRESS", SettingDefaults.ProgressEnabled),
            StallAfter = env.Number("IMAGEEXPORT_STALL_AFTER_MINUTES", 0, 0, 60 * 24 * 7) is > 0 and var stall ? TimeSpan.FromMinutes(stall) : null,
            Language = ReadLanguage(env),
        };
    }

    private static Texts.Language ReadLanguage(EnvironmentReader env)
    {
        var value = env.String("IMAGEEXPORT_LANGUAGE");
        if (value is null)
        {
            return SettingDefaults.Language;
        }

        return Texts.Language.FromTag(value)
            ?? throw new ImageExportConfigurationException("IMAGEEXPORT_LANGUAGE", $"'{value}' is not a language ImageExport speaks (en, zh-CN or ko-KR)");
    }

    private static string? Bucket(EnvironmentReader env, string name, string region)
    {
        var value = env.String(name);
        if (value is not null && !ResourceNames.IsBucket(value, region))
        {
            throw new ImageExportConfigurationException(name, $"'{value}' is not a bucket name of the form {ResourceNames.BucketRule(value, region)}");
        }
        return value;
    }

    private static string NormalizeStatePrefix(string value)
    {
        const string name = "IMAGEEXPORT_STATE_PREFIX";
        if (value.StartsWith('/') || value.Contains("..", StringComparison.Ordinal) || value.Any(char.IsControl) || value.Length > 200)
        {
            throw new ImageExportConfigurationException(name, "must not start with '/', contain '..' or control characters, or exceed 200 characters");
        }
        return value.EndsWith('/') ? value : value + "/";
    }

    private static string BasePath(string? value)
    {
        if (value is null)
        {
            return "";
        }

        var trimmed = "/" + value.Trim('/');
        if (trimmed == "/")
        {
            return "";
        }

        if (trimmed.Any(c => char.IsControl(c) || c is '?' or '#' or ' '))
        {
            throw new ImageExportConfigurationException("IMAGEEXPORT_HTTP_BASE_PATH", "must be a plain path such as /image-export");
        }
        return trimmed;
    }
}
