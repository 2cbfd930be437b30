using ImageExport.Core.Configuration;
using ImageExport.Core.Http;
using ImageExport.Core.Texts;
using ImageExport.Scf.Events;

namespace ImageExport.Core.Auth;

/// <summary>Token authentication of the HTTP API; the token itself is never logged or echoed.</summary>
internal sealed class ApiAuthenticator(ImageExportSettings settings)
{
    /// <summary>
    /// The header that carries the token when <c>Authorization</c> cannot: no Tencent document says the Function URL
    /// passes <c>Authorization</c> through untouched, and a front with its own authentication (a CAM-authenticated
    /// Function URL, API gateway app auth) uses that header for its own credentials.
    /// </summary>
    public const string TokenHeader = "X-ImageExport-Token";

    /// <summary>Null when the request may proceed, otherwise the refusal to answer with.</summary>
    public HttpTriggerResponse? Refusal(ApiRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var language = request.Language(settings.Language);
        if (settings.ApiTokens.IsEmpty)
        {
            return settings.AuthDisabled
                ? null
                : ApiResponses.Error(503, "AuthenticationNotConfigured", LocalText.Of("api.auth.notConfigured"), language);
        }

        // The dedicated header wins: when it is sent, Authorization may well hold a front's own credentials.
        if (request.Header(TokenHeader) is { } dedicated)
        {
            return dedicated.Trim().Length > 0 && settings.ApiTokens.Matches(dedicated.Trim())
                ? null
                : Unauthorized("api.auth.invalidDedicated", language);
        }

        var header = request.Header("Authorization");
        if (header is null)
        {
            return Unauthorized("api.auth.missing", language);
        }
        const string scheme = "Bearer ";
        if (!header.StartsWith(scheme, StringComparison.OrdinalIgnoreCase) || header.Length == scheme.Length)
        {
            return Unauthorized("api.auth.malformed", language);
        }
        return settings.ApiTokens.Matches(header[scheme.Length..].Trim()) ? null : Unauthorized("api.auth.invalid", language);
    }

    private static HttpTriggerResponse Unauthorized(string key, Language language)
    {
        var response = ApiResponses.Error(401, "Unauthorized", LocalText.Of(key), language);
        response.Headers["WWW-Authenticate"] = "Bearer";
        return response;
    }
}
