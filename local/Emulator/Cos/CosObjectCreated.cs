using ImageExport.Scf.Events;

namespace ImageExport.Local.Emulator.Cos;

/// <summary>
/// A COS trigger event as subscribers receive it: the event in Tencent's format (<see cref="Event"/>, and the same as
/// the JSON bytes a function would be invoked with), plus the bucket and key for filtering without parsing.
/// </summary>
/// <param name="Bucket">The full bucket name, <c>name-appid</c>.</param>
/// <param name="Key">The object key, without a leading slash.</param>
/// <param name="EventName">
/// The operation, e.g. <c>cos:ObjectCreated:Put</c> or <c>cos:ObjectCreated:CompleteMultipartUpload</c>, which triggers
/// filter on; the event's own <c>eventName</c> may be <c>cos:ObjectCreated:*</c> instead (<see cref="CosEventNames"/>).
/// </param>
internal sealed record CosObjectCreated(string Bucket, string Key, string EventName, long Size, CosEvent Event, ReadOnlyMemory<byte> Json);

/// <summary>Who created an object, for the event's <c>requestParameters</c> and <c>x-cos-request-id</c>.</summary>
internal sealed record CosRequestOrigin(string RequestId, string SourceIp, string? Authorization);
