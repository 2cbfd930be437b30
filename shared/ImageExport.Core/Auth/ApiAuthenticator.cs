using ImageExport.Core.Configuration;
using ImageExport.Core.Http;
using ImageExport.Scf.Events;

namespace ImageExport.Core.Auth;

/// <summary>Bearer-token authentication of the HTTP API; the token itself is never logged or echoed.</summary>
internal sealed class ApiAuthenticator(ImageExportSettings settings)
{
    /// <summary>Null when the request may proceed, otherwise the refusal to answer with.</summary>
    public HttpTriggerResponse? Refusal(ApiRequest request)
    {
        if (settings.ApiTokens.IsEmpty)
        {
            return settings.AuthDisabled
                ? null
                : ApiResponses.Error(503, "AuthenticationNotConfigured",
                    "no API token is configured: set IMAGEEXPORT_API_TOKENS, or IMAGEEXPORT_AUTH_DISABLED=true to run without authentication");
        }

        var header = request.Header("Authorization");
        if (header is null)
        {
            return Unauthorized("missing Authorization header: send 'Authorization: Bearer <token>'");
        }
        const string scheme = "Bearer ";
        if (!header.StartsWith(scheme, StringComparison.OrdinalIgnoreCase) || header.Length == scheme.Length)
        {
            return Unauthorized("the Authorization header must be 'Bearer <token>'");
        }
        return settings.ApiTokens.Matches(header[scheme.Length..].Trim()) ? null : Unauthorized("the bearer token is not valid");
    }

    private static HttpTriggerResponse Unauthorized(string message)
    {
        var response = ApiResponses.Error(401, "Unauthorized", message);
        response.Headers["WWW-Authenticate"] = "Bearer";
        return response;
    }
}
