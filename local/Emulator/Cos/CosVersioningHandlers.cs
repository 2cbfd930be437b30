using System.Xml;
using System.Xml.Linq;

namespace ImageExport.Local.Emulator.Cos;

/// <summary>
/// PUT and GET Bucket versioning (cloud.tencent.com/document/product/436/19889 and /19888): the status only. A bucket
/// whose versioning was ever set ignores <c>x-cos-forbid-overwrite</c>, as COS documents for PUT Object and Complete
/// Multipart Upload; object versions themselves are not kept (an overwrite replaces).
/// </summary>
internal sealed class CosVersioningHandlers(CosStorage storage)
{
    public Task GetAsync(CosCall call)
    {
        var bucket = storage.GetBucket(call.Bucket);
        return CosXml.WriteAsync(call.Response, 200, w =>
        {
            // A bucket that never had versioning answers an empty configuration, without Status.
            w.WriteStartElement("VersioningConfiguration");
            if (bucket.Settings.Versioning is { } status)
            {
                w.Element("Status", status);
            }

            w.WriteEndElement();
        });
    }

    public async Task PutAsync(CosCall call)
    {
        storage.GetBucket(call.Bucket);
        XDocument document;
        try
        {
            document = await XDocument.LoadAsync(call.Request.Body, LoadOptions.None, call.Aborted);
        }
        catch (XmlException)
        {
            throw Malformed();
        }

        var status = document.Root is { Name.LocalName: "VersioningConfiguration" } root
            ? root.Elements().FirstOrDefault(e => e.Name.LocalName == "Status")?.Value.Trim()
            : null;
        if (status is not ("Enabled" or "Suspended"))
        {
            throw Malformed();
        }

        storage.SetVersioning(call.Bucket, status);
        call.Response.StatusCode = 200;
        call.Response.ContentLength = 0;
    }

    private static CosErrorException Malformed() =>
        new(400, "MalformedXML", "The XML you provided was not well-formed or did not validate against our published schema.");
}
