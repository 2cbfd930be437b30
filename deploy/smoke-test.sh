#!/usr/bin/env bash
# Unpacks the SCF package and holds the custom-runtime conversation with it that SCF would (docs/reference/scf.md §1): for each
# handler (exports.start, exports.poll, exports.notify) a fresh instance must post /runtime/init/ready, answer
# every event through /runtime/invocation/response or /error, and keep asking for the next one. Prints how long
# each instance took from exec to ready (the cold start, minus SCF's own part).
#
#   bash deploy/smoke-test.sh [artifacts/image-export-scf.zip]
#
# The fake runtime API listens on 127.0.0.1 only; every wait is bounded. Needs python3 (and unzip, if present, to
# extract exactly as SCF would). The caller's environment is passed on, so configuration the handlers need at start
# (for example, EXPORT_BUCKET=... bash deploy/smoke-test.sh) can be given to them.
set -euo pipefail

root=$(cd -- "$(dirname -- "${BASH_SOURCE[0]}")/.." && pwd -P)
zip_path=$(realpath "${1:-$root/artifacts/image-export-scf.zip}")
[ -f "$zip_path" ] || { echo "smoke-test.sh: $zip_path not found; run 'bash deploy/package.sh' first." >&2; exit 1; }
command -v python3 >/dev/null || { echo "smoke-test.sh: python3 is needed." >&2; exit 1; }

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
# python3's zipfile drops the mode bits on extract; the check below must see what SCF sees.
if command -v unzip >/dev/null; then
    unzip -q "$zip_path" -d "$work/package"
else
    python3 -c 'import sys, zipfile, os
with zipfile.ZipFile(sys.argv[1]) as z:
    for i in z.infolist():
        p = z.extract(i, sys.argv[2]); os.chmod(p, (i.external_attr >> 16) & 0o777)' "$zip_path" "$work/package"
fi
[ -x "$work/package/bootstrap" ] || { echo "smoke-test.sh: the package has no executable bootstrap at its root." >&2; exit 1; }

python3 - "$work/package/bootstrap" <<'PY'
import http.server, json, os, queue, subprocess, sys, threading, time

BOOTSTRAP = sys.argv[1]
WAIT = 30  # seconds for any one step

EVENTS = {
    "exports.start": [
        {"httpMethod": "GET", "path": "/healthz", "headers": {"accept": "*/*", "x-scf-remote-addr": "127.0.0.1"},
         "queryString": {}, "body": ""},
        {"httpMethod": "POST", "path": "/exports", "headers": {"content-type": "application/json"},
         "queryString": {"dryRun": True}, "body": "{\"imageIds\": 42}"},
    ],
    "exports.poll": [
        {"Type": "Timer", "TriggerName": "poll", "Time": "2025-01-01T00:00:00Z", "Message": ""},
    ],
    "exports.notify": [
        {"Records": [{"cos": {"cosSchemaVersion": "1.0",
                              "cosObject": {"url": "http://exports-1250000000.cos.ap-guangzhou.myqcloud.com/smoke_xvda.raw",
                                            "meta": {}, "vid": "", "key": "/1250000000/exports/smoke_xvda.raw", "size": 1024},
                              "cosBucket": {"region": "gz", "name": "exports", "appid": "1250000000"},
                              "cosNotificationId": "unknown"},
                      "event": {"eventName": "cos:ObjectCreated:Put", "eventVersion": "1.0", "eventTime": 1735689600,
                                "eventSource": "qcs::cos", "eventQueue": "", "reservedInfo": "", "reqid": 1}}]},
        "this is not JSON",
    ],
}


class RuntimeApi(http.server.ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, events):
        super().__init__(("127.0.0.1", 0), Handler)
        self.events = queue.Queue()
        for i, event in enumerate(events):
            body = event if isinstance(event, str) else json.dumps(event)
            self.events.put((f"smoke-{i + 1}", body.encode()))
        self.calls = []
        self.results = queue.Queue()
        self.ready_at = None
        self.in_flight = None
        self.closing = threading.Event()


class Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *args):
        pass

    def reply(self, status=200, body=b"", headers=()):
        self.send_response(status)
        for name, value in headers:
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def do_POST(self):
        api = self.server
        body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
        api.calls.append("POST " + self.path)
        if self.path == "/runtime/init/ready":
            api.ready_at = api.ready_at or time.monotonic()
        elif self.path in ("/runtime/invocation/response", "/runtime/invocation/error"):
            api.results.put((self.path.rsplit("/", 1)[1], api.in_flight, body.decode("utf-8", "replace")))
        self.reply()

    def do_GET(self):
        api = self.server
        api.calls.append("GET " + self.path)
        if self.path != "/runtime/invocation/next":
            return self.reply(404)
        while not api.closing.is_set():
            try:
                request_id, body = api.events.get(timeout=0.2)
            except queue.Empty:
                continue
            api.in_flight = request_id
            return self.reply(200, body, [("request_id", request_id), ("memory_limit_in_mb", "512"), ("time_limit_in_ms", "10000")])
        self.close_connection = True


def converse(handler, events):
    api = RuntimeApi(events)
    threading.Thread(target=api.serve_forever, daemon=True).start()
    env = dict(os.environ, SCF_RUNTIME_API="127.0.0.1", SCF_RUNTIME_API_PORT=str(api.server_address[1]), _HANDLER=handler,
               SCF_FUNCTIONNAME="image-export-smoke", SCF_FUNCTIONVERSION="$LATEST", SCF_NAMESPACE="default",
               TENCENTCLOUD_REGION="ap-guangzhou", TENCENTCLOUD_APPID="1250000000", TENCENTCLOUD_RUNENV="SCF")
    log = open(os.path.join(os.path.dirname(BOOTSTRAP), f"{handler}.log"), "w+b")
    started = time.monotonic()
    process = subprocess.Popen([BOOTSTRAP], cwd=os.path.dirname(BOOTSTRAP), env=env, stdout=log, stderr=subprocess.STDOUT)
    problems, answers = [], []
    try:
        for _ in events:
            answer, deadline = None, time.monotonic() + WAIT
            # Polled in short steps so an instance that died (say, in initialisation) is reported at once.
            while answer is None and time.monotonic() < deadline:
                try:
                    answer = api.results.get(timeout=0.1)
                except queue.Empty:
                    if process.poll() is not None:
                        break
            if answer is None:
                state = f"exited with {process.returncode}" if process.poll() is not None else f"still running after {WAIT} s"
                problems.append(f"an event went unanswered: the process {state}")
                break
            answers.append(answer)
        deadline = time.monotonic() + WAIT
        # After its last answer the runtime must be back asking for work, not dead.
        while not problems and api.calls.count("GET /runtime/invocation/next") <= len(events) and time.monotonic() < deadline:
            if process.poll() is not None:
                break
            time.sleep(0.05)
        if not problems and process.poll() is not None:
            problems.append(f"the process exited with {process.returncode} instead of waiting for the next event")
        elif not problems and api.calls.count("GET /runtime/invocation/next") <= len(events):
            problems.append("the runtime did not ask for another event after answering")
        if api.calls[:1] != ["POST /runtime/init/ready"]:
            problems.append(f"the first call was {api.calls[:1]}, not POST /runtime/init/ready")
    finally:
        api.closing.set()
        if process.poll() is None:
            process.terminate()
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
        api.shutdown()
    ready_ms = f"{(api.ready_at - started) * 1000:.0f} ms" if api.ready_at else "never"
    print(f"{handler}: ready after {ready_ms}; " + "; ".join(f"{rid} -> {kind}: {body[:100]}" for kind, rid, body in answers))
    if problems:
        log.seek(0)
        print("  FAILED: " + "; ".join(problems) + "\n  output:\n    " + log.read().decode("utf-8", "replace")[-3000:].replace("\n", "\n    "))
    return not problems


results = [converse(handler, events) for handler, events in EVENTS.items()]
print(f"smoke test: {sum(results)} of {len(results)} handlers held the runtime conversation")
sys.exit(0 if all(results) else 1)
PY
