namespace ImageExport.Core.Progress;

/// <summary>One open multipart upload as ListParts showed it just now.</summary>
internal sealed record UploadSample(string Key, string UploadId, DateTimeOffset? Initiated, long Bytes, int Parts, long LargestPart, DateTimeOffset? LastPartAt);
