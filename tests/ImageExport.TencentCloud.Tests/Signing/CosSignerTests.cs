using System.Text.Json;
using ImageExport.TencentCloud.Signing;
using ImageExport.TencentCloud.Tests.Support;

namespace ImageExport.TencentCloud.Tests.Signing;

public sealed class CosSignerTests
{
    private const string File = "signatures/cos-q-sign.json";

    public static IEnumerable<object[]> Vectors => Fixture.Vectors(File);

    [Theory]
    [MemberData(nameof(Vectors))]
    public void EveryPublishedIntermediateValueIsReproduced(string name)
    {
        var vector = Fixture.Vector(File, name);
        var expected = vector.GetProperty("expected");

        var signature = CosSigner.Sign(InputFor(vector));

        Assert.Equal(expected.GetProperty("signKey").GetString(), signature.SignKey);
        Assert.Equal(expected.GetProperty("headerList").GetString(), signature.HeaderList);
        Assert.Equal(expected.GetProperty("urlParamList").GetString(), signature.UrlParamList);
        Assert.Equal(expected.GetProperty("stringToSign").GetString(), signature.StringToSign);
        Assert.Equal(expected.GetProperty("signature").GetString(), signature.Signature);
        var keyTime = vector.GetProperty("keyTime").GetString();
        Assert.Equal(
            expected.Optional("authorization") ??
                $"q-sign-algorithm=sha1&q-ak={vector.GetProperty("secretId").GetString()}&q-sign-time={keyTime}&q-key-time={keyTime}" +
                $"&q-header-list={signature.HeaderList}&q-url-param-list={signature.UrlParamList}&q-signature={signature.Signature}",
            signature.Authorization);
    }

    [Fact]
    public void ThePathIsSignedDecodedSoTheEncodedFormDoesNotReproduceTheVector()
    {
        var vector = Fixture.Vector(File, "put-object");
        var input = InputFor(vector);

        var encoded = CosSigner.Sign(input with { Path = vector.GetProperty("pathEncoded").GetString()! });

        Assert.NotEqual(vector.GetProperty("expected").GetProperty("signature").GetString(), encoded.Signature);
    }

    [Fact]
    public void TheMethodIsSignedInLowerCaseWhateverCaseItIsGivenIn()
    {
        var vector = Fixture.Vector(File, "put-object");

        var signature = CosSigner.Sign(InputFor(vector) with { HttpMethod = "put" });

        Assert.Equal(vector.GetProperty("expected").GetProperty("signature").GetString(), signature.Signature);
    }

    [Theory]
    [MemberData(nameof(Vectors))]
    public void TheAuthorizationParsesBackIntoItsParts(string name)
    {
        var vector = Fixture.Vector(File, name);
        var signature = CosSigner.Sign(InputFor(vector));

        Assert.True(CosAuthorizationParser.TryParse(signature.Authorization, out var parsed));

        Assert.Equal("sha1", parsed.Algorithm);
        Assert.Equal(vector.GetProperty("secretId").GetString(), parsed.SecretId);
        Assert.Equal(vector.GetProperty("keyTime").GetString(), parsed.SignTime);
        Assert.Equal(vector.GetProperty("keyTime").GetString(), parsed.KeyTime);
        Assert.Equal(signature.HeaderList.Split(';', StringSplitOptions.RemoveEmptyEntries), parsed.HeaderList);
        Assert.Equal(signature.UrlParamList.Split(';', StringSplitOptions.RemoveEmptyEntries), parsed.UrlParamList);
        Assert.Equal(signature.Signature, parsed.Signature);
    }

    [Fact]
    public void PresignedQueryPairsParseFromTheirDecodedForm()
    {
        var query = new Dictionary<string, string>
        {
            ["response-content-type"] = "application/octet-stream",
            ["q-sign-algorithm"] = "sha1",
            ["q-ak"] = "AKIDexample",
            ["q-sign-time"] = "1;2",
            ["q-key-time"] = "1;2",
            ["q-header-list"] = "host",
            ["q-url-param-list"] = "",
            ["q-signature"] = "abc",
            ["x-cos-security-token"] = "token",
        };

        Assert.True(CosAuthorizationParser.TryParseQuery(query, out var parsed));

        Assert.Equal(["host"], parsed.HeaderList);
        Assert.Empty(parsed.UrlParamList);
        Assert.Equal("1;2", parsed.KeyTime);
    }

    [Fact]
    public void AnAuthorizationWithoutSignatureIsRejected()
    {
        Assert.False(CosAuthorizationParser.TryParse("q-sign-algorithm=sha1&q-ak=AKID&q-sign-time=1;2&q-key-time=1;2&q-header-list=&q-url-param-list=", out _));
    }

    [Theory]
    [InlineData("abcXYZ019-_.~", "abcXYZ019-_.~")]
    [InlineData("a b", "a%20b")]
    [InlineData("!'()*", "%21%27%28%29%2A")]
    [InlineData("/?&=;:+,", "%2F%3F%26%3D%3B%3A%2B%2C")]
    [InlineData("腾", "%E8%85%BE")]
    public void UrlEncodeKeepsOnlyUnreservedCharactersAndUsesUpperCaseHex(string value, string encoded)
    {
        Assert.Equal(encoded, CosSigner.UrlEncode(value));
    }

    internal static CosSigningInput InputFor(JsonElement vector) => new()
    {
        SecretId = vector.GetProperty("secretId").GetString()!,
        SecretKey = vector.GetProperty("secretKey").GetString()!,
        HttpMethod = vector.GetProperty("method").GetString()!,
        Path = vector.GetProperty("pathDecoded").GetString()!,
        Query = Pairs(vector.GetProperty("query")),
        Headers = Pairs(vector.GetProperty("headers")),
        KeyTime = vector.GetProperty("keyTime").GetString()!,
    };

    private static List<KeyValuePair<string, string>> Pairs(JsonElement map) =>
        map.EnumerateObject().Select(p => KeyValuePair.Create(p.Name, p.Value.GetString()!)).ToList();
}
