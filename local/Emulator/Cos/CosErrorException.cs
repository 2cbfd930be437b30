namespace ImageExport.Local.Emulator.Cos;

/// <summary>A COS XML error the endpoint turns into <c>&lt;Error&gt;</c> with this status.</summary>
internal sealed class CosErrorException(int status, string code, string message) : Exception(message)
{
    public int Status { get; } = status;
    public string Code { get; } = code;

    public static CosErrorException NoSuchBucket() => new(404, "NoSuchBucket", "The specified bucket does not exist.");

    public static CosErrorException NoSuchKey() => new(404, "NoSuchKey", "The specified key does not exist.");

    public static CosErrorException NoSuchUpload() =>
        new(404, "NoSuchUpload", "The specified multipart upload does not exist. The upload ID might be invalid, or it might have been aborted or completed.");

    public static CosErrorException InvalidArgument(string message) => new(400, "InvalidArgument", message);

    public static CosErrorException AccessDenied(string message) => new(403, "AccessDenied", message);

    public static CosErrorException FileAlreadyExists() =>
        new(409, "FileAlreadyExists", "The object already exists and x-cos-forbid-overwrite is true.");
}
