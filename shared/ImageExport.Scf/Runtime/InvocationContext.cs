using System.Text;

namespace ImageExport.Scf.Runtime;

/// <summary>What SCF tells the function about one invocation.</summary>
/// <remarks>
/// <see cref="ToString"/> leaves the credentials out, so logging a context never leaks them.
/// </remarks>
public sealed record InvocationContext
{
    public required string RequestId { get; init; }
    public int MemoryLimitInMb { get; init; }
    public TimeSpan TimeLimit { get; init; }
    /// <summary>When SCF will end the invocation.</summary>
    public DateTimeOffset Deadline { get; init; }
    public string? FunctionName { get; init; }
    /// <summary>The configured handler string (<c>_HANDLER</c>), such as <c>exports.start</c>.</summary>
    public string? Handler { get; init; }
    public string? FunctionVersion { get; init; }
    public string? Namespace { get; init; }
    /// <summary>The function's region, such as <c>ap-guangzhou</c>.</summary>
    public string? Region { get; init; }
    public string? AppId { get; init; }
    public string? Uin { get; init; }
    /// <summary>What triggered the invocation when SCF says so (image mode: <c>X-Scf-Trigger-Src</c>, e.g. <c>timer</c>).</summary>
    public string? TriggerSource { get; init; }

    /// <summary>
    /// The execution role's temporary credentials: per invocation in image mode (<c>X-Scf-Secret-Id</c>…), from the
    /// <c>TENCENTCLOUD_SECRETID</c>… environment in the custom runtime. <see langword="null"/> when SCF gave none.
    /// </summary>
    public string? SecretId { get; init; }
    public string? SecretKey { get; init; }
    public string? SessionToken { get; init; }

    /// <summary>Whether the invocation carries a complete key pair.</summary>
    public bool HasCredentials => !string.IsNullOrEmpty(SecretId) && !string.IsNullOrEmpty(SecretKey);

    private bool PrintMembers(StringBuilder builder)
    {
        builder.Append("RequestId = ").Append(RequestId)
            .Append(", MemoryLimitInMb = ").Append(MemoryLimitInMb)
            .Append(", TimeLimit = ").Append(TimeLimit)
            .Append(", Deadline = ").Append(Deadline.ToString("O", System.Globalization.CultureInfo.InvariantCulture))
            .Append(", FunctionName = ").Append(FunctionName)
            .Append(", Handler = ").Append(Handler)
            .Append(", Region = ").Append(Region)
            .Append(", TriggerSource = ").Append(TriggerSource)
            .Append(", HasCredentials = ").Append(HasCredentials);
        return true;
    }
}
