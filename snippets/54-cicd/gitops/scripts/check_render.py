"""Check what an overlay renders to, before Argo CD ever sees it.

Reads the output of `kubectl kustomize OVERLAY` on standard input and checks two rules that keep
GitOps honest: every container image is referenced by digest, and no Deployment that an HPA scales
sets `replicas` (the HPA and Argo CD would fight over it). Exits 1 on any failure.

    kubectl kustomize overlays/prod | python3 scripts/check_render.py

Needs PyYAML.
"""

from __future__ import annotations

import sys
from typing import Any

import yaml


# #region rules
def problems(objects: list[dict[str, Any]]) -> list[str]:
    found: list[str] = []
    scaled = {
        o["spec"]["scaleTargetRef"]["name"]
        for o in objects
        if o.get("kind") == "HorizontalPodAutoscaler"
    }
    for o in objects:
        name = f"{o.get('kind')}/{o.get('metadata', {}).get('name')}"
        pod = o.get("spec", {}).get("template", {}).get("spec", {})
        for c in pod.get("containers", []) + pod.get("initContainers", []):
            if "@sha256:" not in c.get("image", ""):
                found.append(f"{name}: container {c.get('name')} uses {c.get('image')!r}, not a digest")
        if o.get("kind") == "Deployment" and o["metadata"]["name"] in scaled and "replicas" in o["spec"]:
            found.append(f"{name}: sets replicas although an HPA scales it")
    return found
# #endregion rules


def main() -> int:
    objects = [o for o in yaml.safe_load_all(sys.stdin) if o]
    found = problems(objects)
    for line in found:
        print(f"FAIL {line}")
    print(f"{len(objects)} objects, {len(found)} problem(s)")
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main())
