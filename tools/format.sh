#!/usr/bin/env bash
# Settles the house style across the whole tree, once: `bash tools/format.sh` (run by the lead after the branches that
# were open while the style was written down are merged; the tree then builds with every style rule as an error).
#
# .editorconfig keeps every rule the tree did not yet follow at `suggestion` (and only those: every `suggestion` in it
# is one of them). This script turns each into `warning` (a build error, TreatWarningsAsErrors is on), lets
# `dotnet format` rewrite the tree (whitespace, braces), renames the fields of the other dialect to `_camelCase`
# (tools/fix-names.py), builds the solution and lists what is still reported. Review the diff (`git diff --stat`),
# run `bash tests/run-all.sh`, commit.
# Needs the .NET SDK (dotnet format ships with it) and python3; takes a few minutes (three builds of the solution).
set -euo pipefail

# It rewrites the whole tree, so it takes no options: `--help` (or anything else) prints this header and changes nothing.
if [ "$#" -gt 0 ]; then
  sed -n '2,/^set -euo/p' "$0" | sed '$d' | sed 's/^# \{0,1\}//' >&2
  echo "format.sh: takes no arguments (got: $*); nothing was changed" >&2
  exit 2
fi

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
export DOTNET_NOLOGO=1 DOTNET_CLI_TELEMETRY_OPTOUT=1

if ! grep -qE '(:|= )suggestion$' .editorconfig; then
  echo "format.sh: .editorconfig has no rule at suggestion; the tree was already settled" >&2
fi

echo "==> .editorconfig: every suggestion becomes a warning"
sed -i -E 's/(:|= )suggestion$/\1warning/' .editorconfig

echo "==> dotnet restore"
dotnet restore ImageExport.sln --disable-build-servers -nologo -v:quiet

# Whitespace first (IDE0055: indentation, Allman braces, spacing), then the style fixes (IDE0011 braces, IDE1006 names,
# and any other rule now at warning), then whitespace again for what the style fixes laid out.
echo "==> dotnet format whitespace"
dotnet format whitespace ImageExport.sln --no-restore -v:minimal
echo "==> dotnet format style"
dotnet format style ImageExport.sln --no-restore --severity warn -v:minimal
echo "==> dotnet format whitespace"
dotnet format whitespace ImageExport.sln --no-restore -v:minimal

# dotnet format cannot rename (IDE1006: "NamingStyleCodeFixProvider doesn't support Fix All in Solution"): a build lists
# the names, and tools/fix-names.py renames each private field or constant inside its file where that is safe.
echo "==> field names (IDE1006)"
names_log="$(mktemp)"
dotnet build ImageExport.sln --no-restore --disable-build-servers -nologo -v:quiet -p:TreatWarningsAsErrors=false >"$names_log" 2>&1 || true
python3 tools/fix-names.py <"$names_log"
rm -f "$names_log"

echo "==> dotnet build ImageExport.sln (every style rule is now an error)"
if dotnet build ImageExport.sln --no-restore --disable-build-servers -nologo -v:quiet; then
  echo "==> done: $(git status --porcelain | wc -l) files changed; review with git diff, then run bash tests/run-all.sh"
else
  echo "format.sh: the build reports what dotnet format could not fix (above); fix those by hand and build again" >&2
  exit 1
fi
