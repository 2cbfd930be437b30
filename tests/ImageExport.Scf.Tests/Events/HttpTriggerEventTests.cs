using System.Text;
using System.Text.Json;
using ImageExport.Scf.Events;
using ImageExport.Scf.Tests.Support;

namespace ImageExport.Scf.Tests.Events;

public sealed class HttpTriggerEventTests
{
    [Fact]
    public void TencentsFunctionUrlSampleParsesWithoutARequestContext()
    {
        var request = HttpTriggerEvent.Parse(Fixtures.Event("function-url-request.json"));

        Assert.Null(request.RequestContext);
        Assert.Equal("POST", request.GetMethod());
        Assert.Equal("/", request.GetPath());
        Assert.Equal("*/*", request.GetHeader("Accept"));
        Assert.Equal("111.206.96.145", request.GetHeader("X-Scf-Remote-Addr"));
        Assert.Equal("1", request.GetQuery("a"));
        Assert.Equal("2", request.GetQuery("b"));
        Assert.Equal("""{"test":"hello world"}""", request.GetBodyText());
    }

    [Fact]
    public void TencentsApiGatewaySampleParsesWithItsRequestContextAndCapitalisedHeaders()
    {
        var request = HttpTriggerEvent.Parse(Fixtures.Event("apigw-request.json"));

        Assert.Equal("c6af9ac6-7b61-11e6-9a41-93e8deadbeef", request.RequestContext?.RequestId);
        Assert.Equal("abdcdxxxxxxxsdfs", request.RequestContext?.Identity?.SecretId);
        Assert.Equal("/test/value", request.GetPath());
        Assert.Equal("User Agent String", request.GetHeader("user-agent"));
        Assert.Equal("bar", request.GetQuery("foo"));
        Assert.Equal("alice", request.GetQuery("bob"));
        Assert.Equal("""{"test":"body"}""", request.GetBodyText());
    }

    [Fact]
    public void QueryValuesMayBeStringsArraysOrBareFlags()
    {
        var request = Parse("""{"queryString":{"a":["b","c"],"x":"y","i":true,"n":5}}""");

        Assert.Equal("b", request.GetQuery("a"));
        Assert.Equal(new[] { "b", "c" }, request.GetQueryValues("a"));
        Assert.Equal("y", request.GetQuery("x"));
        Assert.Equal("", request.GetQuery("i"));
        Assert.Equal("5", request.GetQuery("n"));
        Assert.Null(request.GetQuery("missing"));
        Assert.Empty(request.GetQueryValues("missing"));
    }

    [Fact]
    public void TheApiGatewaysFlatQueryMapIsTheFallback()
    {
        var request = Parse("""{"queryString":{"state":"completed"},"queryStringParameters":{"state":"ignored","limit":"10"}}""");

        Assert.Equal("completed", request.GetQuery("state"));
        Assert.Equal("10", request.GetQuery("limit"));
    }

    [Fact]
    public void HeadersAreFoundInAnyCaseAndRepeatedValuesAreJoined()
    {
        var request = Parse("""{"headers":{"authorization":"Bearer t","Idempotency-Key":"k1","x-forwarded-for":["1.1.1.1","2.2.2.2"]}}""");

        Assert.Equal("Bearer t", request.GetHeader("Authorization"));
        Assert.Equal("k1", request.GetHeader("idempotency-key"));
        Assert.Equal("1.1.1.1, 2.2.2.2", request.GetHeader("X-Forwarded-For"));
        Assert.Equal(new[] { "1.1.1.1", "2.2.2.2" }, request.GetHeaderValues("x-forwarded-for"));
        Assert.Null(request.GetHeader("Content-Type"));
    }

    [Fact]
    public void ABase64BodyIsDecoded()
    {
        var encoded = Convert.ToBase64String(Encoding.UTF8.GetBytes("""{"imageIds":["img-1"],"note":"é"}"""));
        var request = Parse($$"""{"body":"{{encoded}}","isBase64Encoded":true}""");

        Assert.Equal("""{"imageIds":["img-1"],"note":"é"}""", request.GetBodyText());
        Assert.Equal(Encoding.UTF8.GetBytes("""{"imageIds":["img-1"],"note":"é"}"""), request.GetBodyBytes());
    }

    [Fact]
    public void ABodyMarkedBase64ThatIsNotIsAFormatError()
    {
        var request = Parse("""{"body":"{not base64}","isBase64Encoded":true}""");

        var error = Assert.Throws<FormatException>(() => request.GetBodyText());
        Assert.Contains("isBase64Encoded", error.Message);
    }

    [Fact]
    public void AnEventWithoutBodyMethodOrPathReadsAsAnEmptyGetOfTheRoot()
    {
        var request = Parse("{}");

        Assert.Equal("GET", request.GetMethod());
        Assert.Equal("/", request.GetPath());
        Assert.Equal("", request.GetBodyText());
        Assert.Empty(request.GetBodyBytes());
    }

    [Fact]
    public void FieldsTencentMayAddLaterAreIgnored()
    {
        var request = Parse("""
            {"httpMethod":"get","path":"/exports","newTopLevel":{"deep":[1,2,{"x":null}]},
             "requestContext":{"requestId":"r1","newField":42,"identity":{}},"headerParameters":{"Refer":"x"},"stageVariables":{}}
            """);

        Assert.Equal("GET", request.GetMethod());
        Assert.Equal("/exports", request.GetPath());
        Assert.Equal("r1", request.RequestContext?.RequestId);
    }

    [Theory]
    [InlineData("null")]
    [InlineData("")]
    [InlineData("[1,2]")]
    [InlineData("{\"path\": ")]
    public void APayloadThatIsNotAnEventObjectIsAJsonError(string payload)
    {
        Assert.ThrowsAny<JsonException>(() => HttpTriggerEvent.Parse(Encoding.UTF8.GetBytes(payload)));
    }

    [Fact]
    public void TheIntegratedResponseIsWrittenInTheShapeTheTriggerExpects()
    {
        var response = new HttpTriggerResponse { StatusCode = 202, Body = """{"jobId":"j1"}""" };
        response.Headers["Content-Type"] = "application/json";

        using var json = JsonDocument.Parse(response.ToUtf8Json());

        Assert.Equal(202, json.RootElement.GetProperty("statusCode").GetInt32());
        Assert.False(json.RootElement.GetProperty("isBase64Encoded").GetBoolean());
        Assert.Equal("application/json", json.RootElement.GetProperty("headers").GetProperty("Content-Type").GetString());
        Assert.Equal("""{"jobId":"j1"}""", json.RootElement.GetProperty("body").GetString());
    }

    private static HttpTriggerEvent Parse(string json) => HttpTriggerEvent.Parse(Encoding.UTF8.GetBytes(json));
}
