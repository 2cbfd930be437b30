namespace ImageExport.Core.Tests.Architecture;

/// <summary>
/// Core's layering, top to bottom. A folder may use folders of its own layer (when that makes no cycle) and of the
/// layers below it, never one above: the function entry points compose everything; a schedule's run is built on the
/// start use case; a use case runs one function's
/// work; the HTTP edge's parts (requests, answers, views, authentication, the console page) serve the start
/// function's handler; the workflow steps (checks, submissions, deliveries, progress) act on jobs; the job store keeps
/// them in COS; settings and texts are read by everyone.
/// </summary>
internal static class FolderLayers
{
    public const string Root = "(root)";

    public static readonly string[][] Layers =
    [
        [Root, "Hosting"],
        ["Schedules"],
        ["Start", "Poll", "Notify"],
        ["Http", "Auth", "Console"],
        ["Submission", "Rules", "Notifications", "Progress", "Expiry"],
        ["Jobs"],
        ["Storage"],
        ["Configuration", "Texts"],
    ];

    /// <summary>Dependencies tolerated against the layering; none today. A line here needs a reason beside it.</summary>
    public static readonly (string From, string To)[] KnownExceptions = [];

    public static int? LayerOf(string folder)
    {
        for (var i = 0; i < Layers.Length; i++)
        {
            if (Layers[i].Contains(folder))
            {
                return i;
            }
        }
        return null;
    }
}
