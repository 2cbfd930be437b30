using System.Globalization;
using System.Text.RegularExpressions;

namespace ImageExport.Core.Notifications;

/// <summary>Parses one variable at a time so every error names the variable it came from.</summary>
internal sealed partial class SettingReader(Func<string, string?> getVariable)
{
    // SES accepts at most 50 recipients in Destination.N.
    private const int MaxRecipients = 50;

    private static readonly string[] StorageClasses =
    [
        "STANDARD", "STANDARD_IA", "INTELLIGENT_TIERING", "ARCHIVE", "DEEP_ARCHIVE",
        "MAZ_STANDARD", "MAZ_STANDARD_IA", "MAZ_INTELLIGENT_TIERING", "MAZ_ARCHIVE",
    ];

    /// <summary>The trimmed value, or null when unset or blank (serverless.yml writes empty values for unused channels).</summary>
    public string? Text(string name)
    {
        var value = getVariable(name)?.Trim();
        return string.IsNullOrEmpty(value) ? null : value;
    }

    public Uri? Url(string name)
    {
        var value = Text(name);
        if (value is null)
        {
            return null;
        }

        if (!Uri.TryCreate(value, UriKind.Absolute, out var url) || (url.Scheme != Uri.UriSchemeHttps && url.Scheme != Uri.UriSchemeHttp))
        {
            // The value itself is not echoed: these URLs carry access tokens.
            throw new NotificationSettingsException(name, "not an absolute http(s) URL");
        }

        return url;
    }

    public decimal? Price(string name)
    {
        var value = Text(name);
        if (value is null)
        {
            return null;
        }

        if (!decimal.TryParse(value, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var price))
        {
            throw new NotificationSettingsException(name, $"'{value}' is not a non-negative decimal number (use a dot, e.g. 0.118)");
        }

        return price;
    }

    public string? Currency(string name)
    {
        var value = Text(name)?.ToUpperInvariant();
        if (value is not null && !CurrencyCode().IsMatch(value))
        {
            throw new NotificationSettingsException(name, $"'{value}' is not a three-letter currency code such as CNY or USD");
        }

        return value;
    }

    public string? StorageClass(string name)
    {
        var value = Text(name)?.ToUpperInvariant();
        if (value is not null && !StorageClasses.Contains(value))
        {
            throw new NotificationSettingsException(name, $"'{value}' is not a COS storage class ({string.Join(", ", StorageClasses)})");
        }

        return value;
    }

    public string? Region(string name)
    {
        var value = Text(name);
        if (value is not null && !RegionName().IsMatch(value))
        {
            throw new NotificationSettingsException(name, $"'{value}' is not a region name such as ap-guangzhou");
        }

        return value;
    }

    /// <summary>A verified sender, plain or as <c>Alias &lt;address&gt;</c>.</summary>
    public string? Sender(string name)
    {
        var value = Text(name);
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
            throw new NotificationSettingsException(name, $"'{value}' is not an email address (or 'Alias <address>')");
        }

        return value;
    }

    public IReadOnlyList<string> Recipients(string name)
    {
        var value = Text(name) ?? throw new NotificationSettingsException(name, "required for email (comma-separated recipient addresses)");
        var recipients = value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        if (recipients.Length == 0)
        {
            throw new NotificationSettingsException(name, "lists no recipient");
        }

        if (recipients.Length > MaxRecipients)
        {
            throw new NotificationSettingsException(name, $"lists {recipients.Length} recipients; SES accepts at most {MaxRecipients}");
        }

        foreach (var recipient in recipients)
        {
            if (!EmailAddress().IsMatch(recipient))
            {
                throw new NotificationSettingsException(name, $"'{recipient}' is not an email address");
            }
        }

        return recipients;
    }

    public ulong TemplateId(string name)
    {
        var value = Text(name) ?? throw new NotificationSettingsException(name, "required for email (the ID of an approved SES template)");
        if (!ulong.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var id) || id == 0)
        {
            throw new NotificationSettingsException(name, $"'{value}' is not a positive whole number");
        }

        return id;
    }

    /// <summary><c>en</c>, <c>zh-CN</c> or <c>ko-KR</c> (any case).</summary>
    public Texts.Language? Language(string name)
    {
        var value = Text(name);
        if (value is null)
        {
            return null;
        }

        return Texts.Language.FromTag(value)
            ?? throw new NotificationSettingsException(name, $"'{value}' is not a language ImageExport speaks (en, zh-CN or ko-KR)");
    }

    /// <summary>An IANA time zone such as Asia/Shanghai.</summary>
    public TimeZoneInfo? TimeZone(string name)
    {
        var value = Text(name);
        if (value is null)
        {
            return null;
        }

        return Texts.ReaderTimeZone.Find(value)
            ?? throw new NotificationSettingsException(name, $"'{value}' is not a time zone this machine knows (an IANA name such as Asia/Shanghai or Asia/Seoul)");
    }

    [GeneratedRegex("^[A-Z]{3}$")]
    private static partial Regex CurrencyCode();

    [GeneratedRegex("^[a-z]{2,}(-[a-z]+)+(-[0-9]+)?$")]
    private static partial Regex RegionName();

    // Deliberately loose: SES verifies the addresses; this only catches lists pasted wrongly.
    [GeneratedRegex(@"^[^@\s<>,]+@[^@\s<>,]+\.[^@\s<>,]+$")]
    private static partial Regex EmailAddress();
}
