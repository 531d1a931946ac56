"""The conversation routes of chapter 56's Lumen, which sits on chapter 55's: with LUMEN_ACTORS=true a
conversation's history comes from its ConversationActor; without, GET /v1/conversations/{id} still
answers from chapter 55's memory (none here), so the earlier chapters keep working. No sidecar: the
actor proxy and the actor registration are replaced in-process."""

from collections.abc import Iterator
from typing import Any

import pytest
from dapr.clients.exceptions import DaprHttpError
from dapr.serializers import DefaultJSONSerializer
from fastapi.testclient import TestClient

import lumen.main as main
from lumen.settings import Settings


class HistoryProxy:
    async def GetHistory(self) -> dict[str, Any]:  # noqa: N802 (the actor method's name)
        return {"turns": [{"question": "What is 6 * 7?"}], "summary": None, "tokens": 164}


async def no_actor_host(*_: object) -> None:
    return None


def client(monkeypatch: pytest.MonkeyPatch, **settings: Any) -> Iterator[TestClient]:
    monkeypatch.setattr(main, "conversation_proxy", lambda conversation_id: HistoryProxy())
    monkeypatch.setattr(main, "host_actors", no_actor_host)
    with TestClient(main.create_app(Settings(provider="offline", _env_file=None, **settings))) as c:
        yield c


def test_without_actors_the_history_is_chapter_55s(monkeypatch: pytest.MonkeyPatch) -> None:
    for c in client(monkeypatch):
        response = c.get("/v1/conversations/demo-1")
    assert response.status_code == 200
    assert response.json() == {"conversation_id": "demo-1", "turns": []}


def test_with_actors_the_history_is_the_actors(monkeypatch: pytest.MonkeyPatch) -> None:
    for c in client(monkeypatch, actors=True):
        response = c.get("/v1/conversations/c-42")
    assert response.status_code == 200
    assert response.json()["tokens"] == 164


def test_a_turn_without_actors_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    for c in client(monkeypatch):
        response = c.post("/v1/conversations/c-42/ask", json={"question": "What is 6 * 7?", "user": "ada"})
    assert response.status_code == 404


# what daprd answered when the actor's state call panicked (see the chapter's Common mistakes)
ACTOR_FAILED = b'{"errorCode":"ERR_ACTOR_INVOKE_METHOD","message":"error invoke actor method: error from actor service: (500)"}'


class FailingProxy:
    async def Ask(self, body: dict[str, Any]) -> dict[str, Any]:  # noqa: N802
        raise DaprHttpError(DefaultJSONSerializer(), ACTOR_FAILED, status_code=500)

    async def GetHistory(self) -> dict[str, Any]:  # noqa: N802
        raise DaprHttpError(DefaultJSONSerializer(), ACTOR_FAILED, status_code=500)


def test_a_failed_actor_call_is_a_503_with_a_reason(monkeypatch: pytest.MonkeyPatch) -> None:
    for c in client(monkeypatch, actors=True):
        monkeypatch.setattr(main, "conversation_proxy", lambda conversation_id: FailingProxy())
        asked = c.post("/v1/conversations/c-42/ask", json={"question": "What is 6 * 7?", "user": "ada"})
        read = c.get("/v1/conversations/c-42")
    for response in (asked, read):
        assert response.status_code == 503
        assert response.json() == {"detail": "conversation c-42 is unavailable (its actor did not answer); try again"}
