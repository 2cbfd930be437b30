using ImageExport.Local.Stack.Serverless;
using ImageExport.Local.Tests.Stack.Support;

namespace ImageExport.Local.Tests.Stack;

/// <summary>The API gateway alternative commented in serverless.yml, uncommented the way its comment says, read as the local stack reads it.</summary>
public sealed class ServerlessVariantsTests
{
    private static readonly Dictionary<string, string> Deployment = new(StringComparer.Ordinal)
    {
        ["STAGE"] = "prod",
        ["REGION"] = "ap-guangzhou",
        ["EXPORT_BUCKET"] = "images-1250000000",
        ["IMAGEEXPORT_API_TOKENS"] = "a-token-of-at-least-16-characters",
    };

    /// <summary>serverless.yml with the lines between the apigw-alternative markers uncommented (their leading "# " removed).</summary>
    private static string WithApiGatewayAlternative()
    {
        var lines = File.ReadAllLines(RepositoryFiles.ServerlessYml).ToList();
        var begin = lines.FindIndex(l => l.Contains("# apigw-alternative:begin", StringComparison.Ordinal));
        var end = lines.FindIndex(l => l.Contains("# apigw-alternative:end", StringComparison.Ordinal));
        Assert.True(begin >= 0 && end > begin, "serverless.yml has no apigw-alternative block");
        for (var i = begin + 1; i < end; i++)
        {
            var at = lines[i].IndexOf("# ", StringComparison.Ordinal);
            lines[i] = lines[i][..at] + lines[i][(at + 2)..];
        }

        return string.Join('\n', lines);
    }

    [Fact]
    public void TheApiGatewayAlternativeBindsEachApiToTheStartFunction()
    {
        var definition = ServerlessYaml.Read(WithApiGatewayAlternative(), new EnvReferences(Deployment));

        var apigw = Assert.Single(definition.HttpTriggers, t => t.AuthType == "apigw");
        Assert.Equal("start", apigw.Function);
        Assert.Equal("exports.start", definition.Function(apigw.Function).Handler);
    }

    [Fact]
    public void AnApiWithoutItsOwnFunctionIsRefusedNamingTheField()
    {
        // The form the README used to show: `function` on the trigger, none on the api.
        var yaml = WithApiGatewayAlternative().Replace("        function: start\n", "", StringComparison.Ordinal);

        var error = Assert.Throws<FormatException>(() => ServerlessYaml.Read(yaml, new EnvReferences(Deployment)));

        Assert.Contains("apis[0].function is missing", error.Message, StringComparison.Ordinal);
    }
}
