"""Tools in another app: Lumen asks its sidecar to invoke `lumen-tools`, which runs them.

    tools = RemoteTools(sidecar, app_id="lumen-tools")
    await tools.run("calculator", "6 * 7")   # -> ToolCall("calculator", "6 * 7", "42")

Retries, the timeout and the circuit breaker are not here: the sidecar applies the Resiliency policy
(components/resiliency.yaml) to every call to lumen-tools. What is left for the code is the answer when
the sidecar gives up: a failed ToolCall the model can explain, never an exception out of the request.
"""

from __future__ import annotations

import logging

from lumen.agent import ToolCall
from lumen.dapr import DaprError, Sidecar

log = logging.getLogger("lumen.tools")
UNAVAILABLE = "the tool service is unavailable; try again later"


class RemoteTools:
    def __init__(self, sidecar: Sidecar, app_id: str = "lumen-tools") -> None:
        self.sidecar, self.app_id = sidecar, app_id

    # #region run
    async def run(self, name: str, argument: str) -> ToolCall:
        try:
            reply = await self.sidecar.invoke(self.app_id, f"tools/{name}", {"input": argument})
        except DaprError as error:  # after the policy's retries, or at once while the breaker is open
            log.warning("tool call failed", extra={"fields": {"tool": name, "status": error.status, "error": error.message[:200]}})
            return ToolCall(name, argument, UNAVAILABLE, ok=False)
        return ToolCall(name, argument, str(reply["output"]), bool(reply["ok"]))
    # #endregion run
