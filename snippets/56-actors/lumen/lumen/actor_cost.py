"""What actors add to Lumen's cost model (chapter 55's lumen.dapr_cost on chapter 50's lumen.cost):

    python3 -m lumen.actor_cost          # the book's assumptions, arithmetic printed
    python3 -m lumen.actor_cost --state-op-price 0 --extra-replicas 0

Chapter 55 already pays for a daprd sidecar in every pod and for Dapr's control plane, placement and
scheduler included (3 + 3 replicas in high-availability mode). Actors add two things, each an ASSUMPTION
passed as a flag:
  * replicas: k8s/deployment.yaml runs three lumen pods, so that placement has hosts to spread actor ids
    over and a failed host loses a third of them, where chapter 55's model keeps two;
  * state operations: each turn reads and writes the conversation and the budget, and registers the
    idle reminder, priced per million operations on a store that bills that way.
Standard library only.
"""

from __future__ import annotations

import argparse
import asyncio
import math
from dataclasses import dataclass

from lumen.cost import HOURS_PER_MONTH, Inputs, sample_usage
from lumen.dapr_cost import DaprInputs, dapr_report


# #region inputs
@dataclass(frozen=True)
class ActorInputs:
    extra_replicas: int = 1  # lumen pods beyond chapter 55's two (k8s/deployment.yaml runs 3)
    state_ops_per_turn: int = 8  # 4 reads + 4 writes in the worst case (see the chapter)
    state_op_price: float = 0.25  # USD per million operations (assumed)
# #endregion inputs


def month_total(lines: list[str]) -> float:
    """The monthly total from chapter 50's report (its last line starts with "total $")."""
    return float(lines[-1].split()[1].removeprefix("$").replace(",", ""))


# #region arithmetic
def actor_report(base: Inputs, d: DaprInputs, a: ActorInputs, prompt: float, completion: float) -> list[str]:
    before = month_total(dapr_report(base, d, prompt, completion))
    # one more lumen pod with its sidecar, packed on its own terms
    pod_cpu, pod_memory = base.pod_cpu + d.sidecar_cpu, base.pod_memory_gib + d.sidecar_memory_gib
    node_cpu, node_memory = base.node_cpu * base.allocatable, base.node_memory_gib * base.allocatable
    per_node = math.floor(min(node_cpu / pod_cpu, node_memory / pod_memory))
    replica_month = a.extra_replicas * base.node_hour / per_node * HOURS_PER_MONTH
    ops = base.requests_per_month * a.state_ops_per_turn
    ops_month = ops / 1e6 * a.state_op_price
    after = before + replica_month + ops_month
    return [
        f"chapter 55's month (python3 -m lumen.dapr_cost): ${before:,.2f}, sidecars and control plane included",
        "placement and scheduler: already in that control plane; with actors they start doing work",
        f"9. replicas  = {a.extra_replicas} more lumen pod(s) of {base.pod_cpu:g} + {d.sidecar_cpu:g} vCPU,"
        f" {base.pod_memory_gib:g} + {d.sidecar_memory_gib:g} GiB:"
        f" floor(min({node_cpu:.2f} / {pod_cpu:g}, {node_memory:.2f} / {pod_memory:g})) = {per_node} per node,"
        f" {a.extra_replicas} x ${base.node_hour:g} / {per_node} x {HOURS_PER_MONTH} h = ${replica_month:,.2f}",
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
    print("\n".join(actor_report(Inputs(), DaprInputs(), actors, prompt, completion)))


if __name__ == "__main__":
    main()
