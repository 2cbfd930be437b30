using System.Text.RegularExpressions;

namespace ImageExport.Local.Emulator.Cvm;

internal static partial class ImageIds
{
    /// <summary><c>img-</c> and eight lower-case letters or digits, the shape of every documented image ID.</summary>
    public static bool IsWellFormed(string id) => Pattern().IsMatch(id);

    public static CvmApiException Malformed(string id) =>
        new("InvalidImageId.Malformed", $"The image ID `{id}` is malformed; image IDs look like img-xxxxxxxx.");

    [GeneratedRegex("^img-[a-z0-9]{8}$")]
    private static partial Regex Pattern();
}
