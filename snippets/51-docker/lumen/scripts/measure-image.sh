#!/usr/bin/env bash
# Builds the naive and the optimised Dockerfile from copies of this folder and
# prints, for each: the build context Docker received, the image size, and the
# time of three builds (no layer cache, nothing changed, one code file edited).
# Needs a Docker engine with BuildKit. The numbers are yours: they depend on
# your machine, your network and what your folder holds.
#   bash scripts/measure-image.sh
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

now() { python3 -c 'import time; print(f"{time.time():.2f}")'; }

# build VARIANT DOCKERFILE [docker build flags]: sets $seconds and $context
build() {
  local variant="$1" dockerfile="$2" start end log
  shift 2
  log="$work/$variant.log"
  start="$(now)"
  if ! docker build --progress=plain "$@" --file "$work/$variant/$dockerfile" \
      --tag "lumen-measure:$variant" "$work/$variant" >"$log" 2>&1; then
    tail -n 30 "$log" >&2
    exit 1
  fi
  end="$(now)"
  seconds="$(python3 -c "print(f'{$end - $start:.1f}s')")"
  context="$(grep -o 'transferring context: [0-9.]* *[kMG]*B' "$log" | tail -n 1 | cut -d' ' -f3-)"
}

#region measure
printf '%-10s %-10s %-10s %-10s %-10s %s\n' \
  image context size cold no-change code-edit
for variant in naive optimised; do
  # Each variant gets its own copy of the folder, as you have it on disk.
  cp -R "$here" "$work/$variant"
  dockerfile=Dockerfile
  if [[ "$variant" == naive ]]; then
    dockerfile=Dockerfile.naive
    rm -f "$work/$variant/.dockerignore"   # the naive setup has none
  fi
  build "$variant" "$dockerfile" --no-cache
  cold="$seconds" sent="$context"
  build "$variant" "$dockerfile"
  again="$seconds"
  echo "# edited" >> "$work/$variant/lumen/main.py"
  build "$variant" "$dockerfile"
  edit="$seconds"
  size="$(docker image ls --format '{{.Size}}' "lumen-measure:$variant")"
  printf '%-10s %-10s %-10s %-10s %-10s %s\n' \
    "$variant" "${sent:-?}" "$size" "$cold" "$again" "$edit"
done
#endregion measure
echo
echo "cold = --no-cache (layer cache off; the pip cache mount may still hold wheels)"
docker image rm lumen-measure:naive lumen-measure:optimised >/dev/null
