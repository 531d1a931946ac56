"""The agent's cost ledger: tokens per step and per tool call, priced with the book's one price list.

    ledger = CostLedger(MemoryStore())
    ledger.record("task-1", Step(turn=1, prompt_tokens=59, completion_tokens=4, tool="calculator"))
    ledger.spent("task-1")                  # -> 63 tokens so far (what the budget compares against)
    cost_lines(ledger.steps("task-1"))      # -> the arithmetic, one printed line per step

One document per task (key lumen-cost:<task id>), one entry per turn, written from inside the call_llm activity. An activity runs at least once, so
a retried step overwrites its own entry instead of adding a second one. Prices come from
lumen.cost.token_cost (chapter 50), the price list the usage meter and the cost model use too.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass
from typing import Protocol

from lumen.cost import Prices, token_cost


@dataclass(frozen=True)
class Step:
    turn: int
    prompt_tokens: int
    completion_tokens: int
    tool: str | None = None  # the tool this step asked for; None when the step answered

    @property
    def tokens(self) -> int:
        return self.prompt_tokens + self.completion_tokens


class Store(Protocol):
    def load(self, key: str) -> dict | None: ...
    def save(self, key: str, value: dict) -> None: ...


class MemoryStore:
    """A dict, for unit tests."""

    def __init__(self) -> None:
        self.data: dict[str, str] = {}

    def load(self, key: str) -> dict | None:
        return json.loads(self.data[key]) if key in self.data else None

    def save(self, key: str, value: dict) -> None:
        self.data[key] = json.dumps(value, sort_keys=True)


class DaprStore:
    """A Dapr state store (the agent's Redis through its sidecar); one JSON document per task."""

    def __init__(self, store_name: str, address: str | None = None) -> None:
        self.store_name, self.address = store_name, address  # address: another app's sidecar, host:port

    def load(self, key: str) -> dict | None:
        from dapr.clients import DaprClient

        with DaprClient(self.address) as client:
            data = client.get_state(self.store_name, key).data
        return json.loads(data) if data else None

    def save(self, key: str, value: dict) -> None:
        from dapr.clients import DaprClient

        with DaprClient(self.address) as client:
            client.save_state(self.store_name, key, json.dumps(value, sort_keys=True))


# #region ledger
class CostLedger:
    def __init__(self, store: Store, prefix: str = "lumen-cost") -> None:
        self.store, self.prefix = store, prefix

    def record(self, task_id: str, step: Step) -> None:
        key = f"{self.prefix}:{task_id}"
        document = self.store.load(key) or {"steps": {}}
        document["steps"][str(step.turn)] = asdict(step)  # keyed by turn: a retry overwrites
        self.store.save(key, document)

    def steps(self, task_id: str) -> list[Step]:
        document = self.store.load(f"{self.prefix}:{task_id}") or {"steps": {}}
        return [Step(**document["steps"][turn]) for turn in sorted(document["steps"], key=int)]

    def spent(self, task_id: str) -> int:
        return sum(step.tokens for step in self.steps(task_id))
# #endregion ledger


# #region price
def cost_lines(steps: list[Step], prices: Prices = Prices()) -> list[str]:
    """Each step priced, the tool calls they asked for, and the total, with the arithmetic shown."""
    lines, total = [], 0.0
    for step in steps:
        cost = token_cost(step.prompt_tokens, step.completion_tokens, prices)
        total += cost
        what = f"asked for {step.tool}" if step.tool else "answered"
        lines.append(f"step {step.turn}: {step.prompt_tokens} x ${prices.input_per_million:g}/1M"
                     f" + {step.completion_tokens} x ${prices.output_per_million:g}/1M = ${cost:.8f} ({what})")
    for step in (s for s in steps if s.tool):
        lines.append(f"tool call {step.tool} (step {step.turn}): {step.tokens} tokens to decide it,"
                     f" ${token_cost(step.prompt_tokens, step.completion_tokens, prices):.8f}")
    tokens = sum(s.tokens for s in steps)
    lines.append(f"task: {len(steps)} model call{'' if len(steps) == 1 else 's'}, {tokens} tokens, ${total:.8f}"
                 f" (${total * 1_000_000:,.2f} per million such tasks)")
    return lines
# #endregion price
