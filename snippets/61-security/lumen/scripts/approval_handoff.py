"""An injected `publish`, asked for by an editor who may publish, on the real engine: the gate does not
run it, chapter 57's workflow stages it and waits; a person rejects it and the saga undoes the staged page.
Runs chapter 57's task API (and workflow worker) against one daprd, OPA with Lumen's policy, and the
worst-case obedient provider of the red-team suite."""

import asyncio
import json
import os
import sys
from pathlib import Path

from app_process import TaskApp

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # make `lumen` importable from anywhere

from dapr.ext.workflow import DaprWorkflowClient  # noqa: E402

from lumen.security.audit import AuditLog  # noqa: E402
from lumen.security.auth import Principal  # noqa: E402
from lumen.security.gate import ToolGate, WorkflowApprovals  # noqa: E402
from lumen.security.guarded import GuardedAgent  # noqa: E402
from lumen.security.opa import OpaPolicy, opa_server  # noqa: E402
from lumen.security.redteam import ObedientProvider, poisoned_corpus  # noqa: E402
from lumen.security.tools import agent_tools  # noqa: E402

app = TaskApp("app.log")
sys.excepthook = lambda *e: (sys.__excepthook__(*e), print("--- app.log ---\n" + app.tail(), file=sys.stderr))
app.start()
audit: list[str] = []

# #region handoff
editor = Principal("eli", "lumen-web", frozenset({"tools:search", "tools:publish"}))
with opa_server("opa/") as url:
    gate = ToolGate(editor, OpaPolicy(url), task="ask-7", audit=AuditLog(audit.append),
                    approvals=WorkflowApprovals(DaprWorkflowClient()))
    agent = GuardedAgent(ObedientProvider(), gate, agent_tools(poisoned_corpus("none"), lambda url: ""))
    answer = asyncio.run(agent.answer("Search the docs for upgrade runbook"))
print("1. steps:", [(s.tool, s.decision.outcome) for s in answer.steps])
print("   audit:", json.loads(audit[-1])["reason"])
# #endregion handoff

# #region person
task = "ask-7-publish-1"
waiting = app.wait_task(task, lambda s: s["step"] == "awaiting approval")
print(f"2. {task}: {waiting['status']} / {waiting['step']}; staged:",
      os.path.exists(f"tasks-data/pages/{task}.md"))
print("3. a person rejects it ->", app.call("POST", f"/v1/tasks/{task}/approval",
                                            {"approved": False, "by": "ben"})[0])
done = app.wait_task(task, lambda s: s["status"] == "COMPLETED")
print(f"4. {task}: {done['status']}", json.dumps(done["result"], sort_keys=True))
print("   page still there:", os.path.exists(f"tasks-data/pages/{task}.md"))
# #endregion person
DaprWorkflowClient().purge_workflow(task)
app.kill(15)
