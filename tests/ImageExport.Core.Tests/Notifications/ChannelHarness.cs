using ImageExport.Core.Notifications;
using ImageExport.TencentCloud.Ses;
using Microsoft.Extensions.Time.Testing;
using Serilog;
using ImageExport.Core.Notifications.Channels;
using ImageExport.Core.Notifications.Content;
using ImageExport.Core.Notifications.Settings;

namespace ImageExport.Core.Tests.Notifications;

/// <summary>The channels as the workflow gets them, wired to recording fakes.</summary>
internal sealed class ChannelHarness
{
    /// <summary>What a WeCom or DingTalk robot answers a message it accepted (the default answer).</summary>
    public const string RobotOk = """{"errcode":0,"errmsg":"ok"}""";

    public ChannelHarness(NotificationSettings settings, Func<RecordedRequest, HttpResponseMessage>? answer = null, ISesApi? ses = null)
    {
        Http = new RecordingHandler((request, _) => answer?.Invoke(request) ?? RecordingHandler.Json(RobotOk));
        Ses = ses ?? new RecordingSesApi();
        Logger = new LoggerConfiguration().MinimumLevel.Verbose().WriteTo.Sink(Logs).CreateLogger();
        Channels = NotificationChannels.Create(settings, new HttpClient(Http), Ses, Time, Logger);
    }

    public FakeTimeProvider Time { get; } = new(SomeNotification.Now);
    public RecordingHandler Http { get; }

    /// <summary>The one request the channels sent (fails unless there was exactly one).</summary>
    public RecordedRequest SingleRequest => Assert.Single(Http.Requests);
    public ISesApi Ses { get; }
    public CollectingSink Logs { get; } = new();
    public ILogger Logger { get; }
    public IReadOnlyList<INotificationChannel> Channels { get; }

    public INotificationChannel Channel(string name) => Assert.Single(Channels, channel => channel.Name == name);

    public static NotificationSettings Settings(params (string Name, string Value)[] variables)
    {
        var map = variables.ToDictionary(v => v.Name, v => v.Value);
        return NotificationSettings.FromEnvironment(name => map.GetValueOrDefault(name));
    }
}
