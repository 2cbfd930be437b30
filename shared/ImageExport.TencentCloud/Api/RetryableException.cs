namespace ImageExport.TencentCloud.Api;

/// <summary>An attempt failed in a way worth trying again; <see cref="Final"/> is what the caller sees when no attempt is left.</summary>
internal sealed class RetryableException(string code, Exception final) : Exception(final.Message, final)
{
    public string Code { get; } = code;
    public Exception Final { get; } = final;
}
