using ImageExport.Core.Tests.Support;

namespace ImageExport.Core.Tests.Start;

public sealed class RoutingTests
{
    [Theory]
    [InlineData("FunctionUrl")]
    [InlineData("ApiGateway")]
    public async Task BothTheFunctionUrlAndTheApiGatewayEventAreServed(string eventShape)
    {
        var shape = Enum.Parse<TestApp.Shape>(eventShape);
        var app = new TestApp();
        app.Cvm.Catalog.Add(Some.LinuxImage());

        var started = await app.PostExportsAsync(TestApp.ExportBody("img-linux001"), shape: shape);
        var read = await app.SendAsync("GET", $"/exports/{started.JobId}", shape: shape);

        Assert.Equal(202, started.Status);
        Assert.Equal(200, read.Status);
        Assert.Equal(started.JobId, read.JobId);
        // The integrated-response shape both triggers expect.
        Assert.False(read.Raw["isBase64Encoded"]!.GetValue<bool>());
        Assert.StartsWith("application/json", read.Headers["Content-Type"]);
    }

    [Fact]
    public async Task ABase64EncodedBodyIsDecoded()
    {
        var app = new TestApp();
        app.Cvm.Catalog.Add(Some.LinuxImage());
        var body = Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(TestApp.ExportBody("img-linux001")));

        var result = await app.SendRawAsync(body, base64: true);

        Assert.Equal(202, result.Status);
    }

    [Fact]
    public async Task AnUnknownRouteIsNotFoundWithTheErrorEnvelope()
    {
        var app = new TestApp();

        var result = await app.SendAsync("GET", "/nothing/here");

        Assert.Equal(404, result.Status);
        Assert.Equal("NotFound", result.ErrorCode);
        Assert.NotNull(result.Body!["error"]!["message"]);
    }

    [Theory]
    [InlineData("DELETE", "/exports", "GET, POST")]
    [InlineData("POST", "/healthz", "GET")]
    [InlineData("PUT", "/exports/exp-20261126t100000-00000000", "GET")]
    [InlineData("POST", "/images", "GET")]
    public async Task AWrongMethodIsNotAllowedAndSaysWhichAre(string method, string path, string allow)
    {
        var app = new TestApp();

        var result = await app.SendAsync(method, path);

        Assert.Equal(405, result.Status);
        Assert.Equal("MethodNotAllowed", result.ErrorCode);
        Assert.Equal(allow, result.Headers["Allow"]);
    }

    [Theory]
    [InlineData("exp-20261126t100000-00000000")]
    [InlineData("..%2F..%2Fidempotency")]
    [InlineData("not-a-job")]
    public async Task AnUnknownOrMalformedJobIsNotFound(string jobId)
    {
        var app = new TestApp();

        var result = await app.SendAsync("GET", $"/exports/{jobId}");

        Assert.Equal(404, result.Status);
        Assert.Equal("NotFound", result.ErrorCode);
    }

    [Fact]
    public async Task HealthAnswersWithoutAuthentication()
    {
        var app = new TestApp();

        var result = await app.SendAsync("GET", "/healthz", token: null);

        Assert.Equal(200, result.Status);
        Assert.Equal("ok", result.Body!["status"]!.GetValue<string>());
    }

    [Fact]
    public async Task TheRoutesAlsoAnswerUnderAConfiguredBasePath()
    {
        var app = new TestApp(env => env["IMAGEEXPORT_HTTP_BASE_PATH"] = "/image-export");

        var result = await app.SendAsync("GET", "/image-export/healthz", shape: TestApp.Shape.ApiGateway);

        Assert.Equal(200, result.Status);
    }

    [Fact]
    public async Task ImagesListsTheRegionsCustomImagesWithTheirVerdicts()
    {
        var app = new TestApp();
        app.Cvm.Catalog.Add(Some.LinuxImage("img-linux001"));
        app.Cvm.Catalog.Add(Some.WindowsImage("img-windows1"));
        app.Cvm.Catalog.Add(Some.PublicImage("img-public01"));

        var result = await app.SendAsync("GET", "/images");

        Assert.Equal(200, result.Status);
        var images = result.Body!["images"]!.AsArray();
        Assert.Equal(["img-linux001", "img-windows1"], images.Select(i => i!["imageId"]!.GetValue<string>()));
        Assert.True(images[0]!["exportable"]!.GetValue<bool>());
        Assert.False(images[1]!["exportable"]!.GetValue<bool>());
        Assert.Equal("image.windows", images[1]!["problems"]![0]!["code"]!.GetValue<string>());
    }

    [Fact]
    public async Task AFailingCloudApiBecomesABadGatewayWithTheErrorEnvelope()
    {
        var app = new TestApp();
        app.Cvm.DescribeFailsWith = "InternalError";

        var result = await app.SendAsync("GET", "/images");

        Assert.Equal(502, result.Status);
        Assert.Equal("UpstreamError", result.ErrorCode);
    }
}
