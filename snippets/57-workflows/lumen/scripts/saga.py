"""Two tasks that do not end in a published page, on the real engine: one is rejected (the saga undoes
its staged page) and one is cancelled through the API (terminated: no compensation runs)."""

import json
import os
import sys

from app_process import TaskApp, ledger

app = TaskApp("app.log")
sys.excepthook = lambda *e: (sys.__excepthook__(*e), print("--- app.log ---\n" + app.tail(), file=sys.stderr))
app.start()


# #region reject
app.call("POST", "/v1/tasks", {"question": "What is a pod?", "task_id": "task-7"})
app.wait_task("task-7", lambda s: s["step"] == "awaiting approval")
print("task-7 staged:", os.path.exists("tasks-data/pages/task-7.md"))
app.call("POST", "/v1/tasks/task-7/approval", {"approved": False, "by": "ben"})
done = app.wait_task("task-7", lambda s: s["status"] == "COMPLETED")
print("task-7:", done["status"], json.dumps(done["result"], sort_keys=True))
print("task-7 page still there:", os.path.exists("tasks-data/pages/task-7.md"))
# #endregion reject

# #region cancel
app.call("POST", "/v1/tasks", {"question": "What is a pod?", "task_id": "task-8"})
app.wait_task("task-8", lambda s: s["step"] == "awaiting approval")
print("cancel task-8 ->", app.call("DELETE", "/v1/tasks/task-8")[0])
done = app.wait_task("task-8", lambda s: s["status"] == "TERMINATED")
print("task-8:", done["status"], json.dumps(done["result"], sort_keys=True))
print("task-8 page still there:", os.path.exists("tasks-data/pages/task-8.md"))
# #endregion cancel
print("activities:", ledger())
app.kill(15)
