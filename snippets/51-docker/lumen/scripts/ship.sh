#!/usr/bin/env bash
# Builds lumen with two tags and ships it: into a local kind cluster, or to a
# registry. DRY_RUN=1 prints the commands instead of running them.
#   TARGET=kind bash scripts/ship.sh
#   TARGET=registry REGISTRY=ghcr.io/you bash scripts/ship.sh
set -euo pipefail

#region tags
# The release, by semver, and the exact source, by commit.
VERSION="${VERSION:-0.1.0}"
GIT_SHA="${GIT_SHA:-$(git rev-parse --short=12 HEAD)}"
TARGET="${TARGET:-kind}"   # kind | registry
KIND_CLUSTER="${KIND_CLUSTER:-lumen}"
# kind: the machine's architecture; a registry: every platform a cluster runs.
ARCH="${ARCH:-$(uname -m | sed 's/x86_64/amd64/; s/aarch64/arm64/')}"
PLATFORMS="${PLATFORMS:-linux/amd64,linux/arm64}"
archive="${ARCHIVE:-/tmp/lumen-$VERSION.tar}"
name="lumen"
if [[ "$TARGET" == "registry" ]]; then
  name="${REGISTRY:?set REGISTRY, e.g. ghcr.io/you}/lumen"
fi
release_tag="$name:$VERSION"
source_tag="$name:sha-$GIT_SHA"
#endregion tags

if [[ "$TARGET" != "kind" && "$TARGET" != "registry" ]]; then
  echo "ship.sh: TARGET must be kind or registry, not '$TARGET'" >&2
  exit 2
fi

# Runs a command, or only prints it (quoted where needed) when DRY_RUN=1.
run() {
  if [[ "${DRY_RUN:-0}" == "1" ]]; then
    local arg line="+"
    for arg in "$@"; do
      if [[ "$arg" == *" "* ]]; then line+=" '$arg'"; else line+=" $arg"; fi
    done
    echo "$line"
  else
    "$@"
  fi
}

#region build
case "$TARGET" in
  kind)
    # One platform, the cluster's: kind's nodes run on this machine.
    run docker build --platform "linux/$ARCH" \
      --build-arg "VERSION=$VERSION" --build-arg "GIT_SHA=$GIT_SHA" \
      --tag "$release_tag" --tag "$source_tag" .
    ;;
  registry)
    # A release tag is published once. If it exists, bump VERSION instead.
    if [[ "${DRY_RUN:-0}" != "1" ]] && docker buildx imagetools inspect "$release_tag" >/dev/null 2>&1; then
      echo "ship.sh: $release_tag already exists; release tags are immutable" >&2
      exit 1
    fi
    # Every platform the clusters run, pushed as one index, with an SBOM and
    # provenance attached (BuildKit attestations).
    run docker buildx build --platform "$PLATFORMS" \
      --sbom=true --provenance=mode=max \
      --build-arg "VERSION=$VERSION" --build-arg "GIT_SHA=$GIT_SHA" \
      --tag "$release_tag" --tag "$source_tag" --push .
    ;;
esac
#endregion build

#region ship
case "$TARGET" in
  kind)
    # Not `kind load docker-image`: under Docker's containerd image store it
    # can fail with "ctr: content digest sha256:...: not found". A
    # single-platform archive loads on either store.
    run docker image save --platform "linux/$ARCH" --output "$archive" "$release_tag"
    run kind load image-archive "$archive" --name "$KIND_CLUSTER"
    ;;
  registry)
    # Deploy by digest: the one reference that can never point elsewhere.
    run docker buildx imagetools inspect "$release_tag" --format '{{json .Manifest.Digest}}'
    ;;
esac
#endregion ship
