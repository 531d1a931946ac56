"""What actors add to Lumen's cost model (chapter 50's lumen.cost), with the arithmetic printed:

    python3 -m lumen.actor_cost          # the book's assumptions
    python3 -m lumen.actor_cost --state-op-price 0 --control-plane-pods 3

Three changes, each an ASSUMPTION passed as a flag:
  * every pod carries a daprd sidecar, whose requests are added to the pod's (so fewer pods fit a node);
  * placement and scheduler run as pods of their own (3 + 3 in high-availability mode);
  * each turn makes state operations: reads and writes of the conversation and the budget, and the
    idle reminder's registration, priced per million operations on a store that bills that way.
Standard library only.
"""

from __future__ import annotations

import argparse
import asyncio
from dataclasses import dataclass, replace

from lumen.cost import HOURS_PER_MONTH, Inputs, report, sample_usage


# #region inputs
@dataclass(frozen=True)
class ActorInputs:
    sidecar_cpu: float = 0.10  # dapr.io/sidecar-cpu-request
    sidecar_memory_gib: float = 0.125  # dapr.io/sidecar-memory-request (128Mi)
    control_plane_pods: int = 6  # placement x3 + scheduler x3
    control_plane_pod_cpu: float = 0.10
    state_ops_per_turn: int = 8  # 4 reads + 4 writes in the worst case (see the chapter)
    state_op_price: float = 0.25  # USD per million operations (assumed)
# #endregion inputs


def month_total(lines: list[str]) -> float:
    """The monthly total from chapter 50's report (its last line starts with "total $")."""
    return float(lines[-1].split()[1].removeprefix("$").replace(",", ""))


# #region arithmetic
def actor_report(base: Inputs, a: ActorInputs, prompt: float, completion: float) -> list[str]:
    with_sidecar = replace(base, pod_cpu=base.pod_cpu + a.sidecar_cpu,
                           pod_memory_gib=base.pod_memory_gib + a.sidecar_memory_gib)
    before = month_total(report(base, prompt, completion))
    lines = report(with_sidecar, prompt, completion)
    node_cpu = base.node_cpu * base.allocatable
    control = a.control_plane_pods * a.control_plane_pod_cpu
    control_month = control / node_cpu * base.node_hour * HOURS_PER_MONTH
    ops = base.requests_per_month * a.state_ops_per_turn
    ops_month = ops / 1e6 * a.state_op_price
    after = month_total(lines) + control_month + ops_month
    return [
        f"chapter 50's model with the sidecar in every pod ({base.pod_cpu:g} + {a.sidecar_cpu:g} vCPU,"
        f" {base.pod_memory_gib:g} + {a.sidecar_memory_gib:g} GiB):",
        *lines,
        "actors add:",
        f"9. control    = {a.control_plane_pods} pods x {a.control_plane_pod_cpu:g} vCPU = {control:.2f} vCPU"
        f" = {control:.2f} / {node_cpu:.2f} of a node x ${base.node_hour:g} x {HOURS_PER_MONTH} h"
        f" = ${control_month:,.2f}",
        f"10. state ops = {base.requests_per_month:,.0f} turns x {a.state_ops_per_turn} = {ops:,.0f}"
        f" x ${a.state_op_price:g}/1M = ${ops_month:,.2f}",
        f"with actors ${after:,.2f} a month, without ${before:,.2f}: {after - before:+,.2f}"
        f" ({(after - before) / before:+.1%})",
    ]
# #endregion arithmetic


def main(argv: list[str] | None = None) -> None:
    defaults = ActorInputs()
    parser = argparse.ArgumentParser(prog="python3 -m lumen.actor_cost", description=__doc__.splitlines()[0])
    for name, value in vars(defaults).items():
        parser.add_argument(f"--{name.replace('_', '-')}", type=type(value), default=value, metavar="N",
                            help=f"default {value:g}")
    actors = ActorInputs(**vars(parser.parse_args(argv)))
    prompt, completion = asyncio.run(sample_usage())
    base = Inputs(min_replicas=3)  # k8s/deployment.yaml runs three replicas to host the actors
    print("\n".join(actor_report(base, actors, prompt, completion)))


if __name__ == "__main__":
    main()
