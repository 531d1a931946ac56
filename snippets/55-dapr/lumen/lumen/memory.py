"""Conversation memory in a Dapr state store, safe when two requests of one conversation race.

    memory = DaprMemory(sidecar, "lumen-state", turns=10)
    await memory.history("c-1")                      # -> [] for a new conversation
    await memory.append("c-1", Turn("What is 6 * 7?", "6 * 7 = 42."))   # read, add, save with the ETag

Optimistic concurrency: read the history and its ETag, add the turn, save with that ETag under
first-write-wins. If another replica saved in between, the sidecar answers 409 and we read again and
retry, so no turn is lost and no lock is held while the model thinks. FakeMemoryStore keeps the same
rules in a dict, for unit tests.
"""

from __future__ import annotations

import asyncio
import logging
import random
from dataclasses import asdict, dataclass
from typing import Any, Protocol

from lumen.dapr import EtagMismatch, Sidecar

log = logging.getLogger("lumen.memory")
MAX_ATTEMPTS = 10  # eight racing writers need up to eight tries for the unluckiest one


@dataclass(frozen=True)
class Turn:
    question: str
    answer: str


class StateStore(Protocol):
    async def get_state(self, store: str, key: str) -> tuple[Any, str | None]: ...
    async def save_state(self, store: str, key: str, value: Any, etag: str | None) -> None: ...


class ConflictsExhausted(Exception):
    """The key kept changing under us MAX_ATTEMPTS times in a row: a hot conversation."""


# #region append
class DaprMemory:
    def __init__(self, state: StateStore | Sidecar, store: str, turns: int = 10) -> None:
        self.state, self.store, self.turns = state, store, turns
        self.conflicts = 0  # 409s seen and retried, for the metrics

    async def history(self, conversation: str) -> list[Turn]:
        value, _ = await self.state.get_state(self.store, conversation)
        return [Turn(**t) for t in (value or {}).get("turns", [])]

    async def append(self, conversation: str, turn: Turn) -> int:
        """Adds `turn`, keeping the last `turns`; returns how many attempts it took."""
        for attempt in range(1, MAX_ATTEMPTS + 1):
            value, etag = await self.state.get_state(self.store, conversation)
            turns = [*(value or {}).get("turns", []), asdict(turn)][-self.turns:]
            try:
                await self.state.save_state(self.store, conversation, {"turns": turns}, etag)
                return attempt
            except EtagMismatch:
                self.conflicts += 1
                log.info("state conflict, retrying", extra={"fields": {"conversation": conversation, "attempt": attempt}})
                await asyncio.sleep(random.uniform(0, 0.01 * attempt))  # jitter, so the losers do not collide again
        raise ConflictsExhausted(f"conversation {conversation} changed {MAX_ATTEMPTS} times while saving")
# #endregion append


class FakeMemoryStore:
    """A dict with the sidecar's ETag rules: a save with a stale ETag, or without one on an existing key,
    raises EtagMismatch. `before_save` lets a test slip another writer in between read and save."""

    def __init__(self) -> None:
        self.items: dict[str, tuple[Any, str]] = {}
        self.version = 0
        self.before_save: Any = None

    async def get_state(self, store: str, key: str) -> tuple[Any, str | None]:
        if key not in self.items:
            return None, None
        value, etag = self.items[key]
        return value, etag

    async def save_state(self, store: str, key: str, value: Any, etag: str | None) -> None:
        if self.before_save is not None:
            hook, self.before_save = self.before_save, None
            await hook()
        current = self.items.get(key)
        if (current is None and etag is not None) or (current is not None and current[1] != etag):
            raise EtagMismatch(409, "ERR_STATE_SAVE", "possible etag mismatch")
        self.version += 1
        self.items[key] = (value, str(self.version))
