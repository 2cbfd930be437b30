using System.Text.Json.Serialization;
using ImageExport.TencentCloud.Cvm;
using ImageExport.TencentCloud.Ses;

namespace ImageExport.TencentCloud;

// Tencent's names are PascalCase like the C# members, so no naming policy; nulls are left out because an absent
// parameter means "the default" while null may be rejected.
[JsonSourceGenerationOptions(
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    PropertyNameCaseInsensitive = true,
    NumberHandling = JsonNumberHandling.AllowReadingFromString)]
[JsonSerializable(typeof(DescribeImagesRequest))]
[JsonSerializable(typeof(DescribeImagesResponse))]
[JsonSerializable(typeof(ExportImagesRequest))]
[JsonSerializable(typeof(ExportImagesResponse))]
[JsonSerializable(typeof(SendEmailRequest))]
[JsonSerializable(typeof(SendEmailResponse))]
internal sealed partial class TencentCloudJsonContext : JsonSerializerContext
{
}
