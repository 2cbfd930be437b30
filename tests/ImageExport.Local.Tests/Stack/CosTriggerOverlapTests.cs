using ImageExport.Local.Stack.Serverless;
using ImageExport.Local.Stack.Triggers;

namespace ImageExport.Local.Tests.Stack;

/// <summary>
/// Tencent refuses COS trigger rules on one bucket whose prefixes, suffixes or prefix-suffix combinations overlap for
/// the same event type; the local stack refuses them when it reads serverless.yml, so such a layout fails here first.
/// </summary>
public sealed class CosTriggerOverlapTests
{
    private static string Yaml(params (string Name, string Bucket, string Events, string? Prefix, string? Suffix)[] triggers)
    {
        var text = """
            component: multi-scf
            inputs:
              functions:
                notify:
                  handler: exports.notify
              triggers:

            """;
        foreach (var (name, bucket, events, prefix, suffix) in triggers)
        {
            text += $"""
                    - type: cos
                      function: notify
                      parameters:
                        name: {name}
                        bucket: {bucket}.cos.ap-guangzhou.myqcloud.com
                        events: '{events}'
                        enable: true

                """;
            if (prefix is not null || suffix is not null)
            {
                text += $"""
                            filter:
                              prefix: '{prefix ?? ""}'
                              suffix: '{suffix ?? ""}'

                    """;
            }
        }

        return text;
    }

    private static ServerlessDefinition Read(string yaml) => ServerlessYaml.Read(yaml, new EnvReferences(new Dictionary<string, string>()));

    [Fact]
    public void ThePreviousPerFormatLayoutIsRefusedBecauseItsRulesShareTheEmptyPrefix()
    {
        var yaml = Yaml(
            ("exported-raw", "images-1250000000", "cos:ObjectCreated:*", "", ".raw"),
            ("exported-qcow2", "images-1250000000", "cos:ObjectCreated:*", "", ".qcow2"),
            ("exported-vhd", "images-1250000000", "cos:ObjectCreated:*", "", ".vhd"),
            ("exported-vmdk", "images-1250000000", "cos:ObjectCreated:*", "", ".vmdk"));

        var error = Assert.Throws<FormatException>(() => Read(yaml));

        Assert.Contains("'exported-raw' and 'exported-qcow2'", error.Message, StringComparison.Ordinal);
        Assert.Contains("images-1250000000.cos.ap-guangzhou.myqcloud.com", error.Message, StringComparison.Ordinal);
        Assert.Contains("empty prefix", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("in/", ".raw", "in/sub/", ".qcow2", "prefixes")]
    [InlineData("a/", ".raw", "b/", "disk.raw", "suffixes")]
    [InlineData(null, null, "b/", ".qcow2", "prefix")]
    public void OverlappingPrefixesOrSuffixesOnOneBucketAreRefused(string? prefixA, string? suffixA, string? prefixB, string? suffixB, string reason)
    {
        var yaml = Yaml(
            ("first", "images-1250000000", "cos:ObjectCreated:*", prefixA, suffixA),
            ("second", "images-1250000000", "cos:ObjectCreated:Put", prefixB, suffixB));

        var error = Assert.Throws<FormatException>(() => Read(yaml));

        Assert.Contains(reason, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void OneTriggerPerBucketOrPerEventTypeOrDisjointRulesAreAccepted()
    {
        var yaml = Yaml(
            ("exports", "images-1250000000", "cos:ObjectCreated:*", null, null),
            ("other-bucket", "archive-1250000000", "cos:ObjectCreated:*", null, null),
            ("removals", "images-1250000000", "cos:ObjectRemove:*", null, null),
            ("puts-a", "logs-1250000000", "cos:ObjectCreated:Put", "a/", ".raw"),
            ("puts-b", "logs-1250000000", "cos:ObjectCreated:Put", "b/", ".qcow2"),
            ("multipart-a", "logs-1250000000", "cos:ObjectCreated:CompleteMultipartUpload", "a/", ".raw"));

        Assert.Equal(6, Read(yaml).CosTriggers.Count);
    }
}
