"""The book's token prices in one place: scripts/cost.py and the usage-meter both price through here.

    prices = Prices()                                   # the ASSUMED defaults: $0.25 and $2.00 per 1M
    token_cost(1000, 200, prices)                       # -> 0.00065  (1000 x 0.25/1M + 200 x 2.00/1M)

Reasoning tokens are part of completion_tokens and billed at the output price, so they need no
price of their own; the meter reports them separately because they are the part that surprises.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Prices:
    input_per_million: float = 0.25   # USD per million prompt tokens (an assumption: look yours up)
    output_per_million: float = 2.00  # USD per million completion tokens, reasoning included


def token_cost(prompt_tokens: int | float, completion_tokens: int | float, prices: Prices) -> float:
    return prompt_tokens * prices.input_per_million / 1e6 + completion_tokens * prices.output_per_million / 1e6
