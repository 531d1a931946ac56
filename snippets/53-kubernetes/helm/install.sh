#!/usr/bin/env bash
# Layer 5: install (or upgrade) Lumen from the chart. The same command serves every environment;
# only the values file changes.
set -euo pipefail
# #region install
helm lint ./lumen
helm template lumen ./lumen --namespace lumen -f values-dev.yaml >/dev/null   # renders, or fails loudly
helm upgrade --install lumen ./lumen --namespace lumen --create-namespace \
  -f values-dev.yaml --wait --timeout 3m
helm list --namespace lumen
# #endregion install
