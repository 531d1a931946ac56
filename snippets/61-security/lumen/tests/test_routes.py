"""Lumen's own routes behind real tokens: chapter 52's chat API and chapter 57's task API, each wrapped by
`secure`, called with tokens signed by keys made for this run. No model, no sidecar: the lifespan does
not run (TestClient without `with`), so the task API gets a recording workflow client instead."""

from contextlib import asynccontextmanager

from fastapi import APIRouter, FastAPI
from fastapi.testclient import TestClient

from lumen.main import create_app as chat_app
from lumen.security.routes import secure
from lumen.settings import Settings
from lumen.tasks.api import create_app as task_app


class RecordingWorkflows:
    def __init__(self) -> None:
        self.events: list[tuple[str, str, object]] = []

    def raise_workflow_event(self, instance_id: str, event_name: str, data: object = None) -> None:
        self.events.append((instance_id, event_name, data))


def bearer(idp, scope: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {idp.issue('test-rs', sub='ana', scope=scope)}"}


def test_the_approval_route_needs_its_own_scope(idp, verifier):
    app = secure(task_app(), verifier)
    app.state.client = workflows = RecordingWorkflows()
    client = TestClient(app)
    body = {"approved": True, "by": "ana"}
    assert client.post("/v1/tasks/t-1/approval", json=body).status_code == 401
    agent = client.post("/v1/tasks/t-1/approval", json=body, headers=bearer(idp, "tools:search tools:publish"))
    assert agent.status_code == 403
    assert agent.headers["www-authenticate"] == 'Bearer error="insufficient_scope", scope="tasks:approve"'
    assert workflows.events == []  # nothing reached the workflow
    person = client.post("/v1/tasks/t-1/approval", json=body, headers=bearer(idp, "tasks:approve"))
    assert person.status_code == 202
    assert workflows.events == [("t-1", "approval", body)]
    assert client.get("/healthz").status_code == 200  # the probe needs no token


def test_the_chat_api_needs_a_token_and_the_ask_scope(idp, verifier):
    client = TestClient(secure(chat_app(Settings(provider="offline", _env_file=None)), verifier))
    question = {"question": "What is 6 * 7?"}
    assert client.post("/v1/ask", json=question).status_code == 401
    assert client.post("/v1/ask", json=question, headers=bearer(idp, "tools:calc")).status_code == 403
    assert client.post("/v1/ask/stream", json=question).status_code == 401
    assert client.get("/healthz").status_code == 200


def test_a_route_without_a_declared_scope_is_refused(idp, verifier):
    app = FastAPI()

    @app.get("/v1/debug")
    def debug() -> dict[str, str]:
        return {"secret": "no"}

    client = TestClient(secure(app, verifier, table={}))
    refused = client.get("/v1/debug", headers=bearer(idp, "tasks:approve lumen:ask"))
    assert (refused.status_code, refused.json()) == (403, {"detail": "no scope is declared for GET /v1/debug"})


def test_the_wrapped_apps_lifespan_runs_once(idp, verifier):
    # Chapter 57's lifespan registers the workflows with the engine; run twice, the second registration
    # fails ("already registered"), which a real run showed before this test existed.
    starts: list[str] = []

    @asynccontextmanager
    async def lifespan(app: FastAPI):
        starts.append("start")
        app.state.ready = True
        yield

    router = APIRouter()

    @router.get("/healthz")
    def healthz() -> dict[str, str]:
        return {"status": "ok"}

    app = FastAPI(lifespan=lifespan)
    app.include_router(router)
    secured = secure(app, verifier)
    with TestClient(secured) as client:
        assert client.get("/healthz").status_code == 200
    assert starts == ["start"]
    assert secured.state.ready  # the lifespan saw the wrapping app, so its state is where routes look


def test_an_approval_is_made_in_the_callers_own_name(idp, verifier):
    # The workflow history records the body's `by` as the approver: it must be the token's subject.
    app = secure(task_app(), verifier)
    app.state.client = workflows = RecordingWorkflows()
    client = TestClient(app)
    as_ana = bearer(idp, "tasks:approve")  # sub=ana
    forged = client.post("/v1/tasks/t-1/approval", json={"approved": True, "by": "ben"}, headers=as_ana)
    assert (forged.status_code, forged.json()) == (403, {"detail": 'this call must be made as "ana", not "ben"'})
    assert workflows.events == []
    assert client.post("/v1/tasks/t-1/approval", json={"approved": True, "by": "ana"}, headers=as_ana).status_code == 202
