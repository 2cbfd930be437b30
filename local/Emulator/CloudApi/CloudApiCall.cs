namespace ImageExport.Local.Emulator.CloudApi;

/// <summary>What the log lines of one API 3.0 call name: its request ID, the Host it was sent to, and its action once read.</summary>
internal sealed class CloudApiCall(string requestId, string host)
{
    public string RequestId { get; } = requestId;

    public string Host { get; } = host;

    /// <summary>Empty until the request has been read far enough to name it.</summary>
    public string Action { get; set; } = "";
}
