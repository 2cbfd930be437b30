#!/usr/bin/env bash
# The benchmark: cold start, warm latency and peak memory of each handler (Native AOT, a JIT build of the same code,
# and a Node.js peer on Tencent's official SDKs), the package's size, and the poll tick at 100 / 1,000 / 10,000
# active jobs, all against the local emulator through an emulated SCF runtime API. Prints the table and writes
# bench/RESULTS.md. Not a test: CI does not run it.
#
#   bash bench/run.sh [cold-runs=20] [warm-runs=40]
#   bash bench/run.sh trace [events=40]     each CVM/COS request of a warm start, timed (see StartTrace.cs)
#   bash bench/run.sh progress              only the COS requests of progress sampling per poll tick (ProgressBench.cs),
#                                           at 100 / 1,000 / 10,000 active jobs with 1 / 10 / 100 % exporting
#   bash bench/run.sh poll                  only the poll tick at 100 / 1,000 / 10,000 active jobs, with and without
#                                           progress sampling (PollBench.cs; builds the Native AOT package first)
set -euo pipefail

root=$(cd -- "$(dirname -- "${BASH_SOURCE[0]}")/.." && pwd -P)
cd "$root"
cold=${1:-20}
warm=${2:-40}

# Tencent's published events, from the repository's own copy: nothing the bench runs needs a folder beside it.
[ -d tests/fixtures/events ] || { echo "bench/run.sh: tests/fixtures/events is missing" >&2; exit 1; }

if [ "${1:-}" = progress ]; then
    echo "==> measuring progress sampling" >&2
    dotnet build bench/ImageExport.Bench/ImageExport.Bench.csproj -c Release -v quiet -nologo >/dev/null
    exec dotnet bench/ImageExport.Bench/bin/Release/net10.0/ImageExport.Bench.dll "$root" progress
fi

if [ "${1:-}" = poll ]; then
    if [ "${BENCH_SKIP_BUILD:-}" != 1 ]; then
        echo "==> Native AOT package (deploy/package.sh)" >&2
        bash deploy/package.sh >/dev/null
    fi
    echo "==> measuring the poll tick" >&2
    dotnet build bench/ImageExport.Bench/ImageExport.Bench.csproj -c Release -v quiet -nologo >/dev/null
    exec dotnet bench/ImageExport.Bench/bin/Release/net10.0/ImageExport.Bench.dll "$root" poll
fi

if [ "${BENCH_SKIP_BUILD:-}" != 1 ]; then
echo "==> Native AOT package (deploy/package.sh)" >&2
bash deploy/package.sh >/dev/null

echo "==> JIT build of the same code" >&2
rm -rf bench/.out/jit && mkdir -p bench/.out
dotnet publish functions/ImageExport.Functions -c Release -p:PublishAot=false -p:SelfContained=false -o bench/.out/jit >bench/.out/jit-publish.log 2>&1 ||
    { cat bench/.out/jit-publish.log >&2; exit 1; }

echo "==> Node.js peer (npm ci)" >&2
(cd bench/peers/node && npm ci --no-audit --no-fund --silent)
fi

echo "==> measuring" >&2
dotnet build bench/ImageExport.Bench/ImageExport.Bench.csproj -c Release -v quiet -nologo >/dev/null
dotnet bench/ImageExport.Bench/bin/Release/net10.0/ImageExport.Bench.dll "$root" "$cold" "$warm"
