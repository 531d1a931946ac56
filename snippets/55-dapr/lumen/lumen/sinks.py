"""Where Lumen's events go. The API only sees the EventSink protocol, like it only sees Provider.

    sink: EventSink = MemorySink()                         # unit tests: events kept in a list
    sink = KafkaSink("localhost:9092", metrics=metrics)    # the real broker, through librdkafka
    await sink.publish([question_asked("c-1", "What is 6 * 7?"), ...])
    await sink.aclose()                                    # waits (bounded) for outstanding deliveries

confluent_kafka is imported only by KafkaSink, so the rest of Lumen and its tests run without it.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, Protocol, runtime_checkable

from lumen.events import TOPIC, Event, answer_given, encode, question_asked, tokens_used, tool_called

if TYPE_CHECKING:
    from lumen.agent import Answer
    from lumen.dapr import Sidecar
    from lumen.metrics import Metrics
    from lumen.settings import Settings

log = logging.getLogger("lumen.events")


# #region protocol
@runtime_checkable
class EventSink(Protocol):
    name: str

    async def publish(self, events: Sequence[Event]) -> None:
        """Hands the events over for delivery; never blocks the event loop on the network."""
        ...

    async def aclose(self) -> None:
        """Delivers what is still buffered (within a time limit) and releases connections."""
        ...
# #endregion protocol


class MemorySink:
    """Keeps events in a list: the fake for unit tests, and `LUMEN_EVENTS=memory` on a laptop."""

    name = "memory"

    def __init__(self) -> None:
        self.events: list[Event] = []

    async def publish(self, events: Sequence[Event]) -> None:
        self.events.extend(events)

    async def aclose(self) -> None:
        return None


class NoSink:
    """Publishes nothing: `LUMEN_EVENTS=off`, Lumen as chapter 50 left it."""

    name = "off"

    async def publish(self, events: Sequence[Event]) -> None:
        return None

    async def aclose(self) -> None:
        return None


# #region kafka
PRODUCER_DEFAULTS: dict[str, Any] = {
    "client.id": "lumen",
    "partitioner": "murmur2_random",  # the Java client's key hashing: same key, same partition, any client
    "enable.idempotence": True,   # acks=all, and retries never duplicate or reorder within a partition
    "linger.ms": 5,               # wait up to 5 ms to batch records: fewer requests, tiny latency
    "compression.type": "zstd",
    "message.timeout.ms": 30_000, # give up on a record after 30 s (the delivery callback reports it)
    "queue.buffering.max.messages": 10_000,  # the local buffer: when full, produce() raises BufferError
}


class KafkaSink:
    """Produces each event to `lumen.events`, keyed by conversation id: one conversation, one partition,
    so its events are read in the order they were written."""

    name = "kafka"

    def __init__(self, bootstrap_servers: str, topic: str = TOPIC, metrics: Metrics | None = None,
                 config: dict[str, Any] | None = None) -> None:
        from confluent_kafka import Producer

        self.topic = topic
        self.metrics = metrics
        self._producer = Producer({"bootstrap.servers": bootstrap_servers, **PRODUCER_DEFAULTS, **(config or {})})
        self._poller: asyncio.Task[None] | None = None

    async def publish(self, events: Sequence[Event]) -> None:
        if self._poller is None:  # serves delivery callbacks while the app runs
            self._poller = asyncio.create_task(self._serve_callbacks())
        for event in events:
            try:
                self._produce(event)
            except BufferError:  # back-pressure: the broker is slower than Lumen, or unreachable
                await asyncio.to_thread(self._producer.poll, 1.0)
                try:
                    self._produce(event)
                except BufferError:
                    self._count("dropped")
                    log.warning("event dropped: producer buffer full", extra={"fields": {"type": event.type}})

    def _produce(self, event: Event) -> None:
        self._producer.produce(
            self.topic,
            key=event.conversation.encode(),
            value=encode(event),
            headers={"type": event.type, "version": str(event.version)},
            on_delivery=self._delivered,
        )

    def _delivered(self, error: Any, message: Any) -> None:
        if error is None:
            self._count("delivered")
        else:
            self._count("failed")
            log.warning("event not delivered", extra={"fields": {"error": str(error), "key": message.key()}})

    def _count(self, outcome: str) -> None:
        if self.metrics is not None:
            self.metrics.inc("lumen_events_total", outcome=outcome)

    async def _serve_callbacks(self) -> None:
        while True:
            self._producer.poll(0)  # non-blocking: runs the delivery callbacks that are due
            await asyncio.sleep(0.1)

    async def aclose(self) -> None:
        if self._poller is not None:
            self._poller.cancel()
        left = await asyncio.to_thread(self._producer.flush, 10.0)
        if left:
            log.warning("events still undelivered at shutdown", extra={"fields": {"count": left}})
# #endregion kafka


def build_sink(settings: Settings, metrics: Metrics | None = None, sidecar: Sidecar | None = None) -> EventSink:
    """The sink named by LUMEN_EVENTS: off (default), memory, kafka, outbox or dapr."""
    if settings.events == "dapr" and sidecar is not None:
        from lumen.dapr_sink import DaprSink

        return DaprSink(sidecar, settings.pubsub, metrics=metrics)
    if settings.events == "kafka":
        return KafkaSink(settings.kafka_bootstrap_servers, metrics=metrics, config=settings.kafka_config)
    if settings.events == "outbox":
        from lumen.outbox import OutboxSink

        return OutboxSink(settings.outbox_path)
    if settings.events == "memory":
        return MemorySink()
    return NoSink()


# #region answer-events
def answer_events(conversation: str, question: str, answer: Answer, model: str) -> list[Event]:
    """What one answered question publishes, in the order it happened."""
    events = [question_asked(conversation, question)]
    events += [tool_called(conversation, call.name, call.ok) for call in answer.tool_calls]
    events.append(answer_given(conversation, answer.text, len(answer.tool_calls)))
    reasoning = getattr(answer.usage, "reasoning_tokens", 0)  # reported by reasoning models only
    events.append(tokens_used(conversation, answer.usage, model, reasoning))
    return events
# #endregion answer-events
