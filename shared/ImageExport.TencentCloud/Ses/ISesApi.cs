namespace ImageExport.TencentCloud.Ses;

/// <summary>Tencent Cloud SES (API 3.0, version 2020-10-02): the one action ImageExport uses.</summary>
public interface ISesApi
{
    Task<SendEmailResponse> SendEmailAsync(SendEmailRequest request, CancellationToken cancellationToken);
}

public sealed record SendEmailRequest
{
    /// <summary>A verified sender, optionally <c>Alias &lt;noreply@example.com&gt;</c>.</summary>
    public required string FromEmailAddress { get; init; }
    public required IReadOnlyList<string> Destination { get; init; }
    public required string Subject { get; init; }
    public required SesTemplate Template { get; init; }
    public string? ReplyToAddresses { get; init; }
    /// <summary>1: transactional.</summary>
    public ulong? TriggerType { get; init; }
}

/// <summary><paramref name="TemplateData"/> is a JSON object serialised to a string, as SES expects.</summary>
public sealed record SesTemplate(ulong TemplateID, string TemplateData);

public sealed record SendEmailResponse(string? MessageId, string? RequestId);
