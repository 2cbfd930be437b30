using System.Text;
using System.Text.Json;
using ImageExport.TencentCloud.Signing;
using ImageExport.TencentCloud.Tests.Support;

namespace ImageExport.TencentCloud.Tests.Signing;

public sealed class Tc3SignerTests
{
    private const string File = "signatures/tc3-hmac-sha256.json";

    public static IEnumerable<object[]> Vectors => Fixture.Vectors(File);

    [Theory]
    [MemberData(nameof(Vectors))]
    public void EveryPublishedIntermediateValueIsReproduced(string name)
    {
        var vector = Fixture.Vector(File, name);
        var expected = vector.GetProperty("expected");

        var signature = Tc3Signer.Sign(InputFor(vector));

        Assert.Equal(expected.GetProperty("hashedPayload").GetString(), signature.HashedPayload);
        Assert.Equal(expected.GetProperty("hashedCanonicalRequest").GetString(), signature.HashedCanonicalRequest);
        Assert.Equal(expected.GetProperty("credentialScope").GetString(), signature.CredentialScope);
        Assert.Equal(vector.GetProperty("signedHeaders").GetString(), signature.SignedHeaders);
        Assert.Equal(expected.GetProperty("signature").GetString(), signature.Signature);
        Assert.Equal(expected.GetProperty("authorization").GetString(), signature.Authorization);
        // The earlier document printed no derived keys; check each one the fixture has.
        AssertIfPublished(expected, "secretDate", signature.SecretDateHex);
        AssertIfPublished(expected, "secretService", signature.SecretServiceHex);
        AssertIfPublished(expected, "secretSigning", signature.SecretSigningHex);
        Assert.Equal(
            $"TC3-HMAC-SHA256\n{vector.GetProperty("timestamp").GetInt64()}\n{signature.CredentialScope}\n{signature.HashedCanonicalRequest}",
            signature.StringToSign);
    }

    [Fact]
    public void TheCanonicalRequestIsTheDocumentedLayout()
    {
        var vector = Fixture.Vector(File, "current-doc-signs-x-tc-action");

        var signature = Tc3Signer.Sign(InputFor(vector));

        Assert.Equal(
            "POST\n/\n\ncontent-type:application/json; charset=utf-8\nhost:cvm.tencentcloudapi.com\nx-tc-action:describeinstances\n\n" +
            "content-type;host;x-tc-action\n" + vector.GetProperty("expected").GetProperty("hashedPayload").GetString(),
            signature.CanonicalRequest);
    }

    [Fact]
    public void HeadersAreSignedInNameOrderWhateverOrderTheyAreGivenIn()
    {
        var vector = Fixture.Vector(File, "current-doc-signs-x-tc-action");
        var input = InputFor(vector);

        var reversed = Tc3Signer.Sign(input with { SignedHeaders = input.SignedHeaders.Reverse().ToList() });

        Assert.Equal(vector.GetProperty("expected").GetProperty("signature").GetString(), reversed.Signature);
    }

    [Theory]
    [MemberData(nameof(Vectors))]
    public void TheAuthorizationHeaderParsesBackIntoItsParts(string name)
    {
        var vector = Fixture.Vector(File, name);

        Assert.True(Tc3AuthorizationParser.TryParse(vector.GetProperty("expected").GetProperty("authorization").GetString(), out var parsed));

        Assert.Equal(vector.GetProperty("secretId").GetString(), parsed.SecretId);
        Assert.Equal("2019-02-25", parsed.Date);
        Assert.Equal(vector.GetProperty("service").GetString(), parsed.Service);
        Assert.Equal(vector.GetProperty("signedHeaders").GetString()!.Split(';'), parsed.SignedHeaders);
        Assert.Equal(vector.GetProperty("expected").GetProperty("signature").GetString(), parsed.Signature);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("Bearer abc")]
    [InlineData("TC3-HMAC-SHA256 Credential=AKID/2019-02-25/cvm/tc3_request, SignedHeaders=content-type;host")]
    [InlineData("TC3-HMAC-SHA256 Credential=AKID/2019-02-25/cvm, SignedHeaders=content-type;host, Signature=ab")]
    public void AMalformedAuthorizationHeaderIsRejected(string? header)
    {
        Assert.False(Tc3AuthorizationParser.TryParse(header, out _));
    }

    internal static Tc3SigningInput InputFor(JsonElement vector)
    {
        var valueOf = new Dictionary<string, string>
        {
            ["content-type"] = vector.GetProperty("contentType").GetString()!,
            ["host"] = vector.GetProperty("host").GetString()!,
            ["x-tc-action"] = vector.GetProperty("action").GetString()!,
        };
        return new Tc3SigningInput
        {
            SecretId = vector.GetProperty("secretId").GetString()!,
            SecretKey = vector.GetProperty("secretKey").GetString()!,
            Service = vector.GetProperty("service").GetString()!,
            Timestamp = vector.GetProperty("timestamp").GetInt64(),
            SignedHeaders = vector.GetProperty("signedHeaders").GetString()!.Split(';').Select(n => KeyValuePair.Create(n, valueOf[n])).ToList(),
            Payload = Encoding.UTF8.GetBytes(vector.GetProperty("payload").GetString()!),
        };
    }

    private static void AssertIfPublished(JsonElement expected, string property, string actual)
    {
        if (expected.Optional(property) is { } published)
        {
            Assert.Equal(published, actual);
        }
    }
}
