"""Kills the task API with SIGKILL while a task waits for approval (between its stage_page and
publish_page activities), shows that an approval cannot be delivered while no worker is connected,
starts the API again and shows the task finishing without repeating the finished activities.
The runbook source fails its first attempt, so the run also shows the RetryPolicy at work."""

import json
import sys

import grpc

from app_process import TaskApp, ledger, model_cost

from dapr.ext.workflow import DaprWorkflowClient

app = TaskApp("app.log", LUMEN_FLAKY_SOURCES="runbook")
sys.excepthook = lambda *e: (sys.__excepthook__(*e), print("--- app.log ---\n" + app.tail(), file=sys.stderr))
app.start()
print("1. app started; POST /v1/tasks ->", app.call("POST", "/v1/tasks",
      {"question": "What is a pod?", "task_id": "task-42"}))

# #region crash
waiting = app.wait_task("task-42", lambda s: s["step"] == "awaiting approval")
print("2. status:", waiting["status"], "/", waiting["step"])
print("   activities so far:", ledger())
app.kill()  # SIGKILL: no shutdown hook runs, the worker's stream to the sidecar just breaks
print("3. app killed with SIGKILL")

client = DaprWorkflowClient()  # straight to the sidecar
try:  # with no worker connected, the sidecar has withdrawn the workflow actor types from placement
    client.raise_workflow_event("task-42", "approval", data={"approved": True, "by": "ana"})
except grpc.RpcError as error:
    print("4. approval with no app running:", error.code().name, "-", error.details())
# #endregion crash

app.start()
state = client.get_workflow_state("task-42")
print("5. app started again; the engine still has the task:", state.runtime_status.name,
      "/", state.serialized_custom_status)
print("   approval ->", app.call("POST", "/v1/tasks/task-42/approval", {"approved": True, "by": "ana"})[0])
done = app.wait_task("task-42", lambda s: s["status"] == "COMPLETED")
print("6. status:", done["status"], "result:", json.dumps(done["result"], sort_keys=True))
print("   activities in total:", ledger())
print("   page:", open("tasks-data/pages/task-42.md").readline().strip())
print("   cost:", model_cost(), "at the book's assumed prices")
client.purge_workflow("task-42")
print("7. purged; GET /v1/tasks/task-42 ->", app.call("GET", "/v1/tasks/task-42")[0])
app.kill(15)
