namespace ImageExport.Core.Configuration;

/// <summary>
/// Each setting's default, written once: the settings records start from these and the environment readers fall back
/// to them (docs/configuration.md lists them for operators).
/// </summary>
internal static class SettingDefaults
{
    public const string StatePrefix = ".image-export/";
    public const string RoleName = "CVM_QcsRole";
    public const int MaxConcurrentExports = 5;
    public const double ExportTimeoutBaseMinutes = 60;
    public const double ExportTimeoutMinutesPerGiB = 2;
    public const int MaxBodyBytes = 64 * 1024;
    public const double DownloadLinkHours = 24;
    public const double NotifyLeaseMinutes = 10;
    public const int NotifyMaxAttempts = 10;
    public const double NotifyRetryMinutes = 1;
    public const double UnknownSubmitGraceMinutes = 30;
    public const int UnknownResubmitLimit = 3;
    public const double RequestTimeoutSeconds = 20;
    public const double PollReserveSeconds = 5;
    public const bool ProgressEnabled = true;
    public const string PriceCurrency = "CNY";
    public const string StorageClass = "STANDARD";

    public static Texts.Language Language => Texts.Language.English;
}
