"""Changing workflow code under running instances, on the real engine. Three builds of one publishing
workflow (lumen/tasks/upgrade.py) take turns as the worker, the way deployments replace each other:

  v1 starts page-1 and page-2, which wait for approval; the worker is then replaced by
  v2, whose new step is guarded by ctx.is_patched: page-1 finishes the v1 way, new page-3 the v2 way;
  v2-unguarded, which adds the same step without the guard, then tries to finish page-2.

Then continue_as_new: the digest loop runs three short rounds under one instance id."""

import json
import sys
import time

import grpc

from app_process import TaskApp, until

from dapr.ext.workflow import DaprWorkflowClient

DATA = "tasks-upgrade"  # a ledger of its own, apart from the other demos'


class Client(DaprWorkflowClient):
    """The SDK's client, with one retry rule. daprd 1.18.1 reads an instance's state as several keys
    (metadata, inbox, history); a status read that lands while the engine is saving the same instance
    can find the metadata new and an inbox key already gone, and answers UNKNOWN "... declared in
    metadata ... but missing from state store (transient store read failure or partial save?)". Asked
    again a moment later, it answers. Seen in about one run in five of this script, just after a worker
    was replaced. Each retry is said on stderr; the recorded output (stdout) stays the same."""

    def get_workflow_state(self, *args, **kwargs):
        for attempt in range(10):
            try:
                return super().get_workflow_state(*args, **kwargs)
            except grpc.RpcError as error:
                if "missing from state store" not in str(error.details()) or attempt == 9:
                    raise
                print(f"(transient, retried: {error.details()})", file=sys.stderr)
                time.sleep(0.5)


client = Client()


def worker(build: str) -> TaskApp:
    app = TaskApp("app.log", LUMEN_PUBLISH_CODE=build, LUMEN_TASKS_DIR=DATA)
    sys.excepthook = lambda *e: (sys.__excepthook__(*e), print("--- app.log ---\n" + app.tail(), file=sys.stderr))
    app.start()
    return app


def wait(instance: str, condition) -> object:
    return until(lambda: (s := client.get_workflow_state(instance)) and condition(s) and s, 60, instance)


def waiting(state) -> bool:
    return state.serialized_custom_status == "awaiting approval"


def finished(state) -> bool:
    return state.runtime_status.name in ("COMPLETED", "FAILED")


def show(instance: str) -> None:
    state = wait(instance, finished)
    failure = state.failure_details
    detail = f"{failure.error_type}: {failure.message}" if failure else state.serialized_output
    print(f"   {instance}: {state.runtime_status.name} {detail}")


def steps(instance: str) -> list[str]:
    rows = [json.loads(line) for line in open(f"{DATA}/ledger.jsonl")]
    return [r["activity"] for r in rows if r["task"] == instance]


# #region upgrade
app = worker("v1")
for page in ("page-1", "page-2"):
    client.schedule_new_workflow("publish_flow", instance_id=page, input={"draft": f"# {page}\n"})
    wait(page, waiting)
print("1. v1 worker: page-1 and page-2 staged, awaiting approval")
app.kill()

app = worker("v2")
client.schedule_new_workflow("publish_flow", instance_id="page-3", input={"draft": "# page-3\n"})
wait("page-3", waiting)
for page in ("page-1", "page-3"):
    client.raise_workflow_event(page, "approval", data={"approved": True})
print("2. v2 worker (guarded by is_patched): page-3 started under v2; page-1 and page-3 approved")
for page in ("page-1", "page-3"):
    show(page)
    print(f"   {page} ran: {steps(page)}")
app.kill()

app = worker("v2-unguarded")
client.raise_workflow_event("page-2", "approval", data={"approved": True})
print("3. v2-unguarded worker: page-2 (started under v1) approved")
show("page-2")
print(f"   page-2 ran: {steps('page-2')}")
# #endregion upgrade

# #region continue
client.schedule_new_workflow("daily_digest", instance_id="digest", input={"round": 1, "every_s": 2})
until(lambda: steps("digest").count("send_digest") >= 3, 60, "three digest rounds")
state = client.get_workflow_state("digest")
print("4. digest after three rounds:", state.runtime_status.name, "input now:", state.serialized_input)
client.terminate_workflow("digest")
wait("digest", lambda s: s.runtime_status.name == "TERMINATED")
# #endregion continue
for instance in ("page-1", "page-2", "page-3", "digest"):
    client.purge_workflow(instance)
app.kill(15)
