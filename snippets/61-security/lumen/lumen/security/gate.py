"""The tool gate: every tool call the model asks for passes these controls, in this order, before it runs.

    gate = ToolGate(principal, OpaPolicy(url), task="t-1", audit=AuditLog(sys.stdout.write),
                    approvals=WorkflowApprovals(client))
    gate.decide("publish", "Lumen 2.0 is out")
      # -> Decision(outcome="approval", control="approval", reason="held for a person: task t-1-publish-1")

1. validation  the argument matches the tool's schema (length, characters, URL form)
2. policy      OPA: the tool is on the allow-list, the caller's token has its scope, a URL's host is on
               the egress allow-list (lumen/opa/tools.rego)
3. budget      the task has tool calls and cost units left
4. approval    a tool with side effects is not run: it becomes a chapter 57 task a person must approve

Nothing here reads the prompt or asks the model whether a call is safe: the model's request is the thing
being checked. Each decision is written to the audit log, allowed or not.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any, Protocol
from urllib.parse import urlsplit

from lumen.security.audit import AuditLog
from lumen.security.auth import Principal


# #region schemas
@dataclass(frozen=True)
class ArgumentSchema:
    pattern: re.Pattern[str]  # the whole argument must match
    max_chars: int
    cost_units: int           # what one call costs the task's budget


SCHEMAS: dict[str, ArgumentSchema] = {
    "calculator": ArgumentSchema(re.compile(r"[\d\s.()+\-*/%]+"), 200, 1),
    "glossary": ArgumentSchema(re.compile(r"[A-Za-z][A-Za-z \-]*"), 60, 1),
    "search_docs": ArgumentSchema(re.compile(r"[\w \-]+"), 100, 2),
    "fetch_url": ArgumentSchema(re.compile(r"https://[^\s@]+"), 300, 5),
    "publish": ArgumentSchema(re.compile(r"[^\r\n]+"), 2000, 10),
}
# #endregion schemas


@dataclass(frozen=True)
class Decision:
    outcome: str  # allow | deny | approval
    control: str
    reason: str


@dataclass
class Budget:
    """Per task. Set by the service from the caller's plan, never by anything the model reads."""

    max_calls: int = 4
    max_units: int = 20
    calls: int = 0
    units: int = 0

    def charge(self, units: int) -> str | None:
        if self.calls + 1 > self.max_calls:
            return f"tool-call budget of {self.max_calls} per task used up"
        if self.units + units > self.max_units:
            return f"cost budget of {self.max_units} units per task used up"
        self.calls, self.units = self.calls + 1, self.units + units
        return None


class Policy(Protocol):
    def decide(self, query: dict[str, Any]) -> dict[str, Any]: ...


class Approvals(Protocol):
    def submit(self, task: str, tool: str, argument: str, principal: Principal) -> str: ...


@dataclass
class ToolGate:
    principal: Principal
    policy: Policy
    task: str
    audit: AuditLog
    approvals: Approvals
    budget: Budget = field(default_factory=Budget)
    trace_id: str | None = None

    # #region decide
    def decide(self, tool: str, argument: str) -> Decision:
        decision = self._decide(tool, argument)
        self.audit.record(self.principal, task=self.task, tool=tool, argument=argument,
                          outcome=decision.outcome, control=decision.control,
                          reason=decision.reason, trace_id=self.trace_id)
        return decision

    def _decide(self, tool: str, argument: str) -> Decision:
        schema = SCHEMAS.get(tool)
        if schema is not None:
            if len(argument) > schema.max_chars:
                return Decision("deny", "validation", f"argument longer than {schema.max_chars} characters")
            if not schema.pattern.fullmatch(argument):
                return Decision("deny", "validation", f"argument does not match the {tool} schema")
        verdict = self.policy.decide({
            "tool": tool, "subject": self.principal.subject, "client": self.principal.client,
            "scopes": sorted(self.principal.scopes),
            "host": (urlsplit(argument).hostname or "") if tool == "fetch_url" else "",
        })
        if not verdict.get("allow"):
            denial = (verdict.get("denials") or [{"control": "policy", "reason": "denied"}])[0]
            return Decision("deny", denial["control"], denial["reason"])
        over = self.budget.charge(schema.cost_units if schema else 1)
        if over:
            return Decision("deny", "budget", over)
        if verdict.get("approval"):
            ref = self.approvals.submit(self.task, tool, argument, self.principal)
            return Decision("approval", "approval", f"held for a person: task {ref}")
        return Decision("allow", "policy", "allowed")
    # #endregion decide


# #region approvals
class WorkflowApprovals:
    """Hands a side-effecting call to chapter 57's workflow: the task is staged, waits for the
    `approval` event a person sends (POST /v1/tasks/{id}/approval), and only then publishes."""

    def __init__(self, client: Any, timeout_s: int = 3600) -> None:
        self.client, self.timeout_s, self.count = client, timeout_s, 0

    def submit(self, task: str, tool: str, argument: str, principal: Principal) -> str:
        self.count += 1
        ref = f"{task}-{tool}-{self.count}"
        self.client.schedule_new_workflow("lumen_task", instance_id=ref, input={
            "question": argument, "approval_timeout_s": self.timeout_s})
        return ref
# #endregion approvals
