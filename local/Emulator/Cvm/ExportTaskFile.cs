namespace ImageExport.Local.Emulator.Cvm;

/// <summary>An accepted export task, kept in <c>&lt;state&gt;/cvm/tasks/</c> until all its files landed, so a restart resumes it.</summary>
internal sealed class ExportTaskFile
{
    public long TaskId { get; set; }

    public string Bucket { get; set; } = "";

    public List<ExportTaskImage> Images { get; set; } = [];
}

internal sealed class ExportTaskImage
{
    public string ImageId { get; set; } = "";

    public List<ExportTaskObject> Files { get; set; } = [];

    /// <summary>Landing stopped on an error (e.g. the bucket vanished); the image no longer counts as exporting.</summary>
    public bool Failed { get; set; }

    public bool Done => Failed || Files.All(f => f.Landed);
}

internal sealed class ExportTaskObject
{
    public string Key { get; set; } = "";

    public long Bytes { get; set; }

    /// <summary>When CVM begins writing this file (the previous file's <see cref="DueAt"/>); its parts are spread evenly up to <see cref="DueAt"/>.</summary>
    public DateTimeOffset StartAt { get; set; }

    public DateTimeOffset DueAt { get; set; }

    /// <summary>The multipart upload the file is being written through, once begun.</summary>
    public string? UploadId { get; set; }

    public int PartsDone { get; set; }

    public bool Landed { get; set; }
}

internal sealed class TaskCounterFile
{
    public long NextTaskId { get; set; }
}
