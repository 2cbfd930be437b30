using ImageExport.TencentCloud.Ses;

namespace ImageExport.Core.Tests.Notifications;

internal sealed class RecordingSesApi(Exception? failure = null) : ISesApi
{
    public List<SendEmailRequest> Sent { get; } = [];

    public Task<SendEmailResponse> SendEmailAsync(SendEmailRequest request, CancellationToken cancellationToken)
    {
        Sent.Add(request);
        return failure is null
            ? Task.FromResult(new SendEmailResponse("msg-1", "req-1"))
            : Task.FromException<SendEmailResponse>(failure);
    }
}
