using ImageExport.Local.Stack.Serverless;

namespace ImageExport.Local.Tests.Stack;

/// <summary>How the reader treats the multi-scf shape: substitution, defaults, enable, and the errors it names.</summary>
public sealed class ServerlessYamlReaderTests
{
    private const string Minimal = """
        component: multi-scf
        inputs:
          region: ${env:REGION}
          memorySize: 256
          timeout: 20
          environments:
            - key: BUCKET
              value: ${env:BUCKET}
            - key: HOST
              value: ${env:BUCKET}.cos.${env:REGION}.myqcloud.com
            - key: MISSING
              value: ${env:NOT_GIVEN}
            - key: SHARED
              value: from-inputs
          functions:
            one:
              handler: exports.start
              timeout: 5
              environments:
                - key: SHARED
                  value: from-function
            two:
              handler: exports.poll
          triggers:
            - type: timer
              function: two
              parameters:
                name: off-by-default
                cronExpression: '0 * * * * * *'
            - type: cos
              function: one
              parameters:
                bucket: b-1.cos.ap-guangzhou.myqcloud.com
                filter:
                  prefix: in/
                  suffix: .raw
                events: 'cos:ObjectCreated:*'
                enable: true
        """;

    private static ServerlessDefinition Read(string yaml, out EnvReferences env)
    {
        env = new EnvReferences(new Dictionary<string, string> { ["REGION"] = "ap-guangzhou", ["BUCKET"] = "b-1" });
        return ServerlessYaml.Read(yaml, env);
    }

    [Fact]
    public void EnvReferencesAreSubstitutedAndAnUnknownOneBecomesEmpty()
    {
        var definition = Read(Minimal, out var env);

        var environment = definition.Environment.ToDictionary(p => p.Key, p => p.Value);
        Assert.Equal("b-1", environment["BUCKET"]);
        Assert.Equal("b-1.cos.ap-guangzhou.myqcloud.com", environment["HOST"]);
        Assert.Equal("", environment["MISSING"]);
        Assert.Equal(["NOT_GIVEN"], env.Unresolved);
        Assert.Equal("ap-guangzhou", definition.Region);
    }

    [Fact]
    public void AFunctionTakesTheInputsDefaultsUnlessItSaysOtherwise()
    {
        var definition = Read(Minimal, out _);

        var one = definition.Function("one");
        var two = definition.Function("two");
        Assert.Equal((256, TimeSpan.FromSeconds(5)), (one.MemorySizeMb, one.Timeout));
        Assert.Equal((256, TimeSpan.FromSeconds(20), TimeSpan.FromSeconds(3)), (two.MemorySizeMb, two.Timeout, two.InitTimeout));
        Assert.Equal("from-function", one.Environment.Single(p => p.Key == "SHARED").Value);
        Assert.Equal("from-inputs", two.Environment.Single(p => p.Key == "SHARED").Value);
    }

    [Fact]
    public void ATriggerWithoutEnableTrueIsReadAsDisabled()
    {
        var definition = Read(Minimal, out _);

        Assert.False(Assert.Single(definition.TimerTriggers).Enabled);
        Assert.True(Assert.Single(definition.CosTriggers).Enabled);
    }

    [Theory]
    [InlineData("cos:ObjectCreated:*", "cos:ObjectCreated:Put", "in/disk.raw", true)]
    [InlineData("cos:ObjectCreated:*", "cos:ObjectCreated:CompleteMultipartUpload", "in/disk.raw", true)]
    [InlineData("cos:ObjectCreated:Put", "cos:ObjectCreated:CompleteMultipartUpload", "in/disk.raw", false)]
    [InlineData("cos:ObjectCreated:*", "cos:ObjectRemove:Delete", "in/disk.raw", false)]
    [InlineData("cos:ObjectCreated:*", "cos:ObjectCreated:Put", "out/disk.raw", false)]
    [InlineData("cos:ObjectCreated:*", "cos:ObjectCreated:Put", "in/disk.qcow2", false)]
    public void ACosTriggerFiresOnItsEventPatternPrefixAndSuffix(string pattern, string eventName, string key, bool fires)
    {
        var trigger = new CosTriggerSpec("t", "notify", "b-1.cos.ap-guangzhou.myqcloud.com", pattern, "in/", ".raw", Enabled: true);

        Assert.Equal(fires, trigger.Matches(eventName, key));
    }

    [Theory]
    [InlineData("inputs:\n  functions:\n    one: {}\n", "inputs.functions.one.handler")]
    [InlineData("inputs:\n  timeout: soon\n  functions:\n    one:\n      handler: exports.start\n", "inputs.timeout")]
    [InlineData("inputs:\n  functions:\n    one:\n      handler: exports.start\n  triggers:\n    - type: timer\n      function: two\n", "inputs.triggers[0].function")]
    [InlineData("inputs:\n  functions:\n    one:\n      handler: exports.start\n  triggers:\n    - type: cos\n      function: one\n      parameters:\n        events: 'cos:ObjectCreated:*'\n", "inputs.triggers[0].parameters.bucket")]
    [InlineData("inputs:\n  environments: {A: b}\n  functions:\n    one:\n      handler: exports.start\n", "inputs.environments")]
    public void AMalformedFileIsRefusedNamingTheField(string yaml, string field)
    {
        var error = Assert.Throws<FormatException>(() => Read(yaml, out _));

        Assert.Contains(field, error.Message, StringComparison.Ordinal);
    }
}
