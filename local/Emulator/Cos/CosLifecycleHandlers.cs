using System.Xml;
using System.Xml.Linq;

namespace ImageExport.Local.Emulator.Cos;

/// <summary>
/// PUT Bucket lifecycle: the deploy library sets a 10-day expiry on the code bucket it creates (docs/reference/deploy.md
/// §3). The rules are checked for shape and kept in <c>lifecycle.xml</c> beside the bucket; nothing expires here.
/// </summary>
internal sealed class CosLifecycleHandlers(CosStorage storage)
{
    private const int MaxBodyBytes = 64 * 1024;

    public async Task PutLifecycleAsync(CosCall call)
    {
        var bucket = storage.GetBucket(call.Bucket);
        using var body = new MemoryStream();
        await call.Request.Body.CopyToAsync(body, call.Aborted);
        if (body.Length > MaxBodyBytes)
        {
            throw new CosErrorException(400, "EntityTooLarge", "The lifecycle configuration is too large.");
        }

        XDocument document;
        try
        {
            body.Position = 0;
            document = XDocument.Load(body);
        }
        catch (XmlException)
        {
            throw new CosErrorException(400, "MalformedXML", "The XML you provided was not well-formed.");
        }

        var rules = document.Root?.Name.LocalName == "LifecycleConfiguration" ? document.Root.Elements().Where(e => e.Name.LocalName == "Rule").ToList() : [];
        if (rules.Count == 0 || rules.Any(r => r.Elements().All(e => e.Name.LocalName != "Status")))
        {
            throw new CosErrorException(400, "MalformedXML", "A lifecycle configuration needs at least one Rule, each with a Status.");
        }

        document.Save(Path.Combine(bucket.Directory, "lifecycle.xml"));
        call.Response.StatusCode = 200;
        call.Response.ContentLength = 0;
    }
}
