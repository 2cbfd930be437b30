namespace ImageExport.Local.Tests.Process.Support;

/// <summary>
/// A custom runtime in bash and curl, shaped like Tencent's own example (docs/reference/scf.md §1.3), whose behaviour each event
/// picks, so a test controls timing and failures. Answers every other event with what it saw, as JSON.
/// </summary>
internal sealed class FakeRuntime : IDisposable
{
    // Events (plain text, the payload bytes):
    //   sleep          never answers (an execution timeout)
    //   crash          exits with code 3 mid-invocation
    //   fail           posts "handler failed" to /runtime/invocation/error
    //   twice          posts "first" to response, then "second", then an error: only the first may count
    //   too-big        answers with 6 MB + 1 byte
    //   next-twice     asks /next a second time and answers whether both returned the same event
    //   wait:<path>    answers once <path> exists (at most ~10 s)
    //   anything else  answers {"pid","requestId","memory","timeLimit","event", environment…}
    // Environment: FAKE_NEVER_READY=1 never posts ready; FAKE_EXIT_BEFORE_READY=<code> exits before it.
    private const string Script = """
        #!/bin/bash
        set -u
        api="http://$SCF_RUNTIME_API:$SCF_RUNTIME_API_PORT"
        if [ "${FAKE_NEVER_READY:-}" = 1 ]; then exec sleep 300; fi
        if [ -n "${FAKE_EXIT_BEFORE_READY:-}" ]; then echo "giving up before ready" >&2; exit "$FAKE_EXIT_BEFORE_READY"; fi
        echo '{"@t":"2026-11-26T06:00:00.0000000Z","@mt":"Fake runtime {Pid} initialising","@l":"Debug","Pid":'$$'}'
        echo "plain text on stderr" >&2
        curl -sS -X POST --data-binary ' ' "$api/runtime/init/ready" >/dev/null || exit 1
        headers="$(dirname "$0")/headers.$$"
        post() { curl -sS -X POST --data-binary "$2" "$api/runtime/invocation/$1" >/dev/null; }
        while true; do
          event=$(curl -sS -D "$headers" "$api/runtime/invocation/next") || exit 1
          header() { grep -i "^$1:" "$headers" | head -n 1 | cut -d' ' -f2- | tr -d '\r'; }
          request_id=$(header request_id)
          case "$event" in
            sleep) sleep 300 ;;
            crash) echo "crashing on purpose" >&2; exit 3 ;;
            fail) post error "handler failed" ;;
            twice) post response first; post response second; post error third ;;
            too-big) head -c 6291457 /dev/zero | tr '\0' 'a' | curl -sS -X POST --data-binary @- "$api/runtime/invocation/response" >/dev/null ;;
            next-twice)
              again=$(curl -sS -D "$headers.2" "$api/runtime/invocation/next")
              again_id=$(grep -i '^request_id:' "$headers.2" | cut -d' ' -f2- | tr -d '\r')
              if [ "$again" = "$event" ] && [ "$again_id" = "$request_id" ]; then post response same; else post response different; fi ;;
            wait:*)
              for _ in $(seq 1 200); do [ -e "${event#wait:}" ] && break; sleep 0.05; done
              post response "{\"pid\":$$}" ;;
            *)
              post response "{\"pid\":$$,\"requestId\":\"$request_id\",\"memory\":\"$(header memory_limit_in_mb)\",\"timeLimit\":\"$(header time_limit_in_ms)\",\"event\":\"$event\",\"function\":\"$SCF_FUNCTIONNAME\",\"handler\":\"$_HANDLER\",\"version\":\"$SCF_FUNCTIONVERSION\",\"runEnv\":\"$TENCENTCLOUD_RUNENV\",\"codeRoot\":\"$USER_CODE_ROOT\",\"pwd\":\"$PWD\",\"custom\":\"${FAKE_CUSTOM:-}\"}" ;;
          esac
        done
        """;

    public FakeRuntime()
    {
        Directory = System.IO.Directory.CreateTempSubdirectory("fake-runtime-").FullName;
        BootstrapPath = Path.Combine(Directory, "bootstrap");
        File.WriteAllText(BootstrapPath, Script.ReplaceLineEndings("\n") + "\n");
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(BootstrapPath, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
    }

    public string Directory { get; }

    public string BootstrapPath { get; }

    public void Dispose()
    {
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
            // A killed instance may still hold its temporary file for a moment.
        }
    }
}
