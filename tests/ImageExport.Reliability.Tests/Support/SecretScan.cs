using System.Text.RegularExpressions;
using Serilog.Events;

namespace ImageExport.Reliability.Tests.Support;

/// <summary>Finds secrets in log events: any of the stack's own secrets, and any signature value, in the message, a property or an exception.</summary>
internal static partial class SecretScan
{
    public static IReadOnlyList<string> Findings(IEnumerable<LogEvent> events, IReadOnlyList<string> secrets)
    {
        var findings = new List<string>();
        foreach (var logEvent in events)
        {
            var text = Render(logEvent);
            foreach (var secret in secrets.Where(s => s.Length >= 8))
            {
                if (text.Contains(secret, StringComparison.Ordinal))
                {
                    findings.Add($"a secret ({secret.Length} chars) in: {logEvent.MessageTemplate.Text}");
                }
            }

            if (Signature().Match(text) is { Success: true } match)
            {
                findings.Add($"a signature '{match.Value[..Math.Min(24, match.Value.Length)]}…' in: {logEvent.MessageTemplate.Text}");
            }
        }

        return findings;
    }

    private static string Render(LogEvent logEvent) =>
        string.Join('\n', [logEvent.RenderMessage(), .. logEvent.Properties.Select(p => $"{p.Key}={p.Value}"), logEvent.Exception?.ToString() ?? ""]);

    // A COS q-sign value or a TC3 Signature= value: 40 or 64 hex digits after the name.
    [GeneratedRegex(@"(q-signature=|Signature=)[0-9a-fA-F]{40,64}")]
    private static partial Regex Signature();
}
