"""Writes the rule groups of a PrometheusRule as a plain Prometheus rules file, for promtool.

    python3 scripts/rules_file.py k8s/prometheusrule.yaml promtool/lumen-slo.rules.yaml

The operator hands Prometheus exactly the resource's `spec` (its `groups`), so the file promtool checks
is the one the cluster would load; nothing is copied by hand.
"""

import sys

import yaml


def main(source: str, target: str) -> int:
    with open(source, encoding="utf-8") as handle:
        resource = yaml.safe_load(handle)
    if resource.get("kind") != "PrometheusRule":
        print(f"{source}:1:1: expected kind PrometheusRule, found {resource.get('kind')!r}", file=sys.stderr)
        return 1
    with open(target, "w", encoding="utf-8") as handle:
        yaml.safe_dump({"groups": resource["spec"]["groups"]}, handle, sort_keys=False)
    return 0


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:3]))
