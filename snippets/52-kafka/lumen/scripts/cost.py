"""Estimates what one Lumen request costs: model tokens plus a share of the pod that serves it.

    python3 scripts/cost.py                       # the assumptions below, printed with the arithmetic
    python3 scripts/cost.py --input-price 0.40 --output-price 1.60 --rps 10

Token counts come from running the agent (offline provider) over sample questions, so they are the
shape of real traffic, not real tokens: with a real model, read lumen_tokens_total from /metrics.
Prices are ASSUMPTIONS passed as flags; look up your provider's and cloud's current prices.
Standard library only.
"""

import argparse
import asyncio
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from lumen.agent import Agent  # noqa: E402
from lumen.pricing import Prices, token_cost  # noqa: E402
from lumen.providers.offline import OfflineProvider  # noqa: E402

SAMPLE = ["What is 6 * 7?", "What is a sidecar?", "What is a readiness probe?", "What is (1200 * 0.8) / 3?"]


async def average_usage() -> tuple[float, float]:
    agent = Agent(OfflineProvider())
    answers = [await agent.answer(question) for question in SAMPLE]
    prompt = sum(a.usage.prompt_tokens for a in answers) / len(answers)
    completion = sum(a.usage.completion_tokens for a in answers) / len(answers)
    return prompt, completion


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--input-price", type=float, default=Prices.input_per_million, help="USD per million prompt tokens (assumed)")
    parser.add_argument("--output-price", type=float, default=Prices.output_per_million, help="USD per million completion tokens (assumed)")
    parser.add_argument("--cpu", type=float, default=0.25, help="vCPU requested by one pod")
    parser.add_argument("--memory-gib", type=float, default=0.25, help="GiB of memory requested by one pod")
    parser.add_argument("--cpu-hour", type=float, default=0.04, help="USD per vCPU-hour (assumed)")
    parser.add_argument("--gib-hour", type=float, default=0.005, help="USD per GiB-hour (assumed)")
    parser.add_argument("--rps", type=float, default=5, help="requests per second one pod sustains (measure it)")
    args = parser.parse_args()

    prompt, completion = asyncio.run(average_usage())
    model = token_cost(prompt, completion, Prices(args.input_price, args.output_price))
    pod_hour = args.cpu * args.cpu_hour + args.memory_gib * args.gib_hour
    per_hour = args.rps * 3600
    compute = pod_hour / per_hour
    print(f"sample of {len(SAMPLE)} questions: {prompt:.1f} prompt + {completion:.1f} completion tokens per request")
    print(f"model:   {prompt:.1f} x ${args.input_price}/1M + {completion:.1f} x ${args.output_price}/1M = ${model:.8f}")
    print(f"pod:     {args.cpu} vCPU x ${args.cpu_hour} + {args.memory_gib} GiB x ${args.gib_hour} = ${pod_hour:.5f} per hour")
    print(f"         / ({args.rps:g} req/s x 3600 s = {per_hour:,.0f} requests per hour) = ${compute:.8f} per request")
    print(f"total:   ${model + compute:.8f} per request, ${(model + compute) * 1000:.4f} per 1,000 requests")
    print(f"model share of the cost: {model / (model + compute):.1%}")


if __name__ == "__main__":
    main()
