"""Lumen's cost model: what a request costs, and what a month costs. One model for all of Part 7.

    python3 -m lumen.cost                               # the book's assumptions, arithmetic printed
    python3 -m lumen.cost --input-price 0 --output-price 0 --reasoning-tokens 0   # offline: platform only
    python3 -m lumen.cost --from-metrics metrics.txt --sidecar-cpu 0.1 --sidecar-memory-gib 0.125
                                        # chapter 59: tokens per execution measured by a load run

Three kinds of cost add up, and each chapter that changes one of them extends this file:
  * model tokens per request: prompt tokens at the input price; completion tokens, which include a
    reasoning model's hidden reasoning tokens, at the output price;
  * compute: the pods' resource *requests* bin-packed onto priced nodes (requests, not limits: a node
    is full when its requests are, see chapter 53), at least minReplicas of them all month;
  * fixed costs that do not shrink with traffic: the cluster's control plane, a load balancer, and the
    log volume every request (and every logged probe) adds.

Token counts come from running the agent (offline provider) over sample questions, so they are the
shape of traffic, not billed tokens: with a real model, use lumen_tokens_total{source="provider"}.
Chapter 59 adds --from-metrics: tokens per agent execution read from a /metrics scrape (counters
divided by the requests they served), and a sidecar's requests (Dapr's daprd, chapters 55-58),
which a node has to fit next to every Lumen container.
Every price is an ASSUMPTION passed as a flag; look up your provider's and cloud's current prices.
Standard library only.
"""

from __future__ import annotations

import argparse
import asyncio
import math
from dataclasses import dataclass
from pathlib import Path

from lumen.agent import Agent
from lumen.providers.offline import OfflineProvider

SAMPLE = ["What is 6 * 7?", "What is a sidecar?", "What is a readiness probe?", "What is (1200 * 0.8) / 3?"]
HOURS_PER_MONTH = 730


# #region prices
@dataclass(frozen=True)
class Prices:
    input_per_million: float = 0.25   # USD per million prompt tokens (an assumption: look yours up)
    output_per_million: float = 2.00  # USD per million completion tokens, reasoning tokens included


def token_cost(prompt_tokens: float, completion_tokens: float, prices: Prices = Prices()) -> float:
    """USD for one model call. completion_tokens includes reasoning tokens: they are billed as output."""
    return (prompt_tokens * prices.input_per_million + completion_tokens * prices.output_per_million) / 1e6
# #endregion prices


# #region inputs
@dataclass(frozen=True)
class Inputs:
    # model (USD per million tokens; reasoning tokens are billed as output)
    input_price: float = Prices.input_per_million
    output_price: float = Prices.output_per_million
    reasoning_tokens: float = 200  # per request, assumed; measure lumen_tokens_total{kind="reasoning"}
    # compute: one pod's requests, and the node it is packed onto
    pod_cpu: float = 0.25
    pod_memory_gib: float = 0.25
    sidecar_cpu: float = 0.0  # a sidecar's requests in the same pod (daprd: set yours; chapter 59)
    sidecar_memory_gib: float = 0.0
    node_cpu: float = 4
    node_memory_gib: float = 16
    node_hour: float = 0.20
    allocatable: float = 0.90  # share of a node left for pods after the system reserves its part
    rps_per_pod: float = 8  # what one pod sustains at the HPA's CPU target (measure it)
    utilisation: float = 0.50  # average share of that capacity used over a day
    min_replicas: int = 2
    # fixed, per month
    control_plane_month: float = 73.0
    load_balancer_month: float = 18.0
    log_bytes_per_request: float = 600  # two JSON lines (request, usage) of about 300 bytes
    log_gib_price: float = 0.50
    requests_per_month: float = 1_000_000
# #endregion inputs


async def sample_usage() -> tuple[float, float]:
    """Average prompt and completion tokens per request over SAMPLE, answered offline."""
    agent = Agent(OfflineProvider())
    answers = [await agent.answer(question) for question in SAMPLE]
    return (sum(a.usage.prompt_tokens for a in answers) / len(answers),
            sum(a.usage.completion_tokens for a in answers) / len(answers))


# #region arithmetic
def report(i: Inputs, prompt: float, completion: float,
           source: str = f"sample of {len(SAMPLE)}, offline: words") -> list[str]:
    """The whole calculation, one printed line per step."""
    output = completion + i.reasoning_tokens
    model = token_cost(prompt, output, Prices(i.input_price, i.output_price))
    cpu, memory = i.node_cpu * i.allocatable, i.node_memory_gib * i.allocatable
    pod_cpu, pod_memory = i.pod_cpu + i.sidecar_cpu, i.pod_memory_gib + i.sidecar_memory_gib
    by_cpu, by_memory = cpu / pod_cpu, memory / pod_memory
    per_node = math.floor(min(by_cpu, by_memory))
    pod_hour = i.node_hour / per_node
    served_per_hour = i.rps_per_pod * 3600 * i.utilisation
    compute = pod_hour / served_per_hour
    average_rps = i.requests_per_month / (HOURS_PER_MONTH * 3600)
    pods = max(i.min_replicas, math.ceil(average_rps / (i.rps_per_pod * i.utilisation)))
    pods_month = pods * HOURS_PER_MONTH * pod_hour
    log_gib = i.requests_per_month * i.log_bytes_per_request / 2**30
    fixed = i.control_plane_month + i.load_balancer_month + log_gib * i.log_gib_price
    tokens_month = i.requests_per_month * model
    month = tokens_month + pods_month + fixed
    return [
        f"tokens per request: {prompt:.1f} prompt + {completion:.1f} completion ({source})"
        f" + {i.reasoning_tokens:g} reasoning (assumed)",
        f"1. model      = {prompt:.1f} x ${i.input_price:g}/1M + ({completion:.1f} + {i.reasoning_tokens:g})"
        f" x ${i.output_price:g}/1M = ${model:.8f} per request",
        f"2. pods/node  = floor(min({cpu:.2f} vCPU / {pod_cpu:g}, {memory:.2f} GiB / {pod_memory:g}))"
        f" = {per_node} ({'CPU' if by_cpu <= by_memory else 'memory'} decides)",
        f"3. pod-hour   = ${i.node_hour:g} per node-hour / {per_node} = ${pod_hour:.6f}",
        f"4. compute    = ${pod_hour:.6f} / ({i.rps_per_pod:g} req/s x 3600 s x {i.utilisation:.0%})"
        f" = ${compute:.8f} per request",
        f"5. at scale   = ${model + compute:.8f} per request, ${(model + compute) * 1000:.4f} per 1,000",
        f"a month of {i.requests_per_month:,.0f} requests ({average_rps:.2f} req/s on average):",
        f"6. pods       = max({i.min_replicas} minReplicas, ceil({average_rps:.2f} / {i.rps_per_pod * i.utilisation:g}))"
        f" = {pods} x {HOURS_PER_MONTH} h x ${pod_hour:.6f} = ${pods_month:,.2f}",
        f"7. fixed      = control plane ${i.control_plane_month:,.2f} + load balancer ${i.load_balancer_month:,.2f}"
        f" + logs {log_gib:.2f} GiB x ${i.log_gib_price:g} = ${fixed:,.2f}",
        f"8. tokens     = {i.requests_per_month:,.0f} x ${model:.8f} = ${tokens_month:,.2f}",
        f"total ${month:,.2f} a month = ${month / i.requests_per_month:.8f} per request:"
        f" model {share(tokens_month, month)}, pods {share(pods_month, month)}, fixed {share(fixed, month)}",
    ]
# #endregion arithmetic


# #region from-metrics
def measured_usage(scrape: str) -> tuple[float, float, float]:
    """Prompt and completion tokens per answered /v1/ask, and the answer count, from a /metrics scrape."""
    from prometheus_client.parser import text_string_to_metric_families  # only this path needs it

    tokens = {"prompt": 0.0, "completion": 0.0}
    answered = 0.0
    for family in text_string_to_metric_families(scrape):
        for sample in family.samples:
            if sample.name == "lumen_tokens_total" and sample.labels.get("kind") in tokens:
                tokens[sample.labels["kind"]] += sample.value
            if (sample.name == "lumen_requests_total" and sample.labels.get("route") == "/v1/ask"
                    and sample.labels.get("status") == "200"):
                answered += sample.value
    if not answered:
        raise SystemExit("lumen.cost: the scrape has no lumen_requests_total{route=\"/v1/ask\",status=\"200\"}:"
                         " run the load test first (python3 scripts/load.py)")
    return tokens["prompt"] / answered, tokens["completion"] / answered, answered
# #endregion from-metrics


def share(part: float, whole: float) -> str:
    return f"{part / whole:.1%}" if whole else "0.0%"


def main(argv: list[str] | None = None) -> None:
    defaults = Inputs()
    parser = argparse.ArgumentParser(prog="python3 -m lumen.cost", description=__doc__.splitlines()[0])
    for name, value in vars(defaults).items():
        parser.add_argument(f"--{name.replace('_', '-')}", type=type(value), default=value, metavar="N",
                            help=f"default {value:g}")
    parser.add_argument("--from-metrics", metavar="FILE", help="a /metrics scrape to measure tokens from")
    options = vars(parser.parse_args(argv))
    scrape = options.pop("from_metrics")
    inputs = Inputs(**options)
    if scrape:
        prompt, completion, answered = measured_usage(Path(scrape).read_text())
        print("\n".join(report(inputs, prompt, completion, f"measured: {answered:,.0f} executions in {scrape}")))
    else:
        prompt, completion = asyncio.run(sample_usage())
        print("\n".join(report(inputs, prompt, completion)))


if __name__ == "__main__":
    main()
