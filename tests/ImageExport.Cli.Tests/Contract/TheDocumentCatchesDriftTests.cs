using System.Text.Json.Nodes;
using ImageExport.Cli.Tests.Support;

namespace ImageExport.Cli.Tests.Contract;

/// <summary>The check itself: an answer that strays from the document is caught, so a passing contract test means something.</summary>
public sealed class TheDocumentCatchesDriftTests(StackFixture app) : IClassFixture<StackFixture>
{
    private const string Job = """
        {"jobId":"exp-20261126t030000-0a1b2c3d","state":"exporting","createdAt":"2026-11-26T03:00:00+00:00","updatedAt":"2026-11-26T03:00:00+00:00",
         "bucket":"b-1250000000","region":"ap-guangzhou","prefix":"p","format":"raw","images":[{"imageId":"img-demolnx1","state":"exporting",
         "cosPaths":[],"files":[{"key":"k.raw","state":"pending","progress":{"bytes":5,"expectedBytes":null,"percent":null,"bytesPerSecond":null,"etaSeconds":null,"observedAt":"2026-11-26T03:00:01+00:00"}}],"problems":[]}]}
        """;

    [Fact]
    public void AJobWithProgressAsTheDesignDescribesItMatches()
    {
        Assert.Null(app.Contract.Check("GET", "/exports/exp-20261126t030000-0a1b2c3d", 200, Job));
    }

    [Theory]
    [InlineData("\"state\":\"exporting\",\"createdAt\"", "\"state\":\"running\",\"createdAt\"")]
    [InlineData("\"prefix\":\"p\",", "\"prefix\":\"p\",\"surprise\":1,")]
    [InlineData("\"bytes\":5,", "\"bytes\":\"5\",")]
    [InlineData("\"createdAt\":\"2026-11-26T03:00:00+00:00\",", "")]
    public void AnAnswerWithAnUnknownStateAnUndocumentedFieldAWrongTypeOrAMissingFieldDoesNot(string from, string to)
    {
        var drifted = Job.Replace(from, to, StringComparison.Ordinal);
        Assert.NotEqual(Job, drifted);

        Assert.NotNull(app.Contract.Check("GET", "/exports/exp-20261126t030000-0a1b2c3d", 200, drifted));
    }

    [Fact]
    public void AnUndocumentedStatusDoesNotMatch()
    {
        var error = new JsonObject { ["error"] = new JsonObject { ["code"] = "NotFound", ["message"] = "x" } }.ToJsonString();

        Assert.NotNull(app.Contract.Check("GET", "/images", 404, error));
    }
}
