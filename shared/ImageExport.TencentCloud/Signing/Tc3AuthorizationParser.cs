using System.Diagnostics.CodeAnalysis;

namespace ImageExport.TencentCloud.Signing;

/// <summary>Reads a TC3-HMAC-SHA256 Authorization header, for a verifier that recomputes the signature.</summary>
public static class Tc3AuthorizationParser
{
    public static bool TryParse(string? header, [NotNullWhen(true)] out Tc3AuthorizationHeader? parsed)
    {
        parsed = null;
        if (header is null)
        {
            return false;
        }

        var text = header.Trim();
        if (!text.StartsWith(Tc3Signer.Algorithm + " ", StringComparison.Ordinal))
        {
            return false;
        }

        string? credential = null, signedHeaders = null, signature = null;
        foreach (var part in text[(Tc3Signer.Algorithm.Length + 1)..].Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            var eq = part.IndexOf('=', StringComparison.Ordinal);
            if (eq <= 0)
            {
                return false;
            }

            var value = part[(eq + 1)..].Trim();
            switch (part[..eq].Trim())
            {
                case "Credential":
                    credential = value;
                    break;
                case "SignedHeaders":
                    signedHeaders = value;
                    break;
                case "Signature":
                    signature = value;
                    break;
                default:
                    break;
            }
        }

        if (credential is null || signedHeaders is null || string.IsNullOrEmpty(signature))
        {
            return false;
        }

        // Read the scope from the right: <id>/<date>/<service>/tc3_request.
        var pieces = credential.Split('/');
        if (pieces.Length < 4 || pieces[^1] != "tc3_request")
        {
            return false;
        }

        var secretId = string.Join('/', pieces[..^3]);
        if (secretId.Length == 0 || pieces[^3].Length == 0 || pieces[^2].Length == 0)
        {
            return false;
        }

        var headers = signedHeaders.Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        if (headers.Length == 0)
        {
            return false;
        }

        parsed = new Tc3AuthorizationHeader(secretId, pieces[^3], pieces[^2], headers, signature);
        return true;
    }
}
