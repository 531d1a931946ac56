#!/usr/bin/env bash
# Turns cluster.env into the ConfigMap lumen-config, without touching any cluster (--dry-run=client).
#   bash config/render.sh
set -euo pipefail
cd "$(dirname "$0")"

# #region render
kubectl create configmap lumen-config --namespace lumen \
  --from-env-file=cluster.env --dry-run=client -o yaml
# #endregion render
