using ImageExport.Cli.Api;
using Spectre.Console;

namespace ImageExport.Cli.Output;

/// <summary>Jobs, images and problems as tables for a person at a terminal. Everything the service sends is escaped.</summary>
internal static class JobTables
{
    public static string StateMarkup(string state) => state switch
    {
        JobStates.Completed => "[green]completed[/]",
        JobStates.Failed => "[red]failed[/]",
        "exporting" => "[blue]exporting[/]",
        "queued" => "[yellow]queued[/]",
        _ => Markup.Escape(state),
    };

    public static Table Problems(IEnumerable<Problem> problems)
    {
        var table = new Table().Border(TableBorder.Rounded).AddColumns("subject", "problem", "what is wrong");
        foreach (var p in problems)
        {
            table.AddRow(Markup.Escape(p.ImageId ?? p.Bucket ?? "request"), $"[red]{Markup.Escape(p.Code)}[/]", Markup.Escape(p.Message));
        }
        return table;
    }

    public static Table Jobs(IEnumerable<Job> jobs)
    {
        var table = new Table().Border(TableBorder.Rounded).AddColumns("job", "state", "created", "images", "bucket/prefix", "format");
        foreach (var job in jobs)
        {
            table.AddRow(
                Markup.Escape(job.JobId),
                StateMarkup(job.State),
                job.CreatedAt.ToString("yyyy-MM-dd HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture),
                Markup.Escape(string.Join(" ", job.Images.Select(i => i.ImageId))),
                Markup.Escape($"{job.Bucket}/{job.Prefix}"),
                Markup.Escape(job.Format));
        }
        return table;
    }

    /// <summary>The job's header lines and one row per file.</summary>
    public static void Job(IAnsiConsole console, Job job)
    {
        console.MarkupLine($"job [bold]{Markup.Escape(job.JobId)}[/]  {StateMarkup(job.State)}  {Markup.Escape(job.Bucket)}/{Markup.Escape(job.Prefix)} as {Markup.Escape(job.Format)}{(job.OnlyRootDisk ? " (system disk only)" : "")}");
        if (job.Reason is { } reason)
        {
            console.MarkupLine($"  [red]{Markup.Escape(reason)}[/]");
        }

        var table = new Table().Border(TableBorder.Rounded)
            .AddColumn(new TableColumn("image").NoWrap()).AddColumns("state", "file", "file state", "size / progress");
        foreach (var image in job.Images)
        {
            var imageText = Markup.Escape(image.ImageId + (image.ImageName is { } name ? $" ({name})" : ""));
            var imageState = StateMarkup(image.State) + (image.Stalled == true ? " [yellow]stalled[/]" : "");
            if (image.Files.Count == 0)
            {
                table.AddRow(imageText, imageState, "", "", "");
            }

            foreach (var file in image.Files)
            {
                table.AddRow(imageText, imageState, Markup.Escape(file.Key), Markup.Escape(file.State), Markup.Escape(Progress(file)));
                imageText = "";
                imageState = "";
            }
            foreach (var why in new[] { image.QueueReason, image.Reason }.OfType<string>())
            {
                table.AddRow("", "", $"[grey]{Markup.Escape(why)}[/]", "", "");
            }
        }
        console.Write(table);
    }

    /// <summary>"4.0 GiB", or "1.2 GiB of 4.0 GiB, 30%, 15.0 MiB/s, ETA 3m 01s" while it is being written.</summary>
    public static string Progress(JobFile file)
    {
        if (file.Size is { } size)
        {
            return Units.Bytes(size);
        }

        if (file.Progress is not { } p)
        {
            return "";
        }

        var parts = new List<string> { p.ExpectedBytes is { } expected ? $"{Units.Bytes(p.Bytes)} of {Units.Bytes(expected)}" : Units.Bytes(p.Bytes) };
        if (p.Percent is { } percent)
        {
            parts.Add(string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{percent:0}%"));
        }

        if (p.BytesPerSecond is { } rate)
        {
            parts.Add($"{Units.Bytes(rate)}/s");
        }

        if (p.EtaSeconds is { } eta)
        {
            parts.Add($"ETA {Units.Duration(TimeSpan.FromSeconds(eta))}");
        }

        return string.Join(", ", parts);
    }

    /// <summary>What landed, where to fetch it, and what keeping it costs (Tencent's export guide).</summary>
    public static void Summary(IAnsiConsole console, Job job)
    {
        var table = new Table().Border(TableBorder.Rounded)
            .AddColumn(new TableColumn("image").NoWrap())
            .AddColumn(new TableColumn("object key"))
            .AddColumn(new TableColumn("size").RightAligned().NoWrap());
        var links = new List<string>();
        long total = 0;
        foreach (var image in job.Images)
        {
            foreach (var file in image.Files.Where(f => f.State == "landed"))
            {
                total += file.Size ?? 0;
                table.AddRow(Markup.Escape(image.ImageId), Markup.Escape(file.Key), file.Size is { } size ? Units.Bytes(size) : "?");
                links.Add(ObjectUrl(job, file.Key));
            }
        }
        console.Write(table);
        if (job.Downloads is { Count: > 0 } downloads)
        {
            // GET /exports/{jobId} signs a link per landed file when it is read; each says when it really expires.
            console.MarkupLine($"{Units.Bytes(total)} in [bold]{Markup.Escape(job.Bucket)}[/] ({Markup.Escape(job.Region)}). Download links (presigned):");
            foreach (var download in downloads)
            {
                console.MarkupLine($"  {Markup.Escape(download.Key)}, valid until {download.ExpiresAt.UtcDateTime:yyyy-MM-dd HH:mm} UTC:");
                // Whole lines, never wrapped inside a table cell, so they can be copied.
                console.Profile.Out.Writer.WriteLine("  " + download.Url);
            }
        }
        else
        {
            console.MarkupLine($"{Units.Bytes(total)} in [bold]{Markup.Escape(job.Bucket)}[/] ({Markup.Escape(job.Region)}). The objects' COS addresses (private: fetch them signed;");
            console.MarkupLine("the completion notification carries presigned download links and when they expire):");
            foreach (var link in links)
            {
                console.Profile.Out.Writer.WriteLine("  " + link);
            }
        }
        console.MarkupLine("[grey]Fees (Tencent's export guide): storage is billed by size and storage class, and writes are billed;[/]");
        console.MarkupLine("[grey]downloading over the public network is billed, over the private network in the same region it is free.[/]");
    }

    /// <summary>
    /// The object's virtual-hosted-style address, <c>&lt;BucketName-APPID&gt;.cos.&lt;Region&gt;.myqcloud.com</c> (Tencent
    /// COS documentation, "COS Bucket Domain Security Management Notice", product/436/57456: buckets created since
    /// 2024-01-01 accept only this style, older ones both).
    /// </summary>
    public static string ObjectUrl(Job job, string key) =>
        $"https://{job.Bucket}.cos.{job.Region}.myqcloud.com/{string.Join('/', key.Split('/').Select(Uri.EscapeDataString))}";
}
