"""Lumen's task API: a long-running task is a Dapr workflow instance, and its id is the task id.
Run it with:

    uvicorn --factory lumen.tasks.api:create_app --port 8001

    POST   /v1/tasks                 {"question": ..., "approval_timeout_s": 3600} -> 202 {"task_id"}
    GET    /v1/tasks/{id}            -> {"task_id", "status", "step", "result"}  (404 if unknown)
    POST   /v1/tasks/{id}/approval   {"approved": true, "by": "ana"}              -> 202
    DELETE /v1/tasks/{id}            cancel: terminate the instance                -> 202
    GET    /healthz                  -> {"status": "ok"}

The process is both the workflow worker (the lifespan starts the runtime) and a client of the engine.
"""

import json
import uuid
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Annotated, Any

from dapr.ext.workflow import DaprWorkflowClient
from fastapi import APIRouter, Depends, FastAPI, HTTPException, Request, Response
from pydantic import BaseModel, Field

from lumen.tasks.runtime import build_runtime


class TaskRequest(BaseModel):
    question: str = Field(min_length=1, max_length=2000)
    approval_timeout_s: int = Field(default=3600, ge=1, le=7 * 24 * 3600)
    task_id: str | None = Field(default=None, pattern=r"^[A-Za-z0-9_.-]{1,64}$")


class Approval(BaseModel):
    approved: bool
    by: str = Field(min_length=1, max_length=100)


def get_client(request: Request) -> DaprWorkflowClient:
    return request.app.state.client


ClientDep = Annotated[DaprWorkflowClient, Depends(get_client)]
router = APIRouter()


@router.get("/healthz")
async def healthz() -> dict[str, str]:
    return {"status": "ok"}


# #region routes
@router.post("/v1/tasks", status_code=202)
def start_task(body: TaskRequest, client: ClientDep) -> dict[str, str]:
    task_id = body.task_id or uuid.uuid4().hex  # the caller may choose it, to make retries safe
    client.schedule_new_workflow("lumen_task", instance_id=task_id,
                                 input=body.model_dump(exclude={"task_id"}))
    return {"task_id": task_id}


@router.get("/v1/tasks/{task_id}")
def task_status(task_id: str, client: ClientDep) -> dict[str, Any]:
    state = client.get_workflow_state(task_id)
    if state is None:
        raise HTTPException(404, f"no task {task_id}")
    output = state.serialized_output
    return {"task_id": task_id, "status": state.runtime_status.name,
            "step": state.serialized_custom_status,  # the text set_custom_status() wrote
            "result": json.loads(output) if output else None}


@router.post("/v1/tasks/{task_id}/approval", status_code=202)
def approve(task_id: str, body: Approval, client: ClientDep) -> Response:
    client.raise_workflow_event(task_id, "approval", data=body.model_dump())
    return Response(status_code=202)


@router.delete("/v1/tasks/{task_id}", status_code=202)
def cancel(task_id: str, client: ClientDep) -> Response:
    client.terminate_workflow(task_id, output={"status": "cancelled"})
    return Response(status_code=202)
# #endregion routes


# #region app
def create_app() -> FastAPI:
    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        runtime = build_runtime()
        runtime.start()  # returns once the work-item stream to the sidecar is open
        app.state.client = DaprWorkflowClient()
        try:
            yield
        finally:
            app.state.client.close()
            runtime.shutdown()

    app = FastAPI(title="Lumen tasks", lifespan=lifespan)
    app.include_router(router)
    return app
# #endregion app
