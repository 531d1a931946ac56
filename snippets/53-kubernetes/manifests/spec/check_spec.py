"""Check Lumen's live Kubernetes objects against spec/lumen-deployment-spec.md.

Reads a Kubernetes List in JSON on standard input (the output of `kubectl get ... -o json`),
prints one PASS/FAIL line per requirement id (R1-R11) and exits 1 if any requirement fails.

    kubectl get deployment,service,hpa,networkpolicy,pdb -n lumen -o json | python3 spec/check_spec.py

Standard library only.
"""

from __future__ import annotations

import json
import re
import sys
from collections.abc import Callable
from typing import Any

Obj = dict[str, Any]
SECRET_NAME = re.compile(r"KEY|TOKEN|SECRET|PASSWORD", re.IGNORECASE)


def find(items: list[Obj], kind: str, name: str = "lumen") -> Obj | None:
    for item in items:
        if item.get("kind") == kind and item.get("metadata", {}).get("name") == name:
            return item
    return None


def pod_spec(items: list[Obj]) -> Obj:
    deployment = find(items, "Deployment") or {}
    return deployment.get("spec", {}).get("template", {}).get("spec", {})


def containers(items: list[Obj]) -> list[Obj]:
    return pod_spec(items).get("containers", [])


def mebibytes(quantity: str) -> float:
    units = {"Ki": 1 / 1024, "Mi": 1, "Gi": 1024, "K": 1e3 / 2**20, "M": 1e6 / 2**20, "G": 1e9 / 2**20}
    for suffix, factor in units.items():
        if quantity.endswith(suffix):
            return float(quantity[: -len(suffix)]) * factor
    return float(quantity) / 2**20


# #region checks
def r1_image(items: list[Obj]) -> str | None:
    if find(items, "Deployment") is None:
        return "no Deployment named lumen"
    images = [c.get("image", "") for c in containers(items)]
    if "lumen:0.1.0" not in images:
        return f"images are {images}, expected lumen:0.1.0"
    return None


def r2_probes(items: list[Obj]) -> str | None:
    for c in containers(items):
        live = c.get("livenessProbe", {}).get("httpGet", {}).get("path")
        ready = c.get("readinessProbe", {}).get("httpGet", {}).get("path")
        if live != "/healthz" or ready != "/readyz" or "startupProbe" not in c:
            return f"{c.get('name')}: liveness={live} readiness={ready} startup={'startupProbe' in c}"
    return None


def r3_resources(items: list[Obj]) -> str | None:
    for c in containers(items):
        requests = c.get("resources", {}).get("requests", {})
        limits = c.get("resources", {}).get("limits", {})
        if "cpu" not in requests or "memory" not in requests or "memory" not in limits:
            return f"{c.get('name')}: requests={requests} limits={limits}"
        if mebibytes(limits["memory"]) < mebibytes(requests["memory"]):
            return f"{c.get('name')}: memory limit below request"
        if "cpu" in limits:
            return f"{c.get('name')}: a CPU limit of {limits['cpu']} throttles a latency-sensitive service; remove it"
    return None


def r4_security(items: list[Obj]) -> str | None:
    pod = pod_spec(items)
    if not pod.get("securityContext", {}).get("runAsNonRoot"):
        return "pod securityContext.runAsNonRoot is not true"
    if pod.get("automountServiceAccountToken") is not False:
        return "the service-account token is mounted"
    for c in containers(items):
        sc = c.get("securityContext", {})
        if sc.get("allowPrivilegeEscalation") is not False or not sc.get("readOnlyRootFilesystem"):
            return f"{c.get('name')}: privilege escalation or writable root filesystem"
        if "ALL" not in sc.get("capabilities", {}).get("drop", []):
            return f"{c.get('name')}: capabilities are not all dropped"
    return None


def r5_config(items: list[Obj]) -> str | None:
    for c in containers(items):
        sources = c.get("envFrom", [])
        if not any(s.get("configMapRef", {}).get("name") == "lumen-config" for s in sources):
            return f"{c.get('name')}: does not read lumen-config"
        for var in c.get("env", []):
            if SECRET_NAME.search(var.get("name", "")) and "value" in var:
                return f"{c.get('name')}: {var['name']} is a literal value, use the Secret"
    return None


def r6_service(items: list[Obj]) -> str | None:
    spec = (find(items, "Service") or {}).get("spec", {})
    ports = spec.get("ports", [])
    ok = any(p.get("port") == 80 and p.get("targetPort") in ("http", 8000) for p in ports)
    if spec.get("type") != "ClusterIP" or not ok:
        return f"type={spec.get('type')} ports={ports}"
    return None


def r7_autoscaling(items: list[Obj]) -> str | None:
    spec = (find(items, "HorizontalPodAutoscaler") or {}).get("spec", {})
    cpu = [m for m in spec.get("metrics", []) if m.get("resource", {}).get("name") == "cpu"]
    if spec.get("minReplicas", 1) < 2 or spec.get("maxReplicas", 0) > 5 or not cpu:
        return f"min={spec.get('minReplicas')} max={spec.get('maxReplicas')} cpu metric={bool(cpu)}"
    return None


def r8_network(items: list[Obj]) -> str | None:
    spec = (find(items, "NetworkPolicy") or {}).get("spec", {})
    selects = spec.get("podSelector", {}).get("matchLabels", {}).get("app.kubernetes.io/name")
    if selects != "lumen" or sorted(spec.get("policyTypes", [])) != ["Egress", "Ingress"]:
        return f"selects={selects} policyTypes={spec.get('policyTypes')}"
    return None


def r9_disruption(items: list[Obj]) -> str | None:
    spec = (find(items, "PodDisruptionBudget") or {}).get("spec", {})
    if int(spec.get("minAvailable", 0)) < 1:
        return f"minAvailable={spec.get('minAvailable')}"
    if spec.get("unhealthyPodEvictionPolicy") != "AlwaysAllow":
        return f"unhealthyPodEvictionPolicy={spec.get('unhealthyPodEvictionPolicy')}: a not-ready pod would block drains"
    return None


SHUTDOWN_S = 25  # uvicorn's --timeout-graceful-shutdown in the image's CMD (chapter 51)


def r10_termination(items: list[Obj]) -> str | None:
    grace = pod_spec(items).get("terminationGracePeriodSeconds", 30)
    for c in containers(items):
        sleep = c.get("lifecycle", {}).get("preStop", {}).get("sleep", {}).get("seconds", 0)
        if sleep < 1:
            return f"{c.get('name')}: no preStop sleep: new connections can reach a pod that stopped accepting"
        if grace < sleep + SHUTDOWN_S:
            return f"grace period {grace}s < preStop {sleep}s + {SHUTDOWN_S}s for running streams"
    return None


def r11_spread(items: list[Obj]) -> str | None:
    keys = [t.get("topologyKey") for t in pod_spec(items).get("topologySpreadConstraints", [])]
    if "kubernetes.io/hostname" not in keys:
        return f"topology keys {keys}: all pods may land on one node"
    return None
# #endregion checks


CHECKS: list[tuple[str, str, Callable[[list[Obj]], str | None]]] = [
    ("R1", "pinned image", r1_image),
    ("R2", "probes", r2_probes),
    ("R3", "requests and limits", r3_resources),
    ("R4", "non-root, least privilege", r4_security),
    ("R5", "config and secrets", r5_config),
    ("R6", "service", r6_service),
    ("R7", "autoscaling", r7_autoscaling),
    ("R8", "network policy", r8_network),
    ("R9", "disruption budget", r9_disruption),
    ("R10", "graceful termination", r10_termination),
    ("R11", "spread across nodes", r11_spread),
]


def main() -> int:
    items = json.load(sys.stdin).get("items", [])
    failures = 0
    for rid, title, check in CHECKS:
        problem = check(items)
        failures += problem is not None
        print(f"{'FAIL' if problem else 'PASS'} {rid} {title}" + (f": {problem}" if problem else ""))
    print(f"{len(CHECKS) - failures}/{len(CHECKS)} requirements met")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
