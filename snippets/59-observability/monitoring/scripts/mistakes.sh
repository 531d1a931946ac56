#!/usr/bin/env bash
# The ServiceMonitor mistake the chapter names, sent to the API server with --dry-run=server (the
# operator's CRD schema runs, nothing is stored): `scrapeProtocols` written under an endpoint instead
# of under spec. Prints what kubectl says, first with its default strict field validation, then with
# validation off, which is what a client that skips it gets.
set -euo pipefail
ns="${NAMESPACE:-default}"

# #region misplaced
manifest='
apiVersion: monitoring.coreos.com/v1
kind: ServiceMonitor
metadata: { name: lumen-misplaced }
spec:
  selector: { matchLabels: { app.kubernetes.io/name: lumen } }
  endpoints:
    - port: http
      scrapeProtocols: [OpenMetricsText1.0.0]
'
# #endregion misplaced

if out="$(kubectl apply --dry-run=server -n "$ns" -f - <<<"$manifest" 2>&1)"; then
  echo "strict: accepted, but it should have been rejected"; echo "$out"; exit 1
fi
echo "strict (kubectl's default):"; echo "  $out"
echo "--validate=false:"
echo "  $(kubectl apply --dry-run=server --validate=false -n "$ns" -f - <<<"$manifest" 2>&1)"
