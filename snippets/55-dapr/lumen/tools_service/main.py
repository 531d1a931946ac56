"""lumen-tools: the agent's tools as a separate app that Lumen calls through Dapr service invocation.

    dapr run --app-id lumen-tools --app-port 8001 --resources-path ./components -- \
      uvicorn --factory tools_service.main:create_app --port 8001

    POST /tools/{name}   {"input": "6 * 7"}   -> {"output": "42", "ok": true}
    GET  /healthz                             -> {"status": "ok"}
    GET  /stats                               -> {"calls": 3, "failed": 2}   calls that reached this app

With LUMEN_TOOLS_FAULTS=on (a demo switch, never on in production) it also takes
    POST /faults {"fail_next": 2, "delay_ms": 0}  -> the next 2 tool calls answer 503, or are slow,
so the chapter can show what the sidecar's Resiliency policy does about a flaky dependency.
Why a separate app: the tools run code on input the model chose, so they get their own process,
their own scaling, no model key and no route to the outside world.
"""

from __future__ import annotations

import asyncio
import os

from fastapi import FastAPI, HTTPException
from pydantic import BaseModel, Field

from lumen.tools import ToolError, run_tool


class ToolRequest(BaseModel):
    input: str = Field(max_length=2000)


class Faults(BaseModel):
    fail_next: int = Field(default=0, ge=0, le=1000)
    delay_ms: int = Field(default=0, ge=0, le=60_000)


def create_app() -> FastAPI:
    app = FastAPI(title="lumen-tools")
    stats = {"calls": 0, "failed": 0}
    faults = Faults()

    # #region tool
    @app.post("/tools/{name}")
    async def tool(name: str, body: ToolRequest) -> dict[str, object]:
        stats["calls"] += 1
        if faults.delay_ms:
            await asyncio.sleep(faults.delay_ms / 1000)
        if faults.fail_next > 0:
            faults.fail_next -= 1
            stats["failed"] += 1
            raise HTTPException(503, "tool service overloaded (injected fault)")
        try:
            return {"output": run_tool(name, body.input), "ok": True}
        except ToolError as error:  # bad input is an answer, not a failure: no retry helps
            return {"output": str(error), "ok": False}
    # #endregion tool

    @app.get("/healthz")
    async def healthz() -> dict[str, str]:
        return {"status": "ok"}

    @app.get("/stats")
    async def get_stats() -> dict[str, int]:
        return stats

    if os.environ.get("LUMEN_TOOLS_FAULTS") == "on":
        @app.post("/faults")
        async def set_faults(body: Faults) -> Faults:
            nonlocal faults
            faults = body
            stats.update(calls=0, failed=0)
            return faults

    return app
