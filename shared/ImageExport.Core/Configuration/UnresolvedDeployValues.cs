using System.Collections.Concurrent;
using Serilog;

namespace ImageExport.Core.Configuration;

/// <summary>
/// Reads a variable that holds the literal text <c>undefined</c> as unset. That text is what a deploy leaves behind
/// when serverless.yml says <c>${env:X}</c> and X was not set on the deploying machine: the CLI keeps JavaScript's
/// <c>undefined</c>, the component drops the key and the deploy library sends <c>String(undefined)</c>
/// (docs/reference/deploy.md §2). Without this, every optional channel left unset would fail validation at init and every
/// invocation would fail; with it, the channel is off and a warning names the variable.
/// </summary>
public static class UnresolvedDeployValues
{
    /// <summary>The text an unset <c>${env:…}</c> becomes in a deployed function's environment.</summary>
    public const string Marker = "undefined";

    /// <summary>
    /// <paramref name="lookup"/>, except that a value of exactly <c>undefined</c> (surrounding blanks ignored) reads as
    /// <c>null</c>; the first such read of each variable logs a warning naming it (never its value).
    /// </summary>
    public static Func<string, string?> Filter(Func<string, string?> lookup, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(lookup);
        ArgumentNullException.ThrowIfNull(logger);
        var warned = new ConcurrentDictionary<string, bool>(StringComparer.Ordinal);
        return name =>
        {
            var value = lookup(name);
            if (value is null || !string.Equals(value.Trim(), Marker, StringComparison.Ordinal))
            {
                return value;
            }

            if (warned.TryAdd(name, true))
            {
                logger.Warning(
                    "{Variable} is the text 'undefined': serverless.yml's ${{env:…}} for it was not set when this function was deployed; read as unset. Set it and deploy again, or leave it empty to keep this off",
                    name);
            }

            return null;
        };
    }
}
