using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace ImageExport.Local.Emulator;

/// <summary>Small JSON files in the state directory, written atomically so a crash never leaves half a file.</summary>
internal static class StateFiles
{
    public static T? Read<T>(string path, JsonTypeInfo<T> typeInfo) where T : class
    {
        if (!File.Exists(path))
        {
            return null;
        }

        using var stream = File.OpenRead(path);
        return JsonSerializer.Deserialize(stream, typeInfo);
    }

    public static void Write<T>(string path, T value, JsonTypeInfo<T> typeInfo, bool secret = false)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var temporary = $"{path}.{Guid.NewGuid():N}.tmp";
        using (var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write))
        {
            if (secret && !OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(temporary, UnixFileMode.UserRead | UnixFileMode.UserWrite);
            }

            JsonSerializer.Serialize(stream, value, typeInfo);
        }

        File.Move(temporary, path, overwrite: true);
    }
}
