using System.Globalization;
using System.Text;
using System.Xml;
using Microsoft.AspNetCore.Http;

namespace ImageExport.Local.Emulator.Cos;

/// <summary>Writes COS XML bodies (and the error shape every failure shares).</summary>
internal static class CosXml
{
    private static readonly XmlWriterSettings Settings = new() { Encoding = new UTF8Encoding(false), Async = true };

    public static async Task WriteAsync(HttpResponse response, int status, Action<XmlWriter> body)
    {
        using var buffer = new MemoryStream();
        using (var writer = XmlWriter.Create(buffer, Settings))
        {
            writer.WriteStartDocument();
            body(writer);
            writer.WriteEndDocument();
        }

        response.StatusCode = status;
        response.ContentType = "application/xml";
        response.ContentLength = buffer.Length;
        buffer.Position = 0;
        await buffer.CopyToAsync(response.Body);
    }

    public static Task WriteErrorAsync(HttpContext context, CosErrorException error, string resource, string requestId)
    {
        if (HttpMethods.IsHead(context.Request.Method))
        {
            // HEAD answers carry no body, as in COS; the status and x-cos-request-id say it all.
            context.Response.StatusCode = error.Status;
            return Task.CompletedTask;
        }

        return WriteAsync(context.Response, error.Status, w =>
        {
            w.WriteStartElement("Error");
            w.WriteElementString("Code", error.Code);
            w.WriteElementString("Message", error.Message);
            w.WriteElementString("Resource", resource);
            w.WriteElementString("RequestId", requestId);
            w.WriteElementString("TraceId", RequestIds.NewTraceId());
            w.WriteEndElement();
        });
    }

    public static void Element(this XmlWriter writer, string name, string? value) => writer.WriteElementString(name, value ?? "");

    public static void Element(this XmlWriter writer, string name, long value) =>
        writer.WriteElementString(name, value.ToString(CultureInfo.InvariantCulture));

    public static void Element(this XmlWriter writer, string name, bool value) => writer.WriteElementString(name, value ? "true" : "false");

    public static void Element(this XmlWriter writer, string name, DateTimeOffset value) =>
        writer.WriteElementString(name, value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture));

    public static void Owner(this XmlWriter writer, string element, string appId)
    {
        writer.WriteStartElement(element);
        writer.Element("ID", $"qcs::cam::uin/{appId}:uin/{appId}");
        writer.Element("DisplayName", appId);
        writer.WriteEndElement();
    }

    public static string Quoted(string etag) => $"\"{etag}\"";
}
