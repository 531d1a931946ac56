#!/usr/bin/env bash
# The consumer's key, generated here and stored only in the cluster: a Secret Kong reads because of
# its label. The key is never printed; hand it to the client through your secret store.
set -euo pipefail
ns="${NAMESPACE:-default}"
key="$(head -c 32 /dev/urandom | base64 | tr -d '=+/\n')"
kubectl create secret generic team-a-key -n "$ns" --from-literal=key="$key"
kubectl label secret team-a-key -n "$ns" konghq.com/credential=key-auth
kubectl get secret team-a-key -n "$ns" -o jsonpath='{.metadata.labels}{"\n"}'
