#!/usr/bin/env bash
# Deletes the chapter's kind cluster and everything in it.
set -euo pipefail
kind delete cluster --name "${CLUSTER_NAME:-lumen}"
