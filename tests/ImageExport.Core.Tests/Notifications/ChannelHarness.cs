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
    public ChannelHarness(NotificationSettings settings, Func<HttpRequestMessage, HttpResponseMessage>? answer = null, ISesApi? ses = null)
    {
        Http = new RecordingHttpHandler(answer);
        Ses = ses ?? new RecordingSesApi();
        Logger = new LoggerConfiguration().MinimumLevel.Verbose().WriteTo.Sink(Logs).CreateLogger();
        Channels = NotificationChannels.Create(settings, new HttpClient(Http), Ses, Time, Logger);
    }

    public FakeTimeProvider Time { get; } = new(SomeNotification.Now);
    public RecordingHttpHandler Http { get; }
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
