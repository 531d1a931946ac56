"""The meter's state: cost per conversation, counted once per event id. Standard library + lumen.

    meter = UsageMeter("usage.db")                # or ":memory:" in tests
    meter.apply(event)                            # -> True: counted; False: a duplicate or not a usage event
    meter.totals()                                # -> [Total(conversation="c-1", requests=2, ...), ...]

Kafka delivers at least once: after a crash or a rebalance, records since the last committed offset
arrive again. The event id is the primary key of `seen`, and the insert and the update of `usage`
share one transaction, so a redelivered event changes nothing.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass

from lumen.events import Event
from lumen.cost import Prices, token_cost

SCHEMA = """
CREATE TABLE IF NOT EXISTS seen (event_id TEXT PRIMARY KEY);
CREATE TABLE IF NOT EXISTS usage (
    conversation TEXT PRIMARY KEY, requests INTEGER NOT NULL,
    prompt INTEGER NOT NULL, completion INTEGER NOT NULL, reasoning INTEGER NOT NULL,  -- token counts
    cost_usd REAL NOT NULL);
"""


@dataclass(frozen=True)
class Total:
    conversation: str
    requests: int
    prompt_tokens: int
    completion_tokens: int
    reasoning_tokens: int
    cost_usd: float


class UsageMeter:
    def __init__(self, path: str = ":memory:", prices: Prices | None = None) -> None:
        self.prices = prices or Prices()
        self.conn = sqlite3.connect(path)
        self.conn.executescript(SCHEMA)

    # #region apply
    def apply(self, event: Event) -> bool:
        if event.type != "tokens.used":
            return False
        p = event.payload
        cost = token_cost(p["prompt_tokens"], p["completion_tokens"], self.prices)
        try:
            with self.conn:  # one transaction: remember the id AND add the usage, or neither
                self.conn.execute("INSERT INTO seen VALUES (?)", (event.id,))
                self.conn.execute(
                    """INSERT INTO usage VALUES (?, 1, ?, ?, ?, ?)
                       ON CONFLICT (conversation) DO UPDATE SET requests = requests + 1,
                         prompt = prompt + excluded.prompt, completion = completion + excluded.completion,
                         reasoning = reasoning + excluded.reasoning, cost_usd = cost_usd + excluded.cost_usd""",
                    (event.conversation, p["prompt_tokens"], p["completion_tokens"], p["reasoning_tokens"], cost),
                )
        except sqlite3.IntegrityError:  # seen before: at-least-once delivery at work
            return False
        return True
    # #endregion apply

    def totals(self) -> list[Total]:
        rows = self.conn.execute("SELECT * FROM usage ORDER BY conversation").fetchall()
        return [Total(*row) for row in rows]

    def close(self) -> None:
        self.conn.close()
