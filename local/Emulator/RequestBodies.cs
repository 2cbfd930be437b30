using Microsoft.AspNetCore.Http;

namespace ImageExport.Local.Emulator;

/// <summary>Reads request bodies whole, up to a limit: for the emulated APIs and the local stack's own endpoints alike.</summary>
internal static class RequestBodies
{
    /// <summary>
    /// The whole request body, or <c>null</c> when it is longer than <paramref name="limit"/> bytes (told by its
    /// Content-Length before anything is read, or found while reading a body sent without one).
    /// </summary>
    public static async Task<byte[]?> ReadAsync(HttpRequest request, int limit, CancellationToken cancellationToken)
    {
        if (request.ContentLength > limit)
        {
            return null;
        }

        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > limit)
            {
                return null;
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }
}
