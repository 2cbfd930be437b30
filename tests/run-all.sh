#!/usr/bin/env bash
# The project's test command: `bash tests/run-all.sh`.
# Builds the solution once, packages the Native AOT binary (deploy/package.sh), lints docs/openapi.yaml (tests/openapi),
# runs every C# test project, then Tencent's Node.js SDKs against the emulator (tests/conformance) and the deploy
# rehearsal (tests/deploy). Prints per-suite counts and, last, one line "N passed, N failed" (CI reads it).
# Exits non-zero when anything failed or when no test ran.
#
# To add a step: write a function step_<name> that exits non-zero on failure and, if it runs tests,
# calls `record <suite> <passed> <failed>`; then add <name> to STEPS. A step that exits non-zero without
# recording counts as one failure. Steps listed after a failed step in REQUIRES_BUILD are skipped.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

CONFIGURATION="${BUILD_CONFIGURATION:-Debug}"   # the default of dotnet build/test/run, so --no-build finds it
STEPS=(build package openapi_lint dotnet_tests conformance deploy_rehearsal)
REQUIRES_BUILD=(package dotnet_tests conformance deploy_rehearsal)
BUILD_TIMEOUT="${BUILD_TIMEOUT:-900}"           # seconds
TEST_PROJECT_TIMEOUT="${TEST_PROJECT_TIMEOUT:-1200}"
CONFORMANCE_TIMEOUT="${CONFORMANCE_TIMEOUT:-900}"
DEPLOY_REHEARSAL_TIMEOUT="${DEPLOY_REHEARSAL_TIMEOUT:-600}"
EMULATOR_STARTUP_TIMEOUT="${EMULATOR_STARTUP_TIMEOUT:-60}"

export DOTNET_NOLOGO=1 DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
export CONFORMANCE_CONFIGURATION="$CONFIGURATION"

WORK="$(mktemp -d "${TMPDIR:-/tmp}/imageexport-tests.XXXXXX")"
RESULTS="$WORK/results.tsv"   # suite <TAB> passed <TAB> failed <TAB> note
GROUPS_FILE="$WORK/process-groups"
: >"$RESULTS"
: >"$GROUPS_FILE"

# Every long-running command runs under `timeout`, which leads a process group of its own: at exit
# those groups (and only those) are ended, so nothing is left behind, even after a failure or Ctrl-C.
step_pid=""
cleanup() {
  local group
  # The running step first, so it starts nothing new while its commands are ended.
  if [ -n "$step_pid" ]; then kill -TERM "$step_pid" 2>/dev/null || true; fi
  while read -r group; do kill -TERM -- "-$group" 2>/dev/null || true; done <"$GROUPS_FILE"
  sleep 1
  while read -r group; do kill -KILL -- "-$group" 2>/dev/null || true; done <"$GROUPS_FILE"
  rm -rf "$WORK"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

log() { printf '\n==> %s\n' "$*"; }

record() { printf '%s\t%s\t%s\t%s\n' "$1" "$2" "$3" "${4:-}" >>"$RESULTS"; }

# bounded SECONDS COMMAND...: runs COMMAND in its own process group, ended after SECONDS.
bounded() {
  local seconds="$1"
  shift
  timeout -k 20 "$seconds" "$@" </dev/null &
  local pid=$!
  echo "$pid" >>"$GROUPS_FILE"
  local rc=0
  wait "$pid" || rc=$?
  if [ "$rc" -eq 124 ]; then echo "timed out after ${seconds}s: $*" >&2; fi
  return "$rc"
}

step_build() {
  log "dotnet build ImageExport.sln -c $CONFIGURATION"
  # No build servers: they would outlive this script.
  bounded "$BUILD_TIMEOUT" dotnet build ImageExport.sln -c "$CONFIGURATION" --disable-build-servers -nologo -v:minimal
}

# record_tap SUITE TAP_FILE EXIT_CODE: records a node --test run from its TAP summary (cancelled tests count as failed;
# a non-zero exit with nothing failed counts as one failure; no summary at all is one failure).
record_tap() {
  local suite="$1" tap="$2" rc="$3" passed failed cancelled
  if [ -f "$tap" ] && grep -q '^# pass ' "$tap"; then
    passed="$(sed -n 's/^# pass \([0-9]*\)$/\1/p' "$tap" | tail -n 1)"
    failed="$(sed -n 's/^# fail \([0-9]*\)$/\1/p' "$tap" | tail -n 1)"
    cancelled="$(sed -n 's/^# cancelled \([0-9]*\)$/\1/p' "$tap" | tail -n 1)"
    failed=$((${failed:-0} + ${cancelled:-0}))
    if [ "$rc" -ne 0 ] && [ "$failed" -eq 0 ]; then failed=1; fi
    record "$suite" "${passed:-0}" "$failed"
  else
    record "$suite" 0 1 "no results (exit $rc)"
  fi
}

# Counters from a VSTest trx file: "<passed> <failed>".
trx_counts() {
  local counters passed failed errors
  counters="$(grep -o '<Counters [^>]*>' "$1" | head -n 1)"
  passed="$(sed -n 's/.* passed="\([0-9]*\)".*/\1/p' <<<"$counters")"
  failed="$(sed -n 's/.* failed="\([0-9]*\)".*/\1/p' <<<"$counters")"
  errors="$(sed -n 's/.* error="\([0-9]*\)".*/\1/p' <<<"$counters")"
  echo "${passed:-0} $((${failed:-0} + ${errors:-0}))"
}

# The deployable: Native AOT publish (package.sh fails on any IL2xxx/IL3xxx warning) and the SCF zip. Built fresh
# every run, so the process-mode tests exercise this code and not an older package.
step_package() {
  log "bash deploy/package.sh"
  rm -f artifacts/image-export-scf.zip
  bounded "$BUILD_TIMEOUT" bash deploy/package.sh
  record "package (AOT publish clean, zip with bootstrap)" 1 0
}

# docs/openapi.yaml through Redocly CLI's recommended-strict rules (tests/openapi/redocly.yaml); needs no build.
step_openapi_lint() {
  local dir="tests/openapi" out="$WORK/openapi-lint.txt" rc=0
  if [ ! -d "$dir/node_modules" ]; then
    log "npm ci ($dir)"
    (cd "$dir" && npm ci --no-audit --no-fund)
  fi
  log "redocly lint docs/openapi.yaml"
  (cd "$dir" && bounded 300 npx --no-install redocly lint --config redocly.yaml --format stylish ../../docs/openapi.yaml) >"$out" 2>&1 || rc=$?
  grep -v '[║╔╚]' "$out" | grep -v '^[[:space:]]*$' || true
  if [ "$rc" -eq 0 ]; then record "openapi lint (redocly)" 1 0; else record "openapi lint (redocly)" 0 1 "docs/openapi.yaml has lint errors"; fi
  return "$rc"
}

step_dotnet_tests() {
  local project name trx rc passed failed all_ok=0
  for project in tests/*/*.csproj; do
    # Test projects reference the test SDK; tests/ImageExport.Testing (shared test support) is a library and is skipped.
    grep -q '"Microsoft.NET.Test.Sdk"' "$project" || continue
    name="$(basename "$project" .csproj)"
    trx="$WORK/trx/$name.trx"
    log "dotnet test $project"
    rc=0
    bounded "$TEST_PROJECT_TIMEOUT" dotnet test "$project" --no-build -c "$CONFIGURATION" -nologo \
      --logger "trx;LogFileName=$trx" --results-directory "$WORK/trx" || rc=$?
    if [ -f "$trx" ]; then
      read -r passed failed < <(trx_counts "$trx")
      if [ "$rc" -ne 0 ] && [ "$failed" -eq 0 ]; then failed=1; fi   # a crash or timeout after some passed
      record "dotnet $name" "$passed" "$failed" "$([ "$((passed + failed))" -eq 0 ] && echo "no tests")"
    elif [ "$rc" -eq 0 ]; then
      record "dotnet $name" 0 0 "no tests"
    else
      record "dotnet $name" 0 1 "test run failed (exit $rc)"
    fi
    [ "$rc" -eq 0 ] || all_ok=1
  done
  return "$all_ok"
}

free_ports() {
  node -e '
    const net = require("node:net");
    const take = () => new Promise((ok) => { const s = net.createServer(); s.listen(0, "127.0.0.1", () => { const p = s.address().port; s.close(() => ok(p)); }); });
    (async () => { const ports = new Set(); while (ports.size < Number(process.argv[1])) ports.add(await take()); console.log([...ports].join(" ")); })();
  ' "$1"
}

step_conformance() {
  local dir="tests/conformance" state="$WORK/emulator/state" emulator_log="$WORK/emulator.log"
  local api_port cvm_port cos_port emulator_pid waited=0 rc=0 tap="$WORK/conformance.tap"
  if [ ! -d "$dir/node_modules" ]; then
    log "npm ci ($dir)"
    (cd "$dir" && npm ci --no-audit --no-fund)
  fi

  read -r api_port cvm_port cos_port < <(free_ports 3)
  log "starting the emulator (ports api $api_port, cvm $cvm_port, cos $cos_port)"
  timeout -k 10 "$((CONFORMANCE_TIMEOUT + EMULATOR_STARTUP_TIMEOUT + 60))" \
    dotnet run --project local --no-build -c "$CONFIGURATION" -- \
    --state-dir "$state" --api-port "$api_port" --cvm-port "$cvm_port" --cos-port "$cos_port" \
    --export-seconds-per-gib 0.02 </dev/null >"$emulator_log" 2>&1 &
  emulator_pid=$!
  echo "$emulator_pid" >>"$GROUPS_FILE"
  until [ -s "$state/endpoints.json" ]; do
    if ! kill -0 "$emulator_pid" 2>/dev/null || [ "$waited" -ge "$((EMULATOR_STARTUP_TIMEOUT * 5))" ]; then
      echo "the emulator wrote no endpoints.json within ${EMULATOR_STARTUP_TIMEOUT}s; its log ends:" >&2
      tail -n 40 "$emulator_log" >&2 || true
      record "conformance" 0 1 "emulator did not start"
      return 1
    fi
    sleep 0.2
    waited=$((waited + 1))
  done
  sleep 0.2   # endpoints.json is small, but let its writer finish

  log "node --test ($dir)"
  (
    cd "$dir"
    CONFORMANCE_ENDPOINTS="$state/endpoints.json" bounded "$CONFORMANCE_TIMEOUT" \
      node --test --test-concurrency=1 --test-timeout=300000 \
      --test-reporter=spec --test-reporter-destination=stdout \
      --test-reporter=tap --test-reporter-destination="$tap" \
      test/*.test.js
  ) || rc=$?
  kill -TERM -- "-$emulator_pid" 2>/dev/null || true
  { wait "$emulator_pid"; } 2>/dev/null || true

  record_tap "conformance (node --test)" "$tap" "$rc"
  if [ "$rc" -ne 0 ]; then
    echo "the emulator's log ends:" >&2
    tail -n 40 "$emulator_log" >&2 || true
  fi
  return "$rc"
}

# Tencent's deploy library (tests/deploy) deploys serverless.yml into the emulator, then the local stack runs what was
# deployed (the package step's artifacts/scf-package) through one export. The tests start and stop the stack themselves.
step_deploy_rehearsal() {
  local dir="tests/deploy" tap="$WORK/deploy-rehearsal.tap" rc=0
  if [ ! -d "$dir/node_modules" ]; then
    log "npm ci ($dir)"
    (cd "$dir" && npm ci --no-audit --no-fund)
  fi

  log "node --test ($dir)"
  (
    cd "$dir"
    bounded "$DEPLOY_REHEARSAL_TIMEOUT" \
      node --test --test-concurrency=1 --test-timeout=300000 \
      --test-reporter=spec --test-reporter-destination=stdout \
      --test-reporter=tap --test-reporter-destination="$tap" \
      test/*.test.js
  ) || rc=$?

  record_tap "deploy rehearsal (node --test)" "$tap" "$rc"
  return "$rc"
}

# The C# test projects copy Tencent's published fixtures from ../shared/fixtures (beside the repository, as CI lays
# it out), or else from the copy in tests/fixtures.
if [ ! -d "$ROOT/../shared/fixtures" ]; then
  echo "note: $(cd "$ROOT/.." && pwd)/shared/fixtures is missing; the tests use the copy in tests/fixtures" >&2
fi

build_failed=0
for step in "${STEPS[@]}"; do
  if [ "$build_failed" -ne 0 ] && [[ " ${REQUIRES_BUILD[*]} " == *" $step "* ]]; then
    record "$step" 0 0 "skipped: the build failed"
    continue
  fi
  lines_before="$(wc -l <"$RESULTS")"
  # In the background and waited for, so that INT/TERM reach the traps at once rather than after the step.
  set +e
  ( set -euo pipefail; "step_$step" ) &
  step_pid=$!
  wait "$step_pid"
  rc=$?
  step_pid=""
  set -e
  if [ "$rc" -ne 0 ]; then
    if [ "$(wc -l <"$RESULTS")" -eq "$lines_before" ]; then record "$step" 0 1 "failed (exit $rc)"; fi
    if [ "$step" = build ]; then build_failed=1; fi
  fi
done

# Why each failed .NET test failed, just above the summary: the end of a CI log is what survives of it.
if compgen -G "$WORK/trx/*.trx" >/dev/null && command -v node >/dev/null 2>&1; then
  if ! failures="$(node "$ROOT/tests/trx-failures.mjs" --budget 120 "$WORK"/trx/*.trx)"; then
    printf '\n==> failed tests (the start of each failure message; the whole output is above)\n%s\n' "$failures"
  fi
fi

total_passed=0
total_failed=0
printf '\n==> summary\n'
while IFS=$'\t' read -r suite passed failed note; do
  printf '  %-42s passed %5s   failed %5s   %s\n' "$suite" "$passed" "$failed" "$note"
  total_passed=$((total_passed + passed))
  total_failed=$((total_failed + failed))
done <"$RESULTS"

status=0
if [ "$total_failed" -ne 0 ]; then status=1; fi
if [ "$total_passed" -eq 0 ] && [ "$total_failed" -eq 0 ]; then
  echo "  no test ran"
  status=1
fi
echo "$total_passed passed, $total_failed failed"
exit "$status"
