using ImageExport.Core.Configuration;
using ImageExport.Core.Jobs;
using ImageExport.Core.Schedules;
using ImageExport.Core.Tests.Support;

namespace ImageExport.Core.Tests.Schedules;

/// <summary>The schedule a timer trigger's argument carries (design.md "Contract: schedules"), read field by field.</summary>
public sealed class ScheduleParserTests
{
    private static readonly ImageExportSettings Settings = ImageExportSettings.FromEnvironment(name => name switch
    {
        "TENCENTCLOUD_REGION" => TestApp.Region,
        "IMAGEEXPORT_DEFAULT_BUCKET" => TestApp.Bucket,
        "IMAGEEXPORT_API_TOKENS" => TestApp.Token,
        _ => null,
    });

    [Fact]
    public void TheContractsExampleReadsAsWritten()
    {
        var (schedule, name, errors) = ScheduleParser.Parse("""
            {"schedule":"weekly-golden","cron":"0 0 3 * * 1 *","images":{"tags":{"backup":"weekly"}},
             "bucket":"name-1250000000","format":"qcow2","onlyRootDisk":false,"prefix":"weekly",
             "retention":{"keepLast":4,"maxAgeDays":null,"dryRun":false}}
            """, Settings);

        Assert.Empty(errors);
        Assert.Equal("weekly-golden", name);
        Assert.Equal("weekly-golden", schedule!.Name);
        Assert.Equal("0 0 3 * * 1 *", schedule.Cron.Expression);
        Assert.Null(schedule.ImageIds);
        Assert.Equal("weekly", schedule.Tags!["backup"]);
        Assert.Equal("name-1250000000", schedule.Bucket);
        Assert.Equal("qcow2", schedule.Format);
        Assert.Equal("weekly", schedule.Prefix);
        Assert.Equal(new RetentionPolicy(4, null, false), schedule.Retention);
    }

    [Fact]
    public void BucketFormatAndPrefixDefaultToTheDeploymentsBucketRawAndTheScheduleName()
    {
        var (schedule, _, errors) = ScheduleParser.Parse("""{"schedule":"nightly","cron":"0 0 2 * * * *","images":{"ids":["img-golden01"]}}""", Settings);

        Assert.Empty(errors);
        Assert.Equal(TestApp.Bucket, schedule!.Bucket);
        Assert.Equal("raw", schedule.Format);
        Assert.Equal("nightly", schedule.Prefix);
        Assert.Equal(["img-golden01"], schedule.ImageIds);
        Assert.Null(schedule.Retention);
    }

    [Fact]
    public void EveryFieldAtFaultIsNamedNotOnlyTheFirst()
    {
        var (schedule, name, errors) = ScheduleParser.Parse("""
            {"schedule":"weekly-golden","cron":"0 0 3 * *","images":{"ids":["img-golden01","nope"]},"bucket":"Bad_Bucket",
             "format":"iso","onlyRootDisk":"yes","prefix":"/abs","retention":{"keepLast":0,"maxAgeDays":1.5,"dryRun":1},"extra":true}
            """, Settings);

        Assert.Null(schedule);
        Assert.Equal("weekly-golden", name);
        Assert.Equal(
            new[] { "bucket", "cron", "extra", "format", "images.ids[1]", "onlyRootDisk", "prefix", "retention.dryRun", "retention.keepLast", "retention.maxAgeDays" },
            errors.Select(e => e.Field).Order(StringComparer.Ordinal));
        Assert.Equal(10, errors.Count);
    }

    [Theory]
    [InlineData("""{"schedule":"s","cron":"0 0 3 * * 1 *","images":{}}""", "images")]
    [InlineData("""{"schedule":"s","cron":"0 0 3 * * 1 *","images":{"tags":{}}}""", "images.tags")]
    [InlineData("""{"schedule":"s","cron":"0 0 3 * * 1 *","images":{"tags":{"backup":""}}}""", "images.tags.backup")]
    [InlineData("""{"schedule":"s","cron":"0 0 3 * * 1 *","images":{"ids":[]}}""", "images.ids")]
    [InlineData("""{"schedule":"s","cron":"0 0 3 * * 1 *","images":{"ids":["img-golden01","img-golden01"]}}""", "images.ids[1]")]
    [InlineData("""{"schedule":"s","cron":"0 0 3 * * 1 *","images":{"ids":["img-golden01"]},"retention":[]}""", "retention")]
    [InlineData("""{"schedule":"s s","cron":"0 0 3 * * 1 *","images":{"ids":["img-golden01"]}}""", "schedule")]
    [InlineData("""[1]""", "Message")]
    [InlineData("", "Message")]
    public void AMalformedScheduleNamesTheFieldAtFault(string message, string field)
    {
        var (schedule, _, errors) = ScheduleParser.Parse(message, Settings);

        Assert.Null(schedule);
        Assert.Contains(errors, e => e.Field == field);
    }

    [Fact]
    public void AScheduleNamingMoreTagsThanDescribeImagesTakesFiltersIsRefused()
    {
        var tags = string.Join(",", Enumerable.Range(1, 11).Select(i => $"\"k{i}\":\"v\""));

        var (schedule, _, errors) = ScheduleParser.Parse("""{"schedule":"s","cron":"0 0 3 * * 1 *","images":{"tags":{""" + tags + "}}}", Settings);

        Assert.Null(schedule);
        Assert.Contains(errors, e => e.Field == "images.tags" && e.Message.Contains("at most 10", StringComparison.Ordinal));
    }
}
