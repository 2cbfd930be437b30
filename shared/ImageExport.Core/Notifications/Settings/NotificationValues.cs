using System.Globalization;
using System.Text.RegularExpressions;
using ImageExport.Configuration;

namespace ImageExport.Core.Notifications.Settings;

/// <summary>
/// The notification settings' own value shapes, read through the one <see cref="EnvironmentReader"/> so every error
/// names the variable it came from.
/// </summary>
internal static partial class NotificationValues
{
    // SES accepts at most 50 recipients in Destination.N.
    private const int MaxRecipients = 50;

    private static readonly string[] StorageClasses =
    [
        "STANDARD", "STANDARD_IA", "INTELLIGENT_TIERING", "ARCHIVE", "DEEP_ARCHIVE",
        "MAZ_STANDARD", "MAZ_STANDARD_IA", "MAZ_INTELLIGENT_TIERING", "MAZ_ARCHIVE",
    ];

    public static decimal? Price(this EnvironmentReader environment, string name)
    {
        var value = environment.String(name);
        if (value is null)
        {
            return null;
        }

        if (!decimal.TryParse(value, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var price))
        {
            throw new ImageExportConfigurationException(name, $"'{value}' is not a non-negative decimal number (use a dot, e.g. 0.118)");
        }

        return price;
    }

    public static string? Currency(this EnvironmentReader environment, string name)
    {
        var value = environment.String(name)?.ToUpperInvariant();
        if (value is not null && !CurrencyCode().IsMatch(value))
        {
            throw new ImageExportConfigurationException(name, $"'{value}' is not a three-letter currency code such as CNY or USD");
        }

        return value;
    }

    public static string? StorageClass(this EnvironmentReader environment, string name)
    {
        var value = environment.String(name)?.ToUpperInvariant();
        if (value is not null && !StorageClasses.Contains(value))
        {
            throw new ImageExportConfigurationException(name, $"'{value}' is not a COS storage class ({string.Join(", ", StorageClasses)})");
        }

        return value;
    }

    /// <summary>A verified sender, plain or as <c>Alias &lt;address&gt;</c>.</summary>
    public static string? Sender(this EnvironmentReader environment, string name)
    {
        var value = environment.String(name);
        if (value is null)
        {
            return null;
        }

        var address = value;
        var open = value.LastIndexOf('<');
        if (open >= 0 && value.EndsWith('>'))
        {
            address = value[(open + 1)..^1];
        }

        if (!EmailAddress().IsMatch(address))
        {
            throw new ImageExportConfigurationException(name, $"'{value}' is not an email address (or 'Alias <address>')");
        }

        return value;
    }

    public static IReadOnlyList<string> Recipients(this EnvironmentReader environment, string name)
    {
        var value = environment.String(name) ?? throw new ImageExportConfigurationException(name, "required for email (comma-separated recipient addresses)");
        var recipients = value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        if (recipients.Length == 0)
        {
            throw new ImageExportConfigurationException(name, "lists no recipient");
        }

        if (recipients.Length > MaxRecipients)
        {
            throw new ImageExportConfigurationException(name, $"lists {recipients.Length} recipients; SES accepts at most {MaxRecipients}");
        }

        foreach (var recipient in recipients)
        {
            if (!EmailAddress().IsMatch(recipient))
            {
                throw new ImageExportConfigurationException(name, $"'{recipient}' is not an email address");
            }
        }

        return recipients;
    }

    public static ulong TemplateId(this EnvironmentReader environment, string name)
    {
        var value = environment.String(name) ?? throw new ImageExportConfigurationException(name, "required for email (the ID of an approved SES template)");
        if (!ulong.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var id) || id == 0)
        {
            throw new ImageExportConfigurationException(name, $"'{value}' is not a positive whole number");
        }

        return id;
    }

    /// <summary><c>en</c>, <c>zh-CN</c> or <c>ko-KR</c> (any case).</summary>
    public static Texts.Language? Language(this EnvironmentReader environment, string name)
    {
        var value = environment.String(name);
        if (value is null)
        {
            return null;
        }

        return Texts.Language.FromTag(value)
            ?? throw new ImageExportConfigurationException(name, $"'{value}' is not a language ImageExport speaks (en, zh-CN or ko-KR)");
    }

    /// <summary>An IANA time zone such as Asia/Shanghai.</summary>
    public static TimeZoneInfo? TimeZone(this EnvironmentReader environment, string name)
    {
        var value = environment.String(name);
        if (value is null)
        {
            return null;
        }

        return Texts.ReaderTimeZone.Find(value)
            ?? throw new ImageExportConfigurationException(name, $"'{value}' is not a time zone this machine knows (an IANA name such as Asia/Shanghai or Asia/Seoul)");
    }

    [GeneratedRegex("^[A-Z]{3}$")]
    private static partial Regex CurrencyCode();

    // Deliberately loose: SES verifies the addresses; this only catches lists pasted wrongly.
    [GeneratedRegex(@"^[^@\s<>,]+@[^@\s<>,]+\.[^@\s<>,]+$")]
    private static partial Regex EmailAddress();
}
