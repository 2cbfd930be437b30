#!/usr/bin/env bash
# Run from the project directory (the one with serverless.yml) right before `scf deploy`:
#
#   export STAGE=prod REGION=ap-guangzhou EXPORT_BUCKET=images-1250000000 IMAGEEXPORT_API_TOKENS=…
#   bash deploy/preflight.sh && scf deploy
#
# 1. Refuses, before anything is created, when a required variable is missing or malformed: STAGE, REGION (a region
#    the multi-scf component accepts), EXPORT_BUCKET (<name>-<appid>), IMAGEEXPORT_API_TOKENS (tokens of 16+ characters).
# 2. Writes `.env` (which `scf deploy` loads; docs/reference/deploy.md §2) with every other ${env:X} of serverless.yml that is
#    unset here set to empty. Without it, the CLI leaves an unset ${env:X} as JavaScript `undefined` and the function's
#    variable becomes the text "undefined" (the functions read that as unset too, with a warning, but a clean
#    deployment has no such value). An exported variable always wins over `.env`.
set -euo pipefail

SERVERLESS_FILE="${SERVERLESS_FILE:-serverless.yml}"
ENV_FILE="${ENV_FILE:-.env}"
MARK="# written by deploy/preflight.sh"

# The regions the multi-scf component accepts for inputs.region (docs/reference/deploy.md §2).
REGIONS=(ap-beijing ap-chengdu ap-chongqing ap-guangzhou ap-hongkong ap-mumbai ap-seoul ap-shanghai ap-shanghai-fsi
  ap-shenzhen-fsi ap-singapore ap-tokyo eu-frankfurt na-siliconvalley na-toronto)
REQUIRED=(STAGE REGION EXPORT_BUCKET IMAGEEXPORT_API_TOKENS)

if [ ! -f "$SERVERLESS_FILE" ]; then
  echo "preflight: $SERVERLESS_FILE not found; run this from the project directory" >&2
  exit 2
fi

problems=()
is_set() { [ -n "${!1+x}" ]; }
value() { printf '%s' "${!1-}"; }

for name in "${REQUIRED[@]}"; do
  if ! is_set "$name" || [ -z "$(value "$name")" ]; then
    problems+=("$name is not set (required: see README \"Deploy\")")
  elif [ "$(value "$name")" = "undefined" ]; then
    problems+=("$name is the text 'undefined'")
  fi
done

if is_set STAGE && [ -n "$STAGE" ] && ! [[ "$STAGE" =~ ^[A-Za-z][A-Za-z0-9_-]{0,19}$ ]]; then
  problems+=("STAGE '$STAGE': a letter, then letters, digits, '-' or '_' (at most 20); it becomes part of the function names")
fi
if is_set REGION && [ -n "$REGION" ] && ! [[ " ${REGIONS[*]} " == *" $REGION "* ]]; then
  problems+=("REGION '$REGION' is not a region the multi-scf component deploys to (${REGIONS[*]})")
fi
if is_set EXPORT_BUCKET && [ -n "$EXPORT_BUCKET" ] && ! [[ "$EXPORT_BUCKET" =~ ^[a-z0-9][a-z0-9-]*-[0-9]+$ ]]; then
  problems+=("EXPORT_BUCKET '$EXPORT_BUCKET' is not a bucket's full name <name>-<appid> (lower-case letters, digits, '-')")
fi
if is_set IMAGEEXPORT_API_TOKENS && [ -n "$IMAGEEXPORT_API_TOKENS" ]; then
  IFS=',' read -r -a tokens <<<"$IMAGEEXPORT_API_TOKENS"
  for token in "${tokens[@]}"; do
    token="${token//[[:space:]]/}"
    if [ "${#token}" -lt 16 ]; then
      problems+=("IMAGEEXPORT_API_TOKENS: every comma-separated token must be at least 16 characters")
      break
    fi
  done
fi

# Every ${env:X} serverless.yml uses (the COS trigger's bucket domain uses two).
mapfile -t referenced < <(sed 's/#.*//' "$SERVERLESS_FILE" | grep -o '\${env:[A-Za-z_][A-Za-z0-9_]*}' | sed 's/^\${env:\(.*\)}$/\1/' | sort -u)
optional=()
for name in "${referenced[@]}"; do
  [[ " ${REQUIRED[*]} " == *" $name "* ]] && continue
  if is_set "$name" && [ "$(value "$name")" = "undefined" ]; then
    problems+=("$name is the text 'undefined'; unset it or give it a value")
  fi
  is_set "$name" || optional+=("$name")
done

if [ -f "$ENV_FILE" ] && ! head -n 1 "$ENV_FILE" | grep -qF "$MARK"; then
  problems+=("$ENV_FILE exists and was not written by this script; move it away (variables belong in the environment)")
fi

if [ "${#problems[@]}" -gt 0 ]; then
  echo "preflight: not deploying, nothing was created:" >&2
  printf '  - %s\n' "${problems[@]}" >&2
  exit 1
fi

{
  echo "$MARK: optional variables unset at $(date -u +%Y-%m-%dT%H:%M:%SZ), deployed empty (their feature off)"
  for name in "${optional[@]}"; do echo "$name="; done
} >"$ENV_FILE"
echo "preflight: STAGE=$STAGE REGION=$REGION EXPORT_BUCKET=$EXPORT_BUCKET; ${#optional[@]} optional variables unset, written empty to $ENV_FILE${optional[*]:+: ${optional[*]}}"
