using System.Text.Json.Serialization;
using ImageExport.Core.Texts;

namespace ImageExport.Core.Jobs;

/// <summary>One reason an image cannot be exported (the 422 body and the dry run list these).</summary>
internal sealed record Problem
{
    /// <summary>A problem about one image; <see cref="Message"/> is the English text (what job records keep).</summary>
    public static Problem ForImage(string imageId, string code, LocalText text, string? cvmCode = null) =>
        new() { ImageId = imageId, Code = code, Message = text.In(Language.English), Text = text, CvmCode = cvmCode };

    public static Problem ForBucket(string bucket, string code, LocalText text, string? cvmCode = null) =>
        new() { Bucket = bucket, Code = code, Message = text.In(Language.English), Text = text, CvmCode = cvmCode };

    public string? ImageId { get; init; }
    public string? Bucket { get; init; }
    public required string Code { get; init; }
    public required string Message { get; init; }
    /// <summary>CVM's own error code, when CVM raised it.</summary>
    public string? CvmCode { get; init; }

    /// <summary>The message as a catalog text, so an answer can give it in the reader's language; null for a problem read back from a record.</summary>
    [JsonIgnore]
    public LocalText? Text { get; init; }

    /// <summary>This problem with its message in <paramref name="language"/> (the code and the rest unchanged).</summary>
    public Problem In(Language language) => Text is null ? this : this with { Message = Text.In(language) };
}
