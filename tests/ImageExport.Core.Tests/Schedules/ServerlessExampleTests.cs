using ImageExport.Core.Configuration;
using ImageExport.Core.Schedules;
using ImageExport.Core.Tests.Support;
using YamlDotNet.RepresentationModel;

namespace ImageExport.Core.Tests.Schedules;

/// <summary>The commented schedule in serverless.yml, uncommented, is a valid schedule on the start function.</summary>
public sealed class ServerlessExampleTests
{
    [Fact]
    public void TheCommentedScheduleTriggerTargetsTheStartFunctionWithAScheduleWhoseCronIsTheTriggers()
    {
        var lines = File.ReadAllLines(RepositoryFiles.ServerlessYml).ToList();
        var begin = lines.FindIndex(l => l.Contains("# schedule-example:begin", StringComparison.Ordinal));
        var end = lines.FindIndex(l => l.Contains("# schedule-example:end", StringComparison.Ordinal));
        Assert.True(begin >= 0 && end > begin, "serverless.yml has no schedule-example block");
        var block = string.Join('\n', lines.Skip(begin + 1).Take(end - begin - 1).Select(l => l.Remove(l.IndexOf("# ", StringComparison.Ordinal), 2)));

        var yaml = new YamlStream();
        yaml.Load(new StringReader(block));
        var trigger = (YamlMappingNode)((YamlSequenceNode)yaml.Documents[0].RootNode).Children.Single();
        var parameters = (YamlMappingNode)trigger["parameters"];
        var argument = ((YamlScalarNode)parameters["argument"]).Value!.Replace("${env:EXPORT_BUCKET}", TestApp.Bucket, StringComparison.Ordinal);
        var settings = ImageExportSettings.FromEnvironment(name => name switch
        {
            "TENCENTCLOUD_REGION" => TestApp.Region,
            "IMAGEEXPORT_API_TOKENS" => TestApp.Token,
            "IMAGEEXPORT_STATE_BUCKET" => TestApp.Bucket,
            _ => null,
        });

        var (schedule, _, errors) = ScheduleParser.Parse(argument, settings);

        Assert.Equal("timer", ((YamlScalarNode)trigger["type"]).Value);
        Assert.Equal("start", ((YamlScalarNode)trigger["function"]).Value);
        Assert.Equal("true", ((YamlScalarNode)parameters["enable"]).Value);
        Assert.Empty(errors);
        Assert.Equal(((YamlScalarNode)parameters["cronExpression"]).Value, schedule!.Cron.Expression);
        Assert.Equal(((YamlScalarNode)parameters["name"]).Value, schedule.Name);
    }
}
