using System.Security.Cryptography;
using System.Xml;
using System.Xml.Linq;

namespace ImageExport.Local.Emulator.Cos;

/// <summary>
/// DELETE Multiple Objects (<c>POST /&lt;bucket&gt;?delete</c>), as Tencent's API document describes it
/// (tencentcloud.com/document/product/436/8289): an XML <c>Delete</c> body with <c>Quiet</c> and up to 1,000
/// <c>Object</c>/<c>Key</c> entries, a <c>Content-MD5</c> header over the body, and a <c>DeleteResult</c> answer listing
/// every key (verbose, the default) or only the failures (quiet). A key that does not exist counts as deleted ("when the
/// specified key is empty or does not exist, COS itself will not return an error message"). Each key is also checked
/// for <c>cos:DeleteObject</c> on its own (the same document), so a refused key is an <c>Error</c> entry, not a failed
/// request. Deleting raises no ObjectCreated event (the emulator raises no ObjectRemove events either: its limit).
/// </summary>
internal sealed class CosDeleteMultipleHandler(CosStorage storage, Func<bool> deleteObjectDenied)
{
    /// <summary>The document's limit: "up to 1,000" objects in one request.</summary>
    public const int MaxObjects = 1000;

    // A thousand keys of COS's longest (850 bytes, UTF-8 up to 4 bytes a character) with their markup fit well below this.
    private const int MaxBodyBytes = 4 << 20;

    public async Task DeleteAsync(CosCall call)
    {
        storage.GetBucket(call.Bucket);
        var expectedMd5 = CosObjectHandlers.ContentMd5(call.Request)
            ?? throw new CosErrorException(400, "MissingContentMD5", "DELETE Multiple Objects needs a Content-MD5 header over its body.");
        var body = await RequestBodies.ReadAsync(call.Request, MaxBodyBytes, call.Aborted)
            ?? throw Malformed($"the body is over {MaxBodyBytes} bytes");
        if (!MD5.HashData(body).AsSpan().SequenceEqual(expectedMd5))
        {
            throw new CosErrorException(400, "BadDigest", "The Content-MD5 you specified did not match what was received.");
        }

        var (quiet, keys) = Parse(body);
        var denied = deleteObjectDenied();
        var outcomes = new List<(string Key, string? Code)>(keys.Count);
        foreach (var key in keys)
        {
            if (denied)
            {
                outcomes.Add((key, "AccessDenied"));
                continue;
            }

            storage.DeleteObject(call.Bucket, key);
            outcomes.Add((key, null));
        }

        await CosXml.WriteAsync(call.Response, 200, w =>
        {
            w.WriteStartElement("DeleteResult");
            foreach (var (key, _) in outcomes.Where(o => o.Code is null && !quiet))
            {
                w.WriteStartElement("Deleted");
                w.Element("Key", key);
                w.WriteEndElement();
            }

            foreach (var (key, code) in outcomes.Where(o => o.Code is not null))
            {
                w.WriteStartElement("Error");
                w.Element("Key", key);
                w.Element("Code", code);
                w.Element("Message", "Access Denied.");
                w.WriteEndElement();
            }

            w.WriteEndElement();
        });
    }

    /// <summary><c>&lt;Delete&gt;&lt;Quiet&gt;…&lt;/Quiet&gt;&lt;Object&gt;&lt;Key&gt;…&lt;/Key&gt;&lt;VersionId/&gt;?&lt;/Object&gt;…&lt;/Delete&gt;</c>.</summary>
    internal static (bool Quiet, IReadOnlyList<string> Keys) Parse(byte[] body)
    {
        XDocument document;
        try
        {
            using var stream = new MemoryStream(body);
            document = XDocument.Load(stream, LoadOptions.None);
        }
        catch (XmlException e)
        {
            throw Malformed(e.Message);
        }

        if (document.Root?.Name.LocalName != "Delete")
        {
            throw Malformed("the root element must be Delete");
        }

        var quietText = Child(document.Root, "Quiet")?.Value.Trim();
        var quiet = quietText switch
        {
            null or "false" or "False" => false,
            "true" or "True" => true,
            _ => throw Malformed($"Quiet must be true or false, not '{quietText}'"),
        };
        var keys = new List<string>();
        foreach (var entry in document.Root.Elements().Where(e => e.Name.LocalName == "Object"))
        {
            // VersionId is accepted and has no further effect: the emulator keeps no object versions.
            var key = Child(entry, "Key")?.Value;
            if (string.IsNullOrEmpty(key))
            {
                throw Malformed($"Object {keys.Count + 1} has no Key");
            }

            keys.Add(key);
        }

        if (keys.Count == 0)
        {
            throw Malformed("Delete lists no Object");
        }

        if (keys.Count > MaxObjects)
        {
            throw Malformed($"Delete lists {keys.Count} objects; at most {MaxObjects} are allowed in one request");
        }

        return (quiet, keys);
    }

    private static XElement? Child(XElement parent, string name) => parent.Elements().FirstOrDefault(e => e.Name.LocalName == name);

    private static CosErrorException Malformed(string why) =>
        new(400, "MalformedXML", $"The XML you provided was not well-formed or did not validate against our published schema: {why}.");
}
