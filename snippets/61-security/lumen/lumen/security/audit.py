"""The audit trail: one JSON line per tool call the agent asked for, whatever was decided.

    audit = AuditLog(sys.stdout.write)
    audit.record(principal, task="t-1", tool="publish", argument="...", outcome="deny",
                 control="scope", reason="tool \"publish\" needs scope \"tools:publish\"")
    # {"arg_chars": 3, "arg_sha256": "...", "client": "lumen-web", "control": "scope", ...}

The line says who (subject and client), what (tool), for which task and trace, and what the controls
decided and why. It never holds the prompt or the argument itself, which may carry personal data or an
attacker's text: a digest lets an investigator match a line to a stored request without the log being
a second copy of everything users typed.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable

from lumen.security.auth import Principal


# #region record
class AuditLog:
    def __init__(self, write: Callable[[str], object]) -> None:
        self._write = write

    def record(self, principal: Principal, *, task: str, tool: str, argument: str, outcome: str,
               control: str, reason: str, trace_id: str | None = None) -> dict[str, object]:
        line = {
            "event": "tool_call",
            "subject": principal.subject,
            "client": principal.client,
            "task": task,
            "trace_id": trace_id,
            "tool": tool,
            "arg_sha256": hashlib.sha256(argument.encode()).hexdigest()[:16],
            "arg_chars": len(argument),
            "outcome": outcome,  # allow | deny | approval
            "control": control,  # which control decided: scope, egress, validation, budget, ...
            "reason": reason,
        }
        self._write(json.dumps(line, sort_keys=True) + "\n")
        return line
# #endregion record
