#!/usr/bin/env bash
# Checks an image of Lumen against the capstone spec (CAPSTONE-SPEC.md) and
# prints one PASS/FAIL line per requirement. Exits non-zero if any fail.
#   bash scripts/check-image.sh lumen:0.1.0
set -euo pipefail
image="${1:-lumen:0.1.0}"
budget_mb="${SIZE_BUDGET_MB:-250}"
failures=0

check() {  # check <function> "requirement"
  if "$1"; then echo "PASS  $2"; else echo "FAIL  $2"; failures=$((failures + 1)); fi
}
inspect() { docker image inspect --format "$1" "$image"; }
in_image() { docker run --rm --entrypoint "$1" "$image" "${@:2}"; }

#region security
user="$(inspect '{{.Config.User}}')"
numeric_non_root() { [[ "$user" =~ ^[0-9]+(:[0-9]+)?$ && "${user%%:*}" != 0 ]]; }
no_baked_secrets() {
  ! inspect '{{range .Config.Env}}{{println .}}{{end}}' \
    | grep -Eiq '^[^=]*(KEY|TOKEN|SECRET|PASSWORD)[^=]*=.'
}
only_the_package() { [[ "$(in_image ls -A /app)" == lumen ]]; }
code_read_only() { ! in_image touch /app/lumen/main.py 2>/dev/null; }
check numeric_non_root "S1 runs as a numeric non-root user ($user)"
check no_baked_secrets "S2 no secret-looking variables baked into the image"
check only_the_package "S3 /app holds only the lumen package"
check code_read_only   "S4 the service user cannot modify its own code"
#endregion security

#region operations
has_healthcheck() { [[ "$(inspect '{{json .Config.Healthcheck}}')" == *'"Test"'* ]]; }
exposes_8000() { [[ "$(inspect '{{json .Config.ExposedPorts}}')" == *8000/tcp* ]]; }
labelled() {
  local labels
  labels="$(inspect '{{json .Config.Labels}}')"
  [[ "$labels" == *org.opencontainers.image.revision* && "$labels" != *'"unknown"'* ]]
}
size_mb=$(( $(inspect '{{.Size}}') / 1000000 ))
within_budget() { [[ "$size_mb" -le "$budget_mb" ]]; }
check has_healthcheck "O1 declares a HEALTHCHECK"
check exposes_8000    "O2 exposes port 8000"
check labelled        "O3 is labelled with its version and git revision"
check within_budget   "C1 image size ${size_mb} MB is within the ${budget_mb} MB budget"
#endregion operations

echo "$failures requirement(s) failed"
[[ "$failures" -eq 0 ]]
