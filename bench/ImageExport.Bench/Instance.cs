using System.Diagnostics;

namespace ImageExport.Bench;

/// <summary>
/// One fresh function instance, started as SCF starts a custom runtime: the command in the package's directory, with
/// only the function's variables and SCF's own, pointed at its own runtime API.
/// </summary>
internal sealed class Instance : IAsyncDisposable
{
    private readonly Process _process;
    private readonly RuntimeApi _api;

    private Instance(Process process, RuntimeApi api, long spawnedAt)
    {
        _process = process;
        _api = api;
        SpawnedAt = spawnedAt;
    }

    public long SpawnedAt { get; }

    public int Pid => _process.Id;

    public static Instance Start(Runtime runtime, string handler, IReadOnlyDictionary<string, string> environment)
    {
        var api = new RuntimeApi();
        var info = new ProcessStartInfo(runtime.Command)
        {
            WorkingDirectory = runtime.Directory,
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in runtime.Arguments)
        {
            info.ArgumentList.Add(argument);
        }

        info.Environment.Clear();
        info.Environment["PATH"] = Environment.GetEnvironmentVariable("PATH") ?? "/usr/bin:/bin";
        info.Environment["HOME"] = Environment.GetEnvironmentVariable("HOME") ?? "/tmp";
        info.Environment["TZ"] = "UTC";
        foreach (var (name, value) in environment)
        {
            info.Environment[name] = value;
        }

        info.Environment["SCF_RUNTIME_API"] = "127.0.0.1";
        info.Environment["SCF_RUNTIME_API_PORT"] = api.Port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        info.Environment["_HANDLER"] = handler;
        info.Environment["SCF_FUNCTIONNAME"] = handler;
        info.Environment["SCF_FUNCTIONVERSION"] = "$LATEST";
        info.Environment["SCF_NAMESPACE"] = "default";
        info.Environment["TENCENTCLOUD_RUNENV"] = "SCF";
        info.Environment["USER_CODE_ROOT"] = runtime.Directory + "/";

        var spawnedAt = Stopwatch.GetTimestamp();
        var process = Process.Start(info) ?? throw new InvalidOperationException($"could not start {runtime.Command}");
        // Logs are drained (a full pipe would stall the instance) and dropped.
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, e) => { if (e.Data is { Length: > 0 } line && Verbose) { Console.Error.WriteLine($"[{handler}] {line}"); } };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return new Instance(process, api, spawnedAt);
    }

    public static bool Verbose { get; set; }

    public async Task<long> ReadyAsync(TimeSpan timeout)
    {
        var exited = _process.WaitForExitAsync();
        var first = await Task.WhenAny(_api.Ready, exited, Task.Delay(timeout));
        if (first != _api.Ready)
        {
            throw new InvalidOperationException($"instance {Pid} did not report ready ({(first == exited ? $"exited {_process.ExitCode}" : "timed out")})");
        }

        return await _api.Ready;
    }

    public async Task<Answer> InvokeAsync(byte[] payload, TimeSpan timeout)
    {
        var answer = _api.InvokeAsync(payload);
        var first = await Task.WhenAny(answer, Task.Delay(timeout));
        if (first != answer)
        {
            throw new TimeoutException($"instance {Pid} gave no answer within {timeout}");
        }

        var result = await answer;
        if (!result.Succeeded)
        {
            throw new InvalidOperationException($"instance {Pid} answered an error: {System.Text.Encoding.UTF8.GetString(result.Body)}");
        }

        return result;
    }

    /// <summary>The most resident memory the process has had (VmHWM), in KiB.</summary>
    public long PeakRssKib()
    {
        foreach (var line in File.ReadLines($"/proc/{Pid}/status"))
        {
            if (line.StartsWith("VmHWM:", StringComparison.Ordinal))
            {
                return long.Parse(line["VmHWM:".Length..].Trim().Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture);
            }
        }
        throw new InvalidOperationException("no VmHWM");
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
            }

            await _process.WaitForExitAsync();
        }
        catch (InvalidOperationException) { /* already gone */ }
        _process.Dispose();
        await _api.DisposeAsync();
    }
}

/// <summary>How to start one kind of function instance.</summary>
internal sealed record Runtime(string Name, string Command, IReadOnlyList<string> Arguments, string Directory);
