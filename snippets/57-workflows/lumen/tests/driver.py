"""A sidecar-free driver for orchestrator functions. A workflow is a generator: it yields tasks and the
engine sends each one's result back. FakeContext records what the workflow asked for, and Driver plays
the engine's part, so a test can step through branches, compensations and timeouts deterministically.

    run = Driver(lumen_task, {"question": "What is a pod?"}, monkeypatch)
    run.pending        # -> Call("child", "research", ...)
    run.send(["notes"])  # the child workflow's result; the workflow runs to its next yield
"""

from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from typing import Any


@dataclass
class Call:
    kind: str            # activity | child | event | timer | all | any
    name: str
    input: Any = None
    retry: Any = None
    children: list["Call"] = field(default_factory=list)
    result: Any = None

    def get_result(self) -> Any:
        return self.result


class FakeContext:
    def __init__(self, instance_id: str) -> None:
        self.instance_id = instance_id
        self.current_utc_datetime = datetime(2026, 12, 1, 9, 0, tzinfo=timezone.utc)
        self.is_replaying = False
        self.statuses: list[str] = []
        self.new_input: Any = None

    def call_activity(self, name: str, *, input: Any = None, retry_policy: Any = None) -> Call:
        return Call("activity", name, input, retry_policy)

    def call_child_workflow(self, fn: Any, *, input: Any = None, instance_id: str | None = None) -> Call:
        return Call("child", getattr(fn, "__name__", fn), {"input": input, "instance_id": instance_id})

    def wait_for_external_event(self, name: str) -> Call:
        return Call("event", name)

    def create_timer(self, fire_at: datetime | timedelta) -> Call:
        return Call("timer", "timer", fire_at)

    def set_custom_status(self, status: str) -> None:
        self.statuses.append(status)

    def continue_as_new(self, new_input: Any) -> None:
        self.new_input = new_input


class Driver:
    def __init__(self, workflow: Any, request: Any, monkeypatch: Any, instance_id: str = "t-1") -> None:
        module = __import__(workflow.__module__, fromlist=["when_all"])
        monkeypatch.setattr(module, "when_all", lambda calls: Call("all", "when_all", children=calls))
        monkeypatch.setattr(module, "when_any", lambda calls: Call("any", "when_any", children=calls))
        self.ctx = FakeContext(instance_id)
        self.generator = workflow(self.ctx, request)
        self.output: Any = None
        self.finished = False
        self.scheduled: list[Call] = []
        self._advance(lambda: next(self.generator))

    def _advance(self, step: Any) -> None:
        try:
            self.pending: Call | None = step()
            self.scheduled.append(self.pending)
        except StopIteration as stop:
            self.pending, self.output, self.finished = None, stop.value, True

    def send(self, result: Any) -> "Driver":
        """Completes the pending task with result (for when_any: pass the winning child Call)."""
        self._advance(lambda: self.generator.send(result))
        return self

    def fail(self, error: Exception) -> "Driver":
        """Fails the pending task, as the engine does when an activity runs out of retries."""
        self._advance(lambda: self.generator.throw(error))
        return self
