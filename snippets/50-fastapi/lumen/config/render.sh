#!/usr/bin/env bash
# Turns cluster.env into the ConfigMap lumen-config, without touching any cluster (--dry-run=client).
#   bash config/render.sh
set -euo pipefail
cd "$(dirname "$0")"

# The recorded outputs come from kubectl 1.36. kubectl 1.32 and older add a `creationTimestamp: null`
# line to every object they generate; drop it so an older client prints the same YAML. (With 1.33 and
# later this filter changes nothing.)
kubectl() { command kubectl "$@" | sed '/^ *creationTimestamp: null$/d'; }

# #region render
kubectl create configmap lumen-config --namespace lumen \
  --from-env-file=cluster.env --dry-run=client -o yaml
# #endregion render
