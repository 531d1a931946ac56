"""Tells a running stream that the process is stopping, while there is still time to say so.

On SIGTERM uvicorn stops accepting connections and waits up to --timeout-graceful-shutdown for the
responses in flight; then it cancels them, and a cancelled stream cannot send anything more: the client
sees the connection drop in the middle of an answer. So Lumen notices the signal itself. `drain` chains
a handler in front of uvicorn's, and a stream still running `seconds` after the signal ends with one
last event that tells the client to ask again, before uvicorn's own deadline cuts it.

    drain.install(seconds=20)             # in the lifespan, under uvicorn: SIGTERM and SIGINT are chained
    async for item in drain.guard(events):
        if item is DRAINED: ...           # time is up: send the final event and stop
    drain.start()                         # what the signal handler calls (tests call it directly)
    drain.uninstall()

Signals belong to the process, so there is one Drain per process: the module-level `drain`.
Standard library only.
"""

from __future__ import annotations

import asyncio
import logging
import signal
import threading
import time
from collections.abc import AsyncIterable, AsyncIterator
from types import FrameType
from typing import Any, TypeVar

log = logging.getLogger("lumen")
T = TypeVar("T")
HANDLED = (signal.SIGTERM, signal.SIGINT)


class Drained:
    """The marker `guard` yields once when a stream's time is up."""

    def __repr__(self) -> str:
        return "DRAINED"


DRAINED = Drained()


class Drain:
    def __init__(self) -> None:
        self.seconds = 20.0
        self._ends_at: float | None = None  # time.monotonic() by which running streams must end
        self._waiting: dict[asyncio.Timeout, asyncio.AbstractEventLoop] = {}
        self._previous: dict[int, Any] = {}

    # #region install
    def install(self, seconds: float) -> None:
        """Arms the drain for a new serving process. Chains the signals only where Python allows
        handlers, the main thread (uvicorn's), not in a test client's worker thread."""
        self.seconds, self._ends_at = seconds, None
        if threading.current_thread() is not threading.main_thread():
            return
        self.uninstall()  # a second app in the same process: chain uvicorn's handler, not our own
        for sig in HANDLED:
            previous = signal.getsignal(sig)
            self._previous[sig] = previous
            signal.signal(sig, lambda signum, frame, previous=previous: self._on_signal(signum, frame, previous))

    def _on_signal(self, signum: int, frame: FrameType | None, previous: Any) -> None:
        self.start()
        if callable(previous):  # uvicorn's handler: it starts the graceful shutdown as before
            previous(signum, frame)
        elif previous == signal.SIG_DFL:  # no server installed one: behave as if we were not here
            signal.signal(signum, signal.SIG_DFL)
            signal.raise_signal(signum)
    # #endregion install

    def uninstall(self) -> None:
        if threading.current_thread() is not threading.main_thread():
            return  # install() chained nothing from here, and only the main thread may restore
        for sig, previous in self._previous.items():
            signal.signal(sig, previous)
        self._previous.clear()

    def start(self) -> None:
        """The process is stopping: running streams get `seconds` more. Safe from any thread."""
        if self._ends_at is not None:
            return
        self._ends_at = time.monotonic() + self.seconds
        log.info("draining streams", extra={"fields": {"seconds": self.seconds}})
        for timer, loop in list(self._waiting.items()):
            loop.call_soon_threadsafe(self._reschedule, timer, loop)

    def _when(self, loop: asyncio.AbstractEventLoop) -> float | None:
        if self._ends_at is None:
            return None
        return loop.time() + max(0.0, self._ends_at - time.monotonic())

    def _reschedule(self, timer: asyncio.Timeout, loop: asyncio.AbstractEventLoop) -> None:
        if timer in self._waiting:  # still waiting for its event (runs in the loop that owns it)
            timer.reschedule(self._when(loop))

    # #region guard
    async def guard(self, events: AsyncIterable[T]) -> AsyncIterator[T | Drained]:
        """Passes events through until the drain's time is up, even in the middle of a long wait for
        the next one; then yields DRAINED once and closes `events` (the model call is abandoned)."""
        loop = asyncio.get_running_loop()
        iterator = aiter(events)
        try:
            while True:
                timer = asyncio.timeout_at(self._when(loop))  # no limit until the process stops
                try:
                    async with timer:
                        self._waiting[timer] = loop
                        try:
                            event = await anext(iterator)
                        finally:
                            del self._waiting[timer]
                except StopAsyncIteration:
                    return
                except TimeoutError:
                    if not timer.expired():  # a timeout of the code below us: not ours to handle
                        raise
                    yield DRAINED
                    return
                yield event
        finally:
            closer = getattr(iterator, "aclose", None)
            if closer is not None:
                await closer()
    # #endregion guard


drain = Drain()
