using System.Text.Json.Serialization;
using ImageExport.Local.Emulator.Cos;
using ImageExport.Local.Emulator.Cvm;

namespace ImageExport.Local.Emulator;

/// <summary>The emulator's own files in the state directory (not wire formats: those are built with JsonNode).</summary>
[JsonSourceGenerationOptions(WriteIndented = true, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(CredentialsFile))]
[JsonSerializable(typeof(StoredBucket))]
[JsonSerializable(typeof(StoredObject))]
[JsonSerializable(typeof(StoredUpload))]
[JsonSerializable(typeof(StoredPart))]
[JsonSerializable(typeof(ExportTaskFile))]
[JsonSerializable(typeof(TaskCounterFile))]
internal sealed partial class EmulatorJsonContext : JsonSerializerContext;
