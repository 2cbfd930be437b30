using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using ImageExport.Testing.Stack;

namespace ImageExport.Console.Tests.Support;

/// <summary>The HTTP API straight, for setting a scene the browser then looks at.</summary>
internal static class Api
{
    public static async Task<string> StartExportAsync(TestStack stack, string imageId)
    {
        using var http = Client(stack);
        var body = new JsonObject { ["imageIds"] = new JsonArray(imageId), ["format"] = "qcow2" }.ToJsonString();
        using var response = await http.PostAsync("exports", new StringContent(body, Encoding.UTF8, "application/json"));
        var text = await response.Content.ReadAsStringAsync();
        Assert.True((int)response.StatusCode == 202, $"POST /exports {imageId}: {(int)response.StatusCode} {text}");
        return (string)JsonNode.Parse(text)!["jobId"]!;
    }

    public static async Task<JsonObject> JobAsync(TestStack stack, string jobId)
    {
        using var http = Client(stack);
        return JsonNode.Parse(await http.GetStringAsync($"exports/{jobId}"))!.AsObject();
    }

    private static HttpClient Client(TestStack stack)
    {
        var http = new HttpClient { BaseAddress = new Uri(stack.ConsoleUrl), Timeout = TimeSpan.FromSeconds(30) };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", stack.Token);
        return http;
    }
}
