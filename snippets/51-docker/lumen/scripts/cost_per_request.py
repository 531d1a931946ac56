"""Estimate what one Lumen request costs, with the arithmetic shown.

Two parts add up: the share of a machine the container reserves (its CPU and
memory limits), spread over the requests it serves in an hour, and the model
tokens the request uses. Every input is a flag; the defaults are ASSUMPTIONS
for illustration, not prices or measurements. Put in your provider's current
prices and the throughput you measured.

    python3 scripts/cost_per_request.py
    python3 scripts/cost_per_request.py --rps 35 --node-price 0.19
"""

from __future__ import annotations

import argparse


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    #region inputs
    add = parser.add_argument
    add("--cpu", type=float, default=0.5, help="container CPU limit (cores)")
    add("--memory-gib", type=float, default=0.5, help="container memory limit (GiB)")
    add("--node-cpu", type=float, default=2, help="cores on the machine")
    add("--node-memory-gib", type=float, default=8, help="memory on the machine (GiB)")
    add("--node-price", type=float, default=0.10, help="machine price, USD per hour")
    add("--rps", type=float, default=20, help="requests per second one container sustains")
    add("--input-tokens", type=int, default=400, help="prompt tokens per request")
    add("--output-tokens", type=int, default=150, help="completion tokens per request")
    add("--input-price", type=float, default=0.50, help="USD per million input tokens")
    add("--output-price", type=float, default=1.50, help="USD per million output tokens")
    #endregion inputs
    a = parser.parse_args()

    #region arithmetic
    cpu_share = a.cpu / a.node_cpu
    memory_share = a.memory_gib / a.node_memory_gib
    share = max(cpu_share, memory_share)  # the scarcer resource decides
    container_hour = share * a.node_price
    requests_hour = a.rps * 3600
    infra = container_hour / requests_hour
    model = (a.input_tokens * a.input_price + a.output_tokens * a.output_price) / 1_000_000
    total = infra + model
    #endregion arithmetic

    print("container share of the machine")
    print(f"  cpu     {a.cpu} / {a.node_cpu} cores = {cpu_share:.2%}")
    print(f"  memory  {a.memory_gib} / {a.node_memory_gib} GiB = {memory_share:.2%}")
    print(f"  share   max of the two = {share:.2%}")
    print("infrastructure per request")
    print(f"  {share:.2%} x ${a.node_price:.2f}/h = ${container_hour:.4f} per container-hour")
    print(f"  {a.rps:g} req/s x 3600 s = {requests_hour:,.0f} requests per hour")
    print(f"  ${container_hour:.4f} / {requests_hour:,.0f} = ${infra:.8f}")
    print("model tokens per request (real provider; the offline provider costs $0)")
    print(f"  {a.input_tokens} x ${a.input_price:.2f}/M + {a.output_tokens} x ${a.output_price:.2f}/M = ${model:.8f}")
    print("total")
    print(f"  ${infra:.8f} + ${model:.8f} = ${total:.8f} per request")
    print(f"  = ${total * 1000:.4f} per 1,000 requests; tokens are {model / total:.1%} of it")


if __name__ == "__main__":
    main()
