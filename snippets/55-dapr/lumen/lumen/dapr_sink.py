"""Lumen's events over Dapr pub/sub, behind the same EventSink protocol as KafkaSink.

    sink = DaprSink(sidecar, pubsub="lumen-pubsub")
    await sink.publish(answer_events("c-1", "What is 6 * 7?", answer, "offline"))

Which broker carries them is the component's business: `lumen-pubsub` is Redis Streams on a laptop
(components/pubsub.yaml) and chapter 52's Kafka on kind (k8s/components/pubsub-kafka.yaml). The
conversation id is the partition key, so on Kafka one conversation stays in order, as in chapter 52.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Sequence

from lumen.dapr import DaprError, Sidecar
from lumen.events import TOPIC, Event, encode
from lumen.metrics import Metrics

log = logging.getLogger("lumen.events")


class DaprSink:
    name = "dapr"

    def __init__(self, sidecar: Sidecar, pubsub: str, topic: str = TOPIC, metrics: Metrics | None = None) -> None:
        self.sidecar, self.pubsub, self.topic, self.metrics = sidecar, pubsub, topic, metrics

    # #region publish
    async def publish(self, events: Sequence[Event]) -> None:
        for event in events:
            try:  # the sidecar retries per the policy; a failure here is counted and logged, not raised
                await self.sidecar.publish(self.pubsub, self.topic, json.loads(encode(event)), partition_key=event.conversation)
                self._count("delivered")
            except DaprError as error:
                self._count("failed")
                log.warning("event not published", extra={"fields": {"type": event.type, "error": error.message[:200]}})
    # #endregion publish

    def _count(self, outcome: str) -> None:
        if self.metrics is not None:
            self.metrics.inc("lumen_events_total", outcome=outcome)

    async def aclose(self) -> None:
        return None  # nothing buffered here: the sidecar owns the broker connection
