"""Four cost levers, measured on one deterministic workload answered by the offline provider.

    python3 scripts/levers.py

The workload is 100 questions drawn from 8 distinct ones with a skew (a few questions come back
often, as in real support traffic). Every figure is counted from real agent runs: model calls and
tokens from Usage, so the output is the same on every machine. Prices are chapter 50's ASSUMED list
prices; the smaller model's price is an ASSUMPTION too (a fifth of the default), labelled as such.
"""

import asyncio
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from lumen.agent import Agent, build_prompt  # noqa: E402
from lumen.cost import Prices, token_cost  # noqa: E402
from lumen.providers.base import Usage, estimate_tokens  # noqa: E402
from lumen.providers.offline import OfflineProvider  # noqa: E402

WORKLOAD = {"What is 6 * 7?": 30, "What is a sidecar?": 20, "What is a readiness probe?": 15,
            "What is (1200 * 0.8) / 3?": 10, "What is a pod?": 10, "What is 2 + 2?": 8,
            "Define liveness probe": 4, "What is a topic?": 3}
DEFAULT, SMALLER = Prices(0.25, 2.00), Prices(0.05, 0.40)


class CountingProvider(OfflineProvider):
    """The offline provider, counting model calls and the largest reply it gave."""

    def __init__(self) -> None:
        super().__init__()
        self.calls = 0
        self.largest_reply = 0

    async def complete(self, prompt: str):
        completion = await super().complete(prompt)
        self.calls += 1
        self.largest_reply = max(self.largest_reply, completion.usage.completion_tokens)
        return completion


async def run(cache: bool) -> tuple[CountingProvider, Usage]:
    provider, total, answers = CountingProvider(), Usage(), {}
    agent = Agent(provider)
    for question, times in WORKLOAD.items():
        for _ in range(times):
            key = " ".join(question.lower().split())
            if cache and key in answers:  # an exact-match answer cache: no model call at all
                continue
            answers[key] = answer = await agent.answer(question)
            total += answer.usage
    return provider, total


def dollars(usage: Usage, prices: Prices) -> float:
    return token_cost(usage.prompt_tokens, usage.completion_tokens, prices)


async def main() -> None:
    executions = sum(WORKLOAD.values())
    base_provider, base = await run(cache=False)
    cached_provider, cached = await run(cache=True)
    baseline = dollars(base, DEFAULT)
    print(f"workload: {executions} executions of {len(WORKLOAD)} distinct questions, offline provider")
    print(f"baseline        {base_provider.calls} model calls, {base.prompt_tokens} prompt + {base.completion_tokens}"
          f" completion tokens = ${baseline * 1000:.4f} per 1,000 workloads")
    # #region levers
    saved = 1 - dollars(cached, DEFAULT) / baseline
    print(f"1. answer cache {cached_provider.calls} model calls, {cached.total_tokens} tokens: -{saved:.1%}"
          f" (only exact repeats; a stale answer is the price)")
    print(f"2. smaller model same tokens at ${SMALLER.input_per_million:g}/${SMALLER.output_per_million:g} per 1M"
          f" (assumed): -{1 - dollars(base, SMALLER) / baseline:.1%}, if its answers pass your evaluation")
    preamble = estimate_tokens(build_prompt(""))  # the instructions and tool list every call repeats
    share = preamble * base_provider.calls / base.prompt_tokens
    print(f"3. batching     the fixed preamble is {preamble} tokens of every call, {share:.1%} of all prompt"
          f" tokens; 4 questions per call would send it a quarter as often (offline work only)")
    for cap in (512, 128):
        bound = base_provider.calls / executions * (base.prompt_tokens / base_provider.calls + cap)
        print(f"4. output cap   {cap:>3}: worst case {bound:.0f} tokens per execution; the largest reply here"
              f" was {base_provider.largest_reply} tokens")
    # #endregion levers


if __name__ == "__main__":
    asyncio.run(main())
