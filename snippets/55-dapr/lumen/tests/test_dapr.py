"""Chapter 55's Lumen without a sidecar: the memory's ETag retry against a fake store with Dapr's rules,
the HTTP calls Sidecar sends (httpx2's MockTransport answers in-process), what RemoteTools does when
the sidecar gives up, and the settings switch. The real sidecars run in verify.yaml's steps."""

import asyncio
import importlib.util
import json
import unittest

if importlib.util.find_spec("httpx2") is None or importlib.util.find_spec("pydantic_settings") is None:
    raise unittest.SkipTest("needs httpx2 and pydantic-settings: pip install -r requirements-dev.txt")

import httpx2  # noqa: E402
import pytest  # noqa: E402

from lumen.dapr import DaprError, EtagMismatch, Sidecar  # noqa: E402
from lumen.memory import ConflictsExhausted, DaprMemory, FakeMemoryStore, Turn  # noqa: E402
from lumen.remote_tools import UNAVAILABLE, RemoteTools  # noqa: E402
from lumen.settings import Settings  # noqa: E402


# #region race-test
def test_a_racing_writer_costs_a_retry_not_a_turn() -> None:
    store = FakeMemoryStore()
    memory = DaprMemory(store, "lumen-state")

    async def scenario() -> int:
        await memory.append("c-1", Turn("first", "one"))

        async def other_replica() -> None:  # saves between our read and our save
            await DaprMemory(store, "lumen-state").append("c-1", Turn("racer", "two"))

        store.before_save = other_replica
        return await memory.append("c-1", Turn("second", "three"))

    attempts = asyncio.run(scenario())
    assert attempts == 2 and memory.conflicts == 1
    assert [t.question for t in asyncio.run(memory.history("c-1"))] == ["first", "racer", "second"]
# #endregion race-test


def test_a_conversation_that_never_settles_fails_loudly() -> None:
    class AlwaysMoving(FakeMemoryStore):
        async def save_state(self, store, key, value, etag):  # type: ignore[no-untyped-def]
            raise EtagMismatch(409, "ERR_STATE_SAVE", "possible etag mismatch")

    with pytest.raises(ConflictsExhausted):
        asyncio.run(DaprMemory(AlwaysMoving(), "lumen-state").append("c-1", Turn("q", "a")))


def test_memory_keeps_only_the_last_turns() -> None:
    memory = DaprMemory(FakeMemoryStore(), "lumen-state", turns=2)
    for n in range(3):
        asyncio.run(memory.append("c", Turn(f"q{n}", "a")))
    assert [t.question for t in asyncio.run(memory.history("c"))] == ["q1", "q2"]


def sidecar_answering(handler) -> tuple[Sidecar, list[httpx2.Request]]:  # type: ignore[no-untyped-def]
    seen: list[httpx2.Request] = []

    def record(request: httpx2.Request) -> httpx2.Response:
        seen.append(request)
        return handler(request)

    return Sidecar(httpx2.AsyncClient(base_url="http://127.0.0.1:3500", transport=httpx2.MockTransport(record))), seen


def test_save_sends_first_write_and_the_etag_and_maps_409() -> None:
    conflict = {"errorCode": "ERR_STATE_SAVE", "message": "failed saving state in state store lumen-state: possible etag mismatch"}
    sidecar, seen = sidecar_answering(lambda r: httpx2.Response(409, json=conflict))
    with pytest.raises(EtagMismatch) as raised:
        asyncio.run(sidecar.save_state("lumen-state", "c-1", {"turns": []}, "7"))
    assert seen[0].url.path == "/v1.0/state/lumen-state"
    assert json.loads(seen[0].content) == [{"key": "c-1", "value": {"turns": []}, "etag": "7", "options": {"concurrency": "first-write"}}]
    assert raised.value.code == "ERR_STATE_SAVE"


def test_publish_sets_the_partition_key() -> None:
    sidecar, seen = sidecar_answering(lambda r: httpx2.Response(204))
    asyncio.run(sidecar.publish("lumen-pubsub", "lumen.events", {"type": "question.asked"}, partition_key="c-1"))
    assert seen[0].url.path == "/v1.0/publish/lumen-pubsub/lumen.events"
    assert seen[0].url.params["metadata.partitionKey"] == "c-1"


def test_remote_tools_turn_a_sidecar_failure_into_a_failed_tool_call() -> None:
    sidecar, seen = sidecar_answering(lambda r: httpx2.Response(500, json={"errorCode": "ERR_DIRECT_INVOKE", "message": "circuit breaker is open"}))
    call = asyncio.run(RemoteTools(sidecar).run("calculator", "6 * 7"))
    assert seen[0].url.path == "/v1.0/invoke/lumen-tools/method/tools/calculator"
    assert (call.ok, call.output) == (False, UNAVAILABLE)


def test_remote_tools_pass_a_tool_error_through() -> None:
    sidecar, _ = sidecar_answering(lambda r: httpx2.Response(200, json={"output": "division by zero", "ok": False}))
    call = asyncio.run(RemoteTools(sidecar).run("calculator", "1/0"))
    assert (call.ok, call.output) == (False, "division by zero")


def test_dapr_on_switches_every_building_block() -> None:
    settings = Settings(dapr="on", _env_file=None)
    assert (settings.events, settings.tools, settings.memory, settings.secrets) == ("dapr", "dapr", "dapr", "dapr")
    assert Settings(_env_file=None).tools == "local"  # chapters 50-54 behave as before


def test_an_openai_key_may_come_from_the_secret_store() -> None:
    assert Settings(provider="openai", secrets="dapr", _env_file=None).openai_api_key is None


def test_a_sidecar_error_is_not_an_etag_mismatch() -> None:
    sidecar, _ = sidecar_answering(lambda r: httpx2.Response(500, json={"errorCode": "ERR_STATE_STORE_NOT_FOUND", "message": "state store nope is not found"}))
    with pytest.raises(DaprError) as raised:
        asyncio.run(sidecar.save_state("nope", "k", 1, None))
    assert not isinstance(raised.value, EtagMismatch) and raised.value.status == 500


# Recorded from a real run (Redis state store, daprd 1.18.1): two first turns of one new conversation
# saved at once. The loser's save carries no ETag, and Redis's script refuses the existing key with a 500,
# not the 409 a stale ETag gets.
NEW_KEY_TAKEN = {"errorCode": "ERR_STATE_SAVE", "message": "failed saving state in state store lumen-state: failed to set key lumen||race-1: ERR user_script:14: failed to set key lumen||race-1 script: d908b9553add63a82e03589b5c6d01a7654ef0f2, on @user_script:14."}


def test_a_new_key_created_meanwhile_is_a_conflict_not_a_failure() -> None:
    sidecar, _ = sidecar_answering(lambda r: httpx2.Response(500, json=NEW_KEY_TAKEN))
    with pytest.raises(EtagMismatch):
        asyncio.run(sidecar.save_state("lumen-state", "race-1", {"turns": []}, None))


def test_with_an_etag_the_same_500_stays_an_error() -> None:
    sidecar, _ = sidecar_answering(lambda r: httpx2.Response(500, json=NEW_KEY_TAKEN))
    with pytest.raises(DaprError) as raised:
        asyncio.run(sidecar.save_state("lumen-state", "race-1", {"turns": []}, "7"))
    assert not isinstance(raised.value, EtagMismatch)
