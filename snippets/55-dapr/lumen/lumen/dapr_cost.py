"""Chapter 55's addition to the book's cost model (lumen/cost.py): what Dapr adds to a month.

    python3 -m lumen.dapr_cost                      # the book's assumptions, arithmetic printed
    python3 -m lumen.dapr_cost --sidecar-cpu 0.25   # a heavier sidecar

Lumen is now two apps, each pod with a daprd container beside it. The scheduler packs pods by their
requests, so the sidecars' requests count like the apps' own (the injector sets none unless the
dapr.io/sidecar-cpu-request and -memory-request annotations do: then they count as zero and the
node is overcommitted). One Lumen "unit" is one lumen pod plus one lumen-tools pod; this module
feeds that unit's requests into lumen.cost.report(), so everything else (tokens, fixed costs) is
the same arithmetic as chapters 50-54. Dapr's control plane (operator, placement, scheduler, sentry,
injector) is a fixed cost per cluster. Every price and size is an ASSUMPTION passed as a flag.
"""

from __future__ import annotations

import argparse
import asyncio
from dataclasses import dataclass, fields, replace

from lumen.cost import HOURS_PER_MONTH, Inputs, report, sample_usage


# #region inputs
@dataclass(frozen=True)
class DaprInputs:
    # the two apps' own requests (lumen's come from Inputs.pod_cpu / pod_memory_gib)
    tools_cpu: float = 0.10
    tools_memory_gib: float = 0.125
    # one daprd per pod, as set with dapr.io/sidecar-cpu-request: 100m, -memory-request: 128Mi
    sidecar_cpu: float = 0.10
    sidecar_memory_gib: float = 0.125
    # Dapr's control plane (3 replicas of placement and scheduler in HA mode, plus the rest), per cluster
    control_plane_cpu: float = 1.0
    control_plane_memory_gib: float = 1.5
# #endregion inputs


# #region arithmetic
def dapr_report(base: Inputs, d: DaprInputs, prompt: float, completion: float) -> list[str]:
    unit_cpu = base.pod_cpu + d.tools_cpu + 2 * d.sidecar_cpu
    unit_memory = base.pod_memory_gib + d.tools_memory_gib + 2 * d.sidecar_memory_gib
    node_cpu, node_memory = base.node_cpu * base.allocatable, base.node_memory_gib * base.allocatable
    # the control plane's share of the node price, by whichever resource it uses more of
    share = max(d.control_plane_cpu / node_cpu, d.control_plane_memory_gib / node_memory)
    control_month = share * base.node_hour * HOURS_PER_MONTH
    with_dapr = replace(base, pod_cpu=unit_cpu, pod_memory_gib=unit_memory,
                        control_plane_month=base.control_plane_month + control_month)
    lines = [
        f"a Lumen unit = lumen {base.pod_cpu:g} vCPU/{base.pod_memory_gib:g} GiB + lumen-tools {d.tools_cpu:g}/{d.tools_memory_gib:g}"
        f" + 2 sidecars x {d.sidecar_cpu:g}/{d.sidecar_memory_gib:g} = {unit_cpu:g} vCPU, {unit_memory:g} GiB requested",
        f"sidecars' share of the unit: {2 * d.sidecar_cpu / unit_cpu:.0%} of its CPU, {2 * d.sidecar_memory_gib / unit_memory:.0%} of its memory",
        f"Dapr control plane: max({d.control_plane_cpu:g} / {node_cpu:.2f} vCPU, {d.control_plane_memory_gib:g} / {node_memory:.2f} GiB)"
        f" = {share:.1%} of a node x ${base.node_hour:g} x {HOURS_PER_MONTH} h = ${control_month:,.2f} a month (in 7. fixed)",
    ]
    return lines + report(with_dapr, prompt, completion)
# #endregion arithmetic


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python3 -m lumen.dapr_cost", description=__doc__.splitlines()[0])
    for dataclass_type in (Inputs, DaprInputs):
        for field in fields(dataclass_type):
            value = field.default
            parser.add_argument(f"--{field.name.replace('_', '-')}", type=type(value), default=value, metavar="N",
                                help=f"default {value:g}")
    args = vars(parser.parse_args(argv))
    base = Inputs(**{f.name: args[f.name] for f in fields(Inputs)})
    dapr = DaprInputs(**{f.name: args[f.name] for f in fields(DaprInputs)})
    prompt, completion = asyncio.run(sample_usage())
    print("\n".join(dapr_report(base, dapr, prompt, completion)))


if __name__ == "__main__":
    main()
