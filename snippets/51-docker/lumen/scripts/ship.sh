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
KIND_CLUSTER="${KIND_CLUSTER:-kind}"
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
run docker build \
  --build-arg "VERSION=$VERSION" --build-arg "GIT_SHA=$GIT_SHA" \
  --tag "$release_tag" --tag "$source_tag" .
#endregion build

#region ship
case "$TARGET" in
  kind)
    # No registry: copy the image straight into the cluster's nodes.
    run kind load docker-image "$release_tag" --name "$KIND_CLUSTER"
    ;;
  registry)
    # A release tag is published once. If it exists, bump VERSION instead.
    if [[ "${DRY_RUN:-0}" != "1" ]] && docker manifest inspect "$release_tag" >/dev/null 2>&1; then
      echo "ship.sh: $release_tag already exists; release tags are immutable" >&2
      exit 1
    fi
    run docker push "$release_tag"
    run docker push "$source_tag"
    # Deploy by digest: the one reference that can never point elsewhere.
    run docker image inspect --format '{{index .RepoDigests 0}}' "$release_tag"
    ;;
esac
#endregion ship
