"""The usage-meter's idempotent counting and its dead-letter path, with fakes for Kafka."""

import json

from lumen.events import DEAD_LETTER_TOPIC, question_asked, tokens_used
from lumen.events import encode
from lumen.providers.base import Usage
from usage_meter.meter import UsageMeter
from usage_meter.service import Stats, handle


# #region idempotent
def test_a_redelivered_event_is_counted_once() -> None:
    meter = UsageMeter()
    event = tokens_used("c-1", Usage(1000, 200))
    assert meter.apply(event) is True
    assert meter.apply(event) is False  # the same id again: at-least-once delivery
    [total] = meter.totals()
    assert (total.requests, total.prompt_tokens, total.completion_tokens) == (1, 1000, 200)
    assert round(total.cost_usd, 8) == 0.00065  # 1000 x $0.25/1M + 200 x $2.00/1M
# #endregion idempotent


def test_the_count_survives_a_restart(tmp_path) -> None:
    path = str(tmp_path / "usage.db")
    event = tokens_used("c-1", Usage(10, 5), reasoning_tokens=3)
    UsageMeter(path).apply(event)
    again = UsageMeter(path)  # a new process after a crash reads the same event again
    assert again.apply(event) is False
    assert again.totals()[0].reasoning_tokens == 3


class FakeMessage:
    def __init__(self, value: bytes | None, offset: int = 7) -> None:
        self._value, self._offset = value, offset

    def value(self) -> bytes | None:
        return self._value

    def key(self) -> bytes:
        return b"c-1"

    def topic(self) -> str:
        return "lumen.events"

    def partition(self) -> int:
        return 0

    def offset(self) -> int:
        return self._offset


class FakeProducer:
    def __init__(self) -> None:
        self.records: list[tuple[str, bytes | None, dict[str, str]]] = []
        self.flushed = 0

    def produce(self, topic: str, key: bytes, value: bytes | None, headers: dict[str, str]) -> None:
        self.records.append((topic, value, headers))

    def flush(self, timeout: float) -> int:
        self.flushed += 1
        return 0


def test_invalid_records_go_to_the_dead_letter_topic_with_the_reason() -> None:
    meter, dlq, stats = UsageMeter(), FakeProducer(), Stats()
    bad = json.loads(encode(tokens_used("c-1", Usage(1, 1))))
    bad["version"] = 2
    handle(FakeMessage(json.dumps(bad).encode()), meter, dlq, stats)
    [(topic, value, headers)] = dlq.records
    assert topic == DEAD_LETTER_TOPIC
    assert headers == {"error": "version: Input should be 1", "source": "lumen.events/0/7"}
    assert json.loads(value or b"")["version"] == 2  # the original bytes, untouched, for a person to inspect
    assert dlq.flushed == 1 and stats.dead_lettered == 1 and meter.totals() == []


def test_other_event_types_are_read_but_not_counted() -> None:
    meter, stats = UsageMeter(), Stats()
    handle(FakeMessage(encode(question_asked("c-1", "hi"))), meter, FakeProducer(), stats)
    assert (stats.other, stats.counted, meter.totals()) == (1, 0, [])
