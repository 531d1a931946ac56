"""An injected `publish`, asked for by an editor who may publish, on the real engine: the gate does not
run it, chapter 57's workflow stages it and waits; the agent's client cannot approve it (no tasks:approve
scope), a person rejects it and the saga undoes the staged page. Runs chapter 57's task API, secured by
`lumen.security.routes`, and its workflow worker against one daprd, a throwaway identity provider whose
keys live only in this process, OPA with Lumen's policy, and the red-team suite's worst-case provider."""

import asyncio
import json
import os
import subprocess
import sys
import urllib.request
from pathlib import Path

from app_process import TaskApp, until

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # make `lumen` importable from anywhere

from dapr.ext.workflow import DaprWorkflowClient  # noqa: E402

from lumen.security.audit import AuditLog  # noqa: E402
from lumen.security.auth import Principal  # noqa: E402
from lumen.security.devidp import AUDIENCE, ISSUER, DevIdentityProvider  # noqa: E402
from lumen.security.gate import ToolGate, WorkflowApprovals  # noqa: E402
from lumen.security.guarded import GuardedAgent  # noqa: E402
from lumen.security.opa import OpaPolicy, opa_server  # noqa: E402
from lumen.security.redteam import ObedientProvider, poisoned_corpus  # noqa: E402
from lumen.security.tools import agent_tools  # noqa: E402

class SecuredTaskApp(TaskApp):
    """Chapter 57's TaskApp, started with the secured factory."""

    def start(self, timeout_s: float = 60) -> None:
        self.process = subprocess.Popen(
            [sys.executable, "-m", "uvicorn", "--factory", "lumen.security.routes:create_task_app",
             "--host", "127.0.0.1", "--port", str(self.port), "--no-access-log"],
            env=self.env, stdout=self.log, stderr=self.log, start_new_session=True)
        until(lambda: self.call("GET", "/healthz")[0] == 200, timeout_s, "the task API to answer /healthz")


def bearer(token: str) -> None:
    """Every later TaskApp.call (it uses urllib's global opener) carries this token."""
    opener = urllib.request.build_opener()
    opener.addheaders = [("Authorization", f"Bearer {token}")]
    urllib.request.install_opener(opener)


idp = DevIdentityProvider().__enter__()  # serves the JWKS on loopback until the process ends
idp.add_key("handoff-1", "RS256")
app = SecuredTaskApp("app.log", LUMEN_JWKS_URL=idp.jwks_url, LUMEN_JWT_ISSUER=ISSUER, LUMEN_JWT_AUDIENCE=AUDIENCE)
sys.excepthook = lambda *e: (sys.__excepthook__(*e), print("--- app.log ---\n" + app.tail(), file=sys.stderr))
try:
    app.start()
except SystemExit:  # a timeout is a SystemExit, which bypasses the excepthook: show the app's log too
    print("--- app.log ---\n" + app.tail(), file=sys.stderr)
    raise
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
bearer(idp.issue("handoff-1", sub="ben", scope="tasks:read tasks:approve", azp="lumen-console"))
waiting = app.wait_task(task, lambda s: s["step"] == "awaiting approval")
print(f"2. {task}: {waiting['status']} / {waiting['step']}; staged:",
      os.path.exists(f"tasks-data/pages/{task}.md"))
bearer(idp.issue("handoff-1", sub="lumen-agent", scope="tools:search tools:publish"))
code, reply = app.call("POST", f"/v1/tasks/{task}/approval", {"approved": True, "by": "lumen-agent"})
print("3. the agent's own token approves it ->", code, reply["detail"])
bearer(idp.issue("handoff-1", sub="ben", scope="tasks:read tasks:approve", azp="lumen-console"))
print("   a person rejects it ->", app.call("POST", f"/v1/tasks/{task}/approval",
                                         {"approved": False, "by": "ben"})[0])
done = app.wait_task(task, lambda s: s["status"] == "COMPLETED")
print(f"4. {task}: {done['status']}", json.dumps(done["result"], sort_keys=True))
print("   page still there:", os.path.exists(f"tasks-data/pages/{task}.md"))
# #endregion person
DaprWorkflowClient().purge_workflow(task)
app.kill(15)
