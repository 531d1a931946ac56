"""What the two upgrade demos (versions.py, named_versions.py) share: a workflow client that rides out
one known transient read of daprd 1.18.1, workers started with a chosen build, and polls on an
instance's state. Each demo keeps its ledger in a directory of its own."""

import json
import sys
import time
from typing import Any, Callable

import grpc

from app_process import TaskApp, until

from dapr.ext.workflow import DaprWorkflowClient, WorkflowState


class Client(DaprWorkflowClient):
    """The SDK's client, with one retry rule. daprd 1.18.1 reads an instance's state as several keys
    (metadata, inbox, history); a status read that lands while the engine is saving the same instance
    can find the metadata new and an inbox key already gone, and answers UNKNOWN "... declared in
    metadata ... but missing from state store (transient store read failure or partial save?)". Asked
    again a moment later, it answers. Seen in about one run in five of versions.py, just after a worker
    was replaced. Each retry is said on stderr; the recorded output (stdout) stays the same."""

    def get_workflow_state(self, *args: Any, **kwargs: Any) -> WorkflowState | None:
        for attempt in range(10):
            try:
                return super().get_workflow_state(*args, **kwargs)
            except grpc.RpcError as error:
                if "missing from state store" not in str(error.details()) or attempt == 9:
                    raise
                print(f"(transient, retried: {error.details()})", file=sys.stderr)
                time.sleep(0.5)
        return None


client = Client()


def worker(data: str, **build: str) -> TaskApp:
    """Starts the task app as the worker, with the build chosen by environment (see runtime.py)."""
    app = TaskApp("app.log", LUMEN_TASKS_DIR=data, **build)
    sys.excepthook = lambda *e: (sys.__excepthook__(*e),
                                 print("--- app.log ---\n" + app.tail(), file=sys.stderr))
    app.start()
    return app


def wait(instance: str, condition: Callable[[WorkflowState], bool], timeout_s: float = 60) -> WorkflowState:
    def ready() -> WorkflowState | None:
        state = client.get_workflow_state(instance)
        return state if state and condition(state) else None
    return until(ready, timeout_s, instance)


def waiting(state: WorkflowState) -> bool:
    return state.serialized_custom_status == "awaiting approval"


def finished(state: WorkflowState) -> bool:
    return state.runtime_status.name in ("COMPLETED", "FAILED")


def show(instance: str, condition: Callable[[WorkflowState], bool] = finished) -> None:
    state = wait(instance, condition)
    failure = state.failure_details
    if failure:
        detail = f"{failure.error_type}: {failure.message}"
    else:  # a stalled instance has no output: show what it has instead
        detail = state.serialized_output or (
            f"output={state.serialized_output} step={state.serialized_custom_status}")
    print(f"   {instance}: {state.runtime_status.name} {detail}")


def steps(data: str, instance: str) -> list[str]:
    rows = [json.loads(line) for line in open(f"{data}/ledger.jsonl")]
    return [r["activity"] for r in rows if r["task"] == instance]
