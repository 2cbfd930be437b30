using System.Globalization;
using ImageExport.Core.Notifications.Settings;
using ImageExport.Core.Texts;

namespace ImageExport.Core.Notifications.Content;

/// <summary>
/// The part of a notification about a schedule's run (issue "fees in words"): what it started, what a rule refused,
/// what retention deleted from older runs, the bytes freed and, with a configured price, the monthly cost saved.
/// </summary>
internal sealed class RunSection(NotificationRenderer renderer, PricingSettings pricing, TextFormat format)
{
    // A message has room for a handful of file lines; the count and the total say the rest.
    private const int MaxFileLines = 20;

    public string Render(NotifiedRun run, MarkupDialect markup)
    {
        var heading = run.Slot is { } slot
            ? Line(markup, "notify.run.heading", ("schedule", markup.Code(run.Schedule)), ("slot", markup.Text(format.Instant(slot))))
            : Line(markup, "notify.run.headingNoSlot", ("schedule", markup.Code(run.Schedule)));
        var lines = new List<string> { markup.Bold(heading) };
        lines.Add(markup.Bullet(run.Started.Count == 0
            ? Line(markup, "notify.run.startedNone")
            : Line(markup, "notify.run.started", ("images", string.Join(", ", run.Started.Select(markup.Code))))));
        foreach (var refusal in run.Refused)
        {
            lines.Add(markup.Bullet(refusal.ImageId is { } imageId
                ? Line(markup, "notify.run.refused", ("imageId", markup.Code(imageId)), ("reason", markup.Text(refusal.Message)))
                : Line(markup, "notify.run.refusedRun", ("reason", markup.Text(refusal.Message)))));
        }

        if (run.Deleted.Count > 0)
        {
            var bytes = run.Deleted.Sum(d => d.Size);
            lines.Add(markup.Bullet(Line(markup, run.RetentionDryRun ? "notify.run.wouldDelete" : "notify.run.deleted",
                ("count", Count(run.Deleted.Count)), ("size", markup.Text(format.Size(bytes))))));
            lines.AddRange(run.Deleted.Take(MaxFileLines).Select(d => "  " + markup.Bullet(File(d, markup))));
            if (!run.RetentionDryRun && pricing.PricePerGbMonth is { } price)
            {
                lines.Add(markup.Bullet(Line(markup, "notify.run.saved",
                    ("cost", markup.Text(format.Money(TextFormat.Gigabytes(bytes) * price))), ("currency", markup.Text(pricing.Currency)),
                    ("gb", markup.Text(TextFormat.GigabyteFigure(bytes))), ("price", markup.Text(TextFormat.Price(price))))));
            }
        }

        if (run.DeleteRefused.Count > 0)
        {
            lines.Add(markup.Bullet(Line(markup, "notify.run.deleteRefused",
                ("count", Count(run.DeleteRefused.Count)), ("size", markup.Text(format.Size(run.DeleteRefused.Sum(d => d.Size)))),
                ("code", markup.Code(string.Join(", ", run.DeleteRefused.Select(d => d.Code ?? "AccessDenied").Distinct(StringComparer.Ordinal)))))));
            lines.AddRange(run.DeleteRefused.Take(MaxFileLines).Select(d => "  " + markup.Bullet(File(d, markup))));
        }

        if (run.Deleted.Count == 0 && run.DeleteRefused.Count == 0 && run.Started.Count > 0)
        {
            lines.Add(markup.Bullet(Line(markup, "notify.run.nothingDeleted")));
        }

        return string.Join('\n', lines);
    }

    private string File(NotifiedDeletion deletion, MarkupDialect markup) =>
        Line(markup, "notify.run.deletedFile", ("key", markup.Code(deletion.Key)), ("size", markup.Text(format.Size(deletion.Size))), ("jobId", markup.Code(deletion.JobId)));

    private string Line(MarkupDialect markup, string key, params (string Name, string Value)[] args) =>
        Catalog.Format(renderer.Language, key, markup.Text, args);

    private static string Count(int n) => n.ToString(CultureInfo.InvariantCulture);
}
