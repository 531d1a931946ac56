"""Lumen's event publishing: the API with the in-memory sink, the outbox with SQLite, and KafkaSink
against librdkafka's built-in mock cluster (in-process, no broker)."""

import asyncio
import importlib.util
import sqlite3
import unittest
from collections.abc import Iterator

if importlib.util.find_spec("fastapi") is None:
    raise unittest.SkipTest("needs fastapi: pip install -r requirements-dev.txt")

import pytest  # noqa: E402
from fastapi.testclient import TestClient  # noqa: E402

from lumen.events import decode, question_asked  # noqa: E402
from lumen.main import create_app  # noqa: E402
from lumen.outbox import OutboxSink, connect, pending, relay_config, relay_once  # noqa: E402
from lumen.settings import Settings  # noqa: E402
from lumen.sinks import PRODUCER_DEFAULTS, EventSink, KafkaSink, MemorySink, build_sink  # noqa: E402


# #region api-test
@pytest.fixture
def client() -> Iterator[TestClient]:
    app = create_app(Settings(provider="offline", events="memory", _env_file=None))
    with TestClient(app) as test_client:
        yield test_client


def test_an_answer_publishes_its_events_in_order(client: TestClient) -> None:
    body = client.post("/v1/ask", json={"question": "What is 6 * 7?", "conversation_id": "c-7"}).json()
    sink: MemorySink = client.app.state.events
    assert [e.type for e in sink.events] == ["question.asked", "tool.called", "answer.given", "tokens.used"]
    assert {e.conversation for e in sink.events} == {"c-7"} == {body["conversation_id"]}
    used = sink.events[-1].payload
    assert used["prompt_tokens"] + used["completion_tokens"] == body["usage"]["total_tokens"]
# #endregion api-test


def test_the_usage_log_line_names_the_conversation(client: TestClient) -> None:
    # One id finds a request in Lumen's logs and its events in the topic.
    import logging

    seen: list[logging.LogRecord] = []
    handler = logging.Handler()
    handler.emit = seen.append  # type: ignore[method-assign]
    logging.getLogger("lumen").addHandler(handler)
    try:
        client.post("/v1/ask", json={"question": "What is 6 * 7?", "conversation_id": "c-log"})
    finally:
        logging.getLogger("lumen").removeHandler(handler)
    usage = [r for r in seen if r.getMessage() == "usage"]
    assert usage and usage[0].fields["conversation"] == "c-log"


def test_a_conversation_id_is_made_when_none_is_given(client: TestClient) -> None:
    body = client.post("/v1/ask", json={"question": "What is a pod?"}).json()
    assert len(body["conversation_id"]) == 36


def test_a_bad_conversation_id_is_a_422(client: TestClient) -> None:
    assert client.post("/v1/ask", json={"question": "hi", "conversation_id": "a b"}).status_code == 422


def test_every_sink_satisfies_the_protocol(tmp_path) -> None:
    assert isinstance(MemorySink(), EventSink)
    assert isinstance(OutboxSink(str(tmp_path / "o.db")), EventSink)


class RecordingProducer:
    """Acknowledges every record at flush(), like a healthy broker."""

    def __init__(self) -> None:
        self.waiting: list = []
        self.sent: list[bytes] = []

    def produce(self, topic: str, key: bytes, value: bytes, on_delivery) -> None:
        self.waiting.append((value, on_delivery))

    def flush(self, timeout: float) -> int:
        for value, done in self.waiting:
            self.sent.append(value)
            done(None, None)
        self.waiting = []
        return 0


def test_the_outbox_relays_pending_rows_once(tmp_path) -> None:
    path = str(tmp_path / "lumen.db")
    asyncio.run(OutboxSink(path).publish([question_asked("c-1", "a"), question_asked("c-1", "b")]))
    conn, producer = connect(path), RecordingProducer()
    assert relay_once(conn, producer) == 2
    assert relay_once(conn, producer) == 0 and pending(conn) == []
    assert [decode(v).payload["question"] for v in producer.sent] == ["a", "b"]


def test_the_relay_places_keys_like_lumens_producer() -> None:
    # The relay and KafkaSink must hash a conversation id to the same partition, or switching
    # LUMEN_EVENTS between kafka and outbox would split a conversation over two partitions.
    config = relay_config("unused:9092")
    assert config["partitioner"] == PRODUCER_DEFAULTS["partitioner"] == "murmur2_random"
    assert config["enable.idempotence"] is True


def test_a_failed_outbox_write_leaves_nothing_behind(tmp_path) -> None:
    path = str(tmp_path / "lumen.db")
    event = question_asked("c-1", "a")
    sink = OutboxSink(path)
    with pytest.raises(sqlite3.IntegrityError):
        asyncio.run(sink.publish([question_asked("c-1", "b"), event, event]))
    assert connect(path).execute("SELECT count(*) FROM outbox").fetchone() == (0,)


@pytest.mark.skipif(importlib.util.find_spec("confluent_kafka") is None, reason="needs confluent-kafka")
def test_kafka_sink_delivers_to_librdkafkas_mock_cluster() -> None:
    from lumen.metrics import Metrics

    metrics = Metrics()

    async def counted() -> None:
        sink = KafkaSink("unused:9092", metrics=metrics, config={"test.mock.num.brokers": 1})
        await sink.publish([question_asked("c-1", "hi"), question_asked("c-2", "ho")])
        await sink.aclose()

    asyncio.run(counted())
    assert metrics.value("lumen_events_total", outcome="delivered") == 2


@pytest.mark.skipif(importlib.util.find_spec("confluent_kafka") is None, reason="needs confluent-kafka")
def test_kafka_settings_reach_the_producer(monkeypatch) -> None:
    monkeypatch.setenv("LUMEN_KAFKA_CONFIG", '{"test.mock.num.brokers": "1", "client.id": "lumen-test"}')
    monkeypatch.setenv("KAFKA_BOOTSTRAP_SERVERS", "unused:9092")
    settings = Settings(events="kafka", _env_file=None)
    assert settings.kafka_bootstrap_servers == "unused:9092"
    from lumen.metrics import Metrics

    metrics = Metrics()
    sink = build_sink(settings, metrics)
    assert isinstance(sink, KafkaSink)

    async def deliver() -> None:
        # "unused:9092" does not resolve: the record is delivered only if the mock-cluster setting from
        # LUMEN_KAFKA_CONFIG reached librdkafka.
        await sink.publish([question_asked("c-1", "hi")])
        await sink.aclose()

    asyncio.run(deliver())
    assert metrics.value("lumen_events_total", outcome="delivered") == 1
