#!/usr/bin/env bash
# Builds the SCF custom-runtime package: artifacts/image-export-scf.zip with an executable `bootstrap` and the
# Native AOT binary `image-export` at its root. The same binary (artifacts/publish/image-export) is what
# deploy/Dockerfile puts in the image function.
#
#   bash deploy/package.sh
#
# Fails when the publish reports any trimming/AOT warning (IL2xxx/IL3xxx): such a binary may break at run time
# in ways no test on the JIT runtime shows.
set -euo pipefail

root=$(cd -- "$(dirname -- "${BASH_SOURCE[0]}")/.." && pwd -P)
cd "$root"

project=functions/ImageExport.Functions
binary_name=image-export
artifacts=$root/artifacts
publish_dir=$artifacts/publish
stage_dir=$artifacts/scf-package
zip_path=$artifacts/image-export-scf.zip
publish_log=$artifacts/publish.log

die() { echo "package.sh: $*" >&2; exit 1; }

command -v dotnet >/dev/null || die "dotnet is not on PATH."
mkdir -p "$artifacts"
rm -rf "$publish_dir" "$stage_dir" "$zip_path"

echo "==> dotnet publish $project (Release, linux-x64, Native AOT)"
# An up-to-date publish skips the AOT compiler, and with it the warnings checked below: drop its output first.
if [ -d "$project/obj" ]; then
    find "$project/obj" -type d -path '*/Release/*/linux-x64/native' -prune -exec rm -rf {} +
fi
if ! dotnet publish "$project" -c Release -r linux-x64 -o "$publish_dir" 2>&1 | tee "$publish_log"; then
    die "dotnet publish failed (log: ${publish_log#"$root"/})."
fi

# ILC prints "Trim analysis warning IL2026", "AOT analysis warning IL3050"; TreatWarningsAsErrors turns them into "error IL…".
if aot_warnings=$(grep -E '(warning|error) IL[23][0-9]{3}' "$publish_log" | sort -u) && [ -n "$aot_warnings" ]; then
    echo "$aot_warnings" >&2
    die "the publish reported trimming/AOT warnings (above); the binary is not shipped."
fi

binary=$publish_dir/$binary_name
[ -f "$binary" ] || die "the publish produced no $binary_name in ${publish_dir#"$root"/}."
head -c 4 "$binary" | grep -q 'ELF' || die "$binary_name is not a native ELF executable: is PublishAot still set in $project?"

# The newest GLIBC_x.y symbol version the binary asks for is the oldest glibc it can run on.
glibc_versions() {
    if command -v objdump >/dev/null; then
        objdump -T "$1"
    elif command -v readelf >/dev/null; then
        readelf --wide -V "$1"
    else
        # The version names sit in the dynamic string table as plain text.
        LC_ALL=C grep -a -o 'GLIBC_[0-9][0-9.]*' "$1"
    fi | grep -o 'GLIBC_[0-9][0-9]*\.[0-9][0-9]*\(\.[0-9][0-9]*\)\?' | sed 's/^GLIBC_//' | sort -u -t. -k1,1n -k2,2n -k3,3n
}
required_glibc=$(glibc_versions "$binary" | tail -n 1)
[ -n "$required_glibc" ] || die "could not read the glibc version $binary_name needs."

mkdir -p "$stage_dir"
sed "s/@REQUIRED_GLIBC@/$required_glibc/" deploy/bootstrap > "$stage_dir/bootstrap"
cp "$binary" "$stage_dir/$binary_name"
chmod 755 "$stage_dir/bootstrap" "$stage_dir/$binary_name" "$binary"
sh -n "$stage_dir/bootstrap" || die "the generated bootstrap is not valid sh."

# zip when the machine has it, else python3's zipfile; PACKAGE_ZIP_TOOL=zip|python3 forces one (to test both).
zip_tool=${PACKAGE_ZIP_TOOL:-}
if [ -z "$zip_tool" ]; then
    if command -v zip >/dev/null; then zip_tool=zip; elif command -v python3 >/dev/null; then zip_tool=python3; fi
fi

echo "==> $zip_path (with $zip_tool)"
if [ "$zip_tool" = zip ]; then
    # zip keeps the Unix mode bits; -X leaves out extra attributes that would make the archive differ per build.
    (cd "$stage_dir" && zip -q -X -9 "$zip_path" bootstrap "$binary_name")
elif [ "$zip_tool" = python3 ]; then
    python3 - "$stage_dir" "$zip_path" bootstrap "$binary_name" <<'PY'
import os, stat, sys, zipfile
stage, target, names = sys.argv[1], sys.argv[2], sys.argv[3:]
with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
    for name in names:
        path = os.path.join(stage, name)
        info = zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0))
        info.create_system = 3  # Unix, so the external attributes below are read as a mode
        info.external_attr = (stat.S_IFREG | 0o755) << 16
        info.compress_type = zipfile.ZIP_DEFLATED
        with open(path, "rb") as source:
            archive.writestr(info, source.read())
PY
else
    die "neither zip nor python3 is installed; install one of them (apt-get install zip)."
fi

# SCF refuses a package whose bootstrap is missing or not executable: check what was written, not what was meant.
if command -v python3 >/dev/null; then
    python3 - "$zip_path" bootstrap "$binary_name" <<'PY'
import sys, zipfile
target, expected = sys.argv[1], set(sys.argv[2:])
with zipfile.ZipFile(target) as archive:
    entries = {info.filename: (info.external_attr >> 16) & 0o777 for info in archive.infolist()}
if set(entries) != expected:
    sys.exit(f"package.sh: the zip holds {sorted(entries)}, expected {sorted(expected)}")
for name, mode in entries.items():
    if mode != 0o755:
        sys.exit(f"package.sh: {name} has mode {mode:o} in the zip, expected 755")
PY
elif command -v unzip >/dev/null; then
    listing=$(unzip -Z "$zip_path")
    for name in bootstrap "$binary_name"; do
        echo "$listing" | grep -Eq "^-rwxr-xr-x .* $name\$" || die "$name is missing from the zip or not mode 755."
    done
fi

size() { stat -c %s "$1"; }
human() { awk -v b="$1" 'BEGIN { printf "%.1f MiB", b / 1048576 }'; }
binary_bytes=$(size "$binary")
zip_bytes=$(size "$zip_path")
echo
echo "binary   ${publish_dir#"$root"/}/$binary_name: $binary_bytes bytes ($(human "$binary_bytes")), needs glibc >= $required_glibc"
echo "package  ${zip_path#"$root"/}: $zip_bytes bytes ($(human "$zip_bytes")): bootstrap + $binary_name, both mode 755"
