using System.Security.Cryptography;
using System.Text;

namespace ImageExport.Core.Configuration;

/// <summary>
/// The accepted bearer tokens (IMAGEEXPORT_API_TOKENS), kept only as SHA-256 hashes and compared in constant time. A
/// setting's value, so it lives with the settings; Auth/ only reads it.
/// </summary>
public sealed class ApiTokenSet
{
    private readonly IReadOnlyList<byte[]> _hashes;

    private ApiTokenSet(IReadOnlyList<byte[]> hashes) => _hashes = hashes;

    /// <summary>No token: the API refuses authenticated routes unless authentication is switched off.</summary>
    public static ApiTokenSet Empty { get; } = new([]);

    /// <summary>Hashes the given tokens; blank entries are skipped.</summary>
    public static ApiTokenSet FromTokens(IEnumerable<string> tokens)
    {
        ArgumentNullException.ThrowIfNull(tokens);
        return new(tokens.Select(t => t.Trim()).Where(t => t.Length > 0).Select(Hash).ToList());
    }

    public int Count => _hashes.Count;

    public bool IsEmpty => _hashes.Count == 0;

    /// <summary>Whether the presented token is one of the configured ones.</summary>
    public bool Matches(string presented)
    {
        ArgumentNullException.ThrowIfNull(presented);
        var candidate = Hash(presented);
        var found = false;
        // Every hash is compared, so the time taken does not tell which token (if any) matched.
        foreach (var hash in _hashes)
        {
            found |= CryptographicOperations.FixedTimeEquals(candidate, hash);
        }
        return found;
    }

    public override string ToString() => $"ApiTokenSet({_hashes.Count} token(s))";

    private static byte[] Hash(string token) => SHA256.HashData(Encoding.UTF8.GetBytes(token));
}
