#!/usr/bin/env bash
# Writes a kubeconfig for the lumen-deployer ServiceAccount (l6-rbac.yaml) with a one-hour token, so
# the L6 agent runs with those rights and not with yours. The token goes into a file only you can
# read, never onto a command line.
#   bash l6-kubeconfig.sh > /dev/null; KUBECONFIG=$HOME/.kube/lumen-deployer claude ...
set -euo pipefail
out="${OUT:-$HOME/.kube/lumen-deployer}"
# #region kubeconfig
server="$(kubectl config view --minify -o jsonpath='{.clusters[0].cluster.server}')"
ca="$(kubectl config view --minify --raw -o jsonpath='{.clusters[0].cluster.certificate-authority-data}')"
token="$(kubectl create token lumen-deployer -n lumen --duration 1h)"
umask 077
cat > "$out" <<YAML
apiVersion: v1
kind: Config
clusters: [{name: kind-lumen, cluster: {server: "$server", certificate-authority-data: "$ca"}}]
users: [{name: lumen-deployer, user: {token: "$token"}}]
contexts: [{name: kind-lumen, context: {cluster: kind-lumen, user: lumen-deployer, namespace: lumen}}]
current-context: kind-lumen
YAML
# #endregion kubeconfig
echo "wrote $out (expires in one hour)"
