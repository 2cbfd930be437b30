using System.Text;
using ImageExport.Scf.Events;
using ImageExport.Scf.Tests.Support;

namespace ImageExport.Scf.Tests.Events;

public sealed class TimerAndCosEventTests
{
    [Fact]
    public void TencentsTimerSampleParsesWithItsFireTimeInUtc()
    {
        var timer = TimerEvent.Parse(Fixtures.Event("timer.json"));

        Assert.Equal("Timer", timer.Type);
        Assert.Equal("EveryDay", timer.TriggerName);
        Assert.Equal("user define msg body", timer.Message);
        Assert.Equal(new DateTimeOffset(2019, 2, 21, 11, 49, 0, TimeSpan.Zero), timer.GetTime());
    }

    [Fact]
    public void ATimerWithoutAReadableTimeHasNone()
    {
        Assert.Null(TimerEvent.Parse("""{"Type":"Timer","Time":"soon"}"""u8).GetTime());
    }

    [Fact]
    public void TencentsCosSampleParsesIntoTheObjectKeyAndFullBucketName()
    {
        var cos = CosEvent.Parse(Fixtures.Event("cos-object-created.json"));

        var record = Assert.Single(cos.Records!);
        Assert.Equal("testfile", record.GetObjectKey());
        Assert.Equal("testpic-1253970026", record.GetBucketName());
        Assert.Equal(1029, record.Cos?.CosObject?.Size);
        Assert.Equal("cd", record.Cos?.CosBucket?.Region);
        Assert.Equal(1545205770, record.Event?.EventTime);
        Assert.True(record.IsObjectCreated());
    }

    [Fact]
    public void ObjectKeysKeepTheirFoldersAndAConcreteCreateOperationCounts()
    {
        var cos = CosEvent.Parse(Encoding.UTF8.GetBytes("""
            {"Records":[
              {"cos":{"cosObject":{"key":"/1250000000/exports/images/2025/img-1_system_snap-1.raw","size":"21474836480"},
                      "cosBucket":{"name":"exports","appid":"1250000000"}},
               "event":{"eventName":"cos:ObjectCreated:CompleteMultipartUpload","reqid":"7"}},
              {"cos":{"cosObject":{"key":"/1250000000/exports/gone.raw"},"cosBucket":{"name":"exports-1250000000","appid":"1250000000"}},
               "event":{"eventName":"cos:ObjectRemove:Delete"}}
            ]}
            """));

        var created = cos.Records![0];
        Assert.Equal("images/2025/img-1_system_snap-1.raw", created.GetObjectKey());
        Assert.Equal(21_474_836_480, created.Cos?.CosObject?.Size);
        Assert.True(created.IsObjectCreated());
        var removed = cos.Records[1];
        Assert.False(removed.IsObjectCreated());
        Assert.Equal("exports-1250000000", removed.GetBucketName());
    }

    [Theory]
    [InlineData("""{"cos":{"cosObject":{}}}""")]
    [InlineData("""{"cos":{"cosObject":{"key":"/1250000000/bucket"}}}""")]
    [InlineData("""{"cos":{"cosObject":{"key":"/1250000000/bucket/"}}}""")]
    public void ARecordWithoutAnObjectKeyHasNone(string record)
    {
        var cos = CosEvent.Parse(Encoding.UTF8.GetBytes($$"""{"Records":[{{record}}]}"""));

        Assert.Null(cos.Records![0].GetObjectKey());
        Assert.Null(cos.Records[0].GetBucketName());
    }

    [Theory]
    [InlineData("exports/nightly%20web_img-1_system_snap-1.raw", "exports/nightly web_img-1_system_snap-1.raw")]
    [InlineData("%E8%85%BE%E8%AE%AF/img-1_system_snap-1.raw", "腾讯/img-1_system_snap-1.raw")]
    [InlineData("a%2520b.raw", "a%20b.raw")]
    [InlineData("plain/key.raw", "plain/key.raw")]
    [InlineData("腾讯 云.raw", "腾讯 云.raw")]
    public void AnEncodedObjectKeyIsDecodedOnceNotTwice(string keyInEvent, string objectKey)
    {
        var key = "/1250000000/exports/" + keyInEvent;
        var cos = CosEvent.Parse(Encoding.UTF8.GetBytes($$"""{"Records":[{"cos":{"cosObject":{"key":"{{key}}"},"cosBucket":{"name":"exports","appid":"1250000000"} } }]}"""));

        Assert.Equal(objectKey, cos.Records![0].GetObjectKey());
    }

    [Fact]
    public void ABucketNameWithoutItsAppIdNamesNoBucket()
    {
        var cos = CosEvent.Parse("""{"Records":[{"cos":{"cosObject":{"key":"/1250000000/exports/a.raw"},"cosBucket":{"name":"exports"}}}]}"""u8);

        Assert.Null(cos.Records![0].GetBucketName());
        Assert.Equal("a.raw", cos.Records[0].GetObjectKey());
    }
}
