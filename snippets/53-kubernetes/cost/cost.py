"""Estimate what one Lumen request costs on Kubernetes, showing every step of the arithmetic.

Takes the pod's resource requests, the node's size and hourly price, the throughput one pod sustains
at the HPA's CPU target, and (for a real model) token counts and prices; prints the cost per request
and per 1,000 requests. Every default is an ASSUMPTION to replace with your own measurements and your
provider's prices: the point is the method, not the numbers.

    python3 cost.py                                  # the offline provider: infrastructure only
    python3 cost.py --input-tokens 600 --output-tokens 200 --usd-per-m-input 0.15 --usd-per-m-output 0.60

Standard library only.
"""

from __future__ import annotations

import argparse
import math


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    # #region inputs
    p.add_argument("--node-vcpu", type=float, default=4.0, help="vCPUs per node")
    p.add_argument("--node-mem-gib", type=float, default=16.0, help="memory per node, GiB")
    p.add_argument("--node-usd-per-hour", type=float, default=0.20, help="node price, USD per hour")
    p.add_argument("--allocatable", type=float, default=0.90, help="share of a node left for pods")
    p.add_argument("--pod-cpu", type=float, default=0.250, help="CPU request per pod, vCPU (250m)")
    p.add_argument("--pod-mem-gib", type=float, default=0.250, help="memory request per pod, GiB (256Mi)")
    p.add_argument("--rps-per-pod", type=float, default=8.0, help="requests/s one pod sustains at the HPA target")
    p.add_argument("--utilisation", type=float, default=0.50, help="average share of that capacity in use over a day")
    p.add_argument("--input-tokens", type=int, default=0, help="model input tokens per request")
    p.add_argument("--output-tokens", type=int, default=0, help="model output tokens per request")
    p.add_argument("--usd-per-m-input", type=float, default=0.0, help="USD per million input tokens")
    p.add_argument("--usd-per-m-output", type=float, default=0.0, help="USD per million output tokens")
    # #endregion inputs
    return p.parse_args(argv)


def main(argv: list[str] | None = None) -> None:
    a = parse_args(argv)
    # #region arithmetic
    cpu = a.node_vcpu * a.allocatable
    mem = a.node_mem_gib * a.allocatable
    print(f"1. Allocatable per node   = {a.node_vcpu:g} vCPU x {a.allocatable:.0%} = {cpu:.2f} vCPU;"
          f" {a.node_mem_gib:g} GiB x {a.allocatable:.0%} = {mem:.2f} GiB")

    by_cpu, by_mem = cpu / a.pod_cpu, mem / a.pod_mem_gib
    pods = math.floor(min(by_cpu, by_mem))
    print(f"2. Pods per node          = floor(min({cpu:.2f} / {a.pod_cpu:g}, {mem:.2f} / {a.pod_mem_gib:g}))"
          f" = floor(min({by_cpu:.1f}, {by_mem:.1f})) = {pods}  ({'CPU' if by_cpu <= by_mem else 'memory'} is the limit)")

    pod_hour = a.node_usd_per_hour / pods
    print(f"3. Cost per pod-hour      = ${a.node_usd_per_hour:.4f} / {pods} = ${pod_hour:.6f}")

    served = a.rps_per_pod * 3600 * a.utilisation
    print(f"4. Requests per pod-hour  = {a.rps_per_pod:g} req/s x 3600 s x {a.utilisation:.0%} = {served:,.0f}")

    infra = pod_hour / served
    print(f"5. Infrastructure/request = ${pod_hour:.6f} / {served:,.0f} = ${infra:.8f}")

    model = (a.input_tokens * a.usd_per_m_input + a.output_tokens * a.usd_per_m_output) / 1_000_000
    print(f"6. Model/request          = ({a.input_tokens} x ${a.usd_per_m_input:g}"
          f" + {a.output_tokens} x ${a.usd_per_m_output:g}) / 1,000,000 = ${model:.8f}")

    total = infra + model
    print(f"7. Total per request      = ${infra:.8f} + ${model:.8f} = ${total:.8f}")
    print(f"   Per 1,000 requests     = ${total * 1000:.4f}"
          + (f"  (the model is {model / total:.1%} of it)" if total and model else ""))
    # #endregion arithmetic


if __name__ == "__main__":
    main()
