using System.Diagnostics.CodeAnalysis;

namespace ImageExport.TencentCloud.Signing;

/// <summary>Reads the q-* pairs of a COS signature, for a verifier that recomputes it.</summary>
public static class CosAuthorizationParser
{
    /// <summary>From an Authorization header value (<c>q-sign-algorithm=sha1&amp;q-ak=…</c>); percent-encoded values are decoded.</summary>
    public static bool TryParse(string? authorization, [NotNullWhen(true)] out CosAuthorization? parsed)
    {
        parsed = null;
        if (string.IsNullOrWhiteSpace(authorization))
        {
            return false;
        }

        var pairs = new List<KeyValuePair<string, string>>();
        foreach (var part in authorization.Trim().Split('&'))
        {
            var eq = part.IndexOf('=', StringComparison.Ordinal);
            var name = eq < 0 ? part : part[..eq];
            var value = eq < 0 ? "" : part[(eq + 1)..];
            pairs.Add(new(Uri.UnescapeDataString(name), Uri.UnescapeDataString(value)));
        }

        return TryParseQuery(pairs, out parsed);
    }

    /// <summary>From a presigned URL's query, already decoded; parameters other than q-* are ignored.</summary>
    public static bool TryParseQuery(IEnumerable<KeyValuePair<string, string>> decodedQuery, [NotNullWhen(true)] out CosAuthorization? parsed)
    {
        ArgumentNullException.ThrowIfNull(decodedQuery);
        parsed = null;

        var values = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (name, value) in decodedQuery)
        {
            if (name.StartsWith("q-", StringComparison.OrdinalIgnoreCase) && !values.TryAdd(name, value))
            {
                return false;
            }
        }

        if (!values.TryGetValue("q-sign-algorithm", out var algorithm) || algorithm.Length == 0
            || !values.TryGetValue("q-ak", out var secretId) || secretId.Length == 0
            || !values.TryGetValue("q-sign-time", out var signTime) || signTime.Length == 0
            || !values.TryGetValue("q-key-time", out var keyTime) || keyTime.Length == 0
            || !values.TryGetValue("q-signature", out var signature) || signature.Length == 0)
        {
            return false;
        }

        parsed = new CosAuthorization(
            algorithm, secretId, signTime, keyTime,
            SplitList(values.GetValueOrDefault("q-header-list")),
            SplitList(values.GetValueOrDefault("q-url-param-list")),
            signature);
        return true;
    }

    private static string[] SplitList(string? list) =>
        list is null ? [] : list.Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
}
