using ImageExport.Local.Emulator.CloudApi;
using Microsoft.AspNetCore.Http;

namespace ImageExport.Local.Emulator.Scf;

/// <summary>
/// Reads a call as the deploy library sends the SCF, tag and API gateway APIs: form-encoded <c>POST /</c> signed with
/// the older HmacSHA1 signature (<see cref="ScfSignatureV1"/>, docs/reference/deploy.md §5), for the one region the
/// emulator serves.
/// </summary>
internal static class SignedForms
{
    /// <summary>
    /// The call's parameters once its Action is named (into <paramref name="call"/>), its signature verifies and its
    /// Region (when given) is <paramref name="region"/>; <paramref name="refusal"/> answers a request of another form.
    /// </summary>
    public static async Task<FormParameters> ReadAsync(
        HttpContext context, CloudApiCall call, ScfSignatureV1 signature, string region, string refusal)
    {
        var request = context.Request;
        if (!HttpMethods.IsPost(request.Method) || !request.HasFormContentType)
        {
            throw new ScfApiException("InvalidParameter", refusal);
        }

        var form = await request.ReadFormAsync(context.RequestAborted);
        var parameters = new FormParameters(form.ToDictionary(p => p.Key, p => p.Value.ToString(), StringComparer.Ordinal));
        call.Action = parameters.Required("Action");
        signature.Verify(request.Method, call.Host, request.Path.HasValue ? request.Path.Value! : "/", parameters);
        if (parameters.Get("Region") is { Length: > 0 } asked && asked != region)
        {
            throw new ScfApiException("UnsupportedRegion", $"The emulator serves {region}, not {asked}.");
        }

        return parameters;
    }
}
