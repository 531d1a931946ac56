#!/usr/bin/env bash
# Creates the three-node kind cluster used in chapter 53 and loads the Lumen image into it.
# Usage: ./create-cluster.sh            (needs docker, kind and kubectl on PATH)
#        NODE_IMAGE=kindest/node:... ./create-cluster.sh   to try another Kubernetes version
set -euo pipefail

CLUSTER_NAME="${CLUSTER_NAME:-lumen}"
IMAGE="${IMAGE:-lumen:0.1.0}"
# #region node-image
# From the release notes of kind v0.33.0: tag AND digest, because a tag alone may point at a
# node image built for a different kind release.
NODE_IMAGE="${NODE_IMAGE:-kindest/node:v1.36.4@sha256:099e049362a1526b2db71494e1947aae99bd16290d7c895f2b7ea312e3cbfaed}"
# #endregion node-image

# #region config
# The cluster's shape: one control-plane node and two workers. With more than one node, kind keeps
# the control plane's NoSchedule taint, so Lumen's pods run on the workers only: two of them let the
# scheduler spread the pods, and let you drain one while the PDB keeps Lumen up.
# kind reads the configuration from standard input when given --config=-.
kind create cluster --name "$CLUSTER_NAME" --wait 120s --config=- <<YAML
kind: Cluster
apiVersion: kind.x-k8s.io/v1alpha4
nodes:
  - role: control-plane
    image: ${NODE_IMAGE}
  - role: worker
    image: ${NODE_IMAGE}
  - role: worker
    image: ${NODE_IMAGE}
YAML
# #endregion config

# #region load
# kind nodes cannot see the images on your laptop: copy the image into every node. Through a
# single-platform archive, because `kind load docker-image` can fail under Docker's containerd
# image store with "ctr: content digest sha256:...: not found" (chapter 51).
# (Build it first with chapter 51's scripts/ship.sh, or: docker build -t lumen:0.1.0 .)
ARCH="${ARCH:-$(uname -m | sed 's/x86_64/amd64/; s/aarch64/arm64/')}"
archive="$(mktemp -d)/lumen.tar"
docker image save --platform "linux/$ARCH" --output "$archive" "$IMAGE"
kind load image-archive "$archive" --name "$CLUSTER_NAME"
rm -f "$archive"
# #endregion load

kubectl cluster-info --context "kind-${CLUSTER_NAME}"
kubectl get nodes -o wide
