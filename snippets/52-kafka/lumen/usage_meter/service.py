"""The usage-meter's consumer loop: read lumen.events, count usage once, dead-letter what is invalid.

    python3 -m usage_meter --db usage.db                 # runs until Ctrl+C (SIGINT/SIGTERM)
    python3 -m usage_meter --idle-exit 5                 # stops when read to the end and idle for 5 s (demos)

Offsets are committed only after a record has been handled (counted, skipped or dead-lettered):
a crash in between means the record is read again, which the meter's dedupe makes harmless.
"""

from __future__ import annotations

import argparse
import logging
import os
import signal
import time
from dataclasses import dataclass, field
from typing import Any

from lumen.events import DEAD_LETTER_TOPIC, TOPIC, InvalidEvent, decode
from usage_meter.meter import UsageMeter

log = logging.getLogger("usage-meter")


# #region config
def consumer_config(bootstrap: str, group: str, member: str) -> dict[str, Any]:
    return {
        "bootstrap.servers": bootstrap,
        "group.id": group,
        "client.id": member,
        "group.protocol": "consumer",     # KIP-848: the broker assigns partitions, rebalances are incremental
        "enable.auto.commit": False,      # commit after handling, never before
        "auto.offset.reset": "earliest",  # a new group starts at the beginning of the topic
    }
# #endregion config


@dataclass
class Stats:
    counted: int = 0
    duplicates: int = 0
    other: int = 0
    dead_lettered: int = 0
    assigned: list[int] = field(default_factory=list)
    last_activity: float = field(default_factory=time.monotonic)  # last record or assignment


# #region handle
def handle(message: Any, meter: UsageMeter, dlq: Any, stats: Stats) -> None:
    try:
        event = decode(message.value())
    except InvalidEvent as error:
        dlq.produce(DEAD_LETTER_TOPIC, key=message.key(), value=message.value(), headers={
            "error": str(error), "source": f"{message.topic()}/{message.partition()}/{message.offset()}"})
        dlq.flush(10)  # the record must be safe in the DLQ before its offset is committed
        stats.dead_lettered += 1
        log.warning("dead-lettered %s/%s/%s: %s", message.topic(), message.partition(), message.offset(), error)
        return
    if event.type != "tokens.used":
        stats.other += 1  # question.asked, answer.given, tool.called: not the meter's business
    elif meter.apply(event):
        stats.counted += 1
    else:
        stats.duplicates += 1
# #endregion handle


def caught_up(consumer: Any) -> bool:
    """True when the member owns partitions and has committed each one up to its end (the high
    watermark the broker reports now): what the lag script would print as lag 0. An empty partition
    is read by definition."""
    assignment = consumer.assignment()
    if not assignment:
        return False
    for partition in consumer.committed(assignment, timeout=10):
        start, end = consumer.get_watermark_offsets(partition, timeout=10)
        if end > start and partition.offset < end:  # a partition never committed has offset -1001
            return False
    return True


# #region loop
def run(bootstrap: str, group: str, member: str, meter: UsageMeter, idle_exit_s: float | None = None,
        topic: str = TOPIC, stop: Any = None, stats: Stats | None = None) -> Stats:
    from confluent_kafka import Consumer, Producer

    stats = stats if stats is not None else Stats()
    consumer = Consumer(consumer_config(bootstrap, group, member))
    dlq = Producer({"bootstrap.servers": bootstrap, "enable.idempotence": True, "client.id": f"{member}-dlq"})

    def on_assign(_consumer: Any, partitions: list[Any]) -> None:
        stats.assigned = sorted({*stats.assigned, *(p.partition for p in partitions)})
        stats.last_activity = time.monotonic()
        log.info("%s assigned, now owns %s", member, stats.assigned)

    def on_revoke(_consumer: Any, partitions: list[Any]) -> None:
        stats.assigned = sorted(set(stats.assigned) - {p.partition for p in partitions})
        log.info("%s revoked, now owns %s", member, stats.assigned)

    consumer.subscribe([topic], on_assign=on_assign, on_revoke=on_revoke)
    try:
        while not (stop and stop()):
            message = consumer.poll(0.5)
            if message is None:
                quiet = idle_exit_s is not None and time.monotonic() - stats.last_activity > idle_exit_s
                if quiet and caught_up(consumer):  # and nothing is left that the broker already had
                    break
                continue
            if message.error():
                log.warning("consumer error: %s", message.error())
                continue
            handle(message, meter, dlq, stats)
            consumer.commit(message=message, asynchronous=False)
            stats.last_activity = time.monotonic()
    finally:
        consumer.close()  # leaves the group now, so its partitions move without waiting for a timeout
        dlq.flush(10)
    return stats
# #endregion loop


def main() -> None:
    parser = argparse.ArgumentParser(description="Counts Lumen's token usage per conversation.")
    parser.add_argument("--db", default="usage.db")
    parser.add_argument("--group", default="usage-meter")
    parser.add_argument("--member", default="usage-meter-1")
    parser.add_argument("--topic", default=TOPIC)
    parser.add_argument("--idle-exit", type=float, default=None,
                        help="stop once every owned partition is read to its end and this many seconds pass idle")
    args = parser.parse_args()
    logging.basicConfig(level=os.environ.get("USAGE_METER_LOG_LEVEL", "WARNING"), format="%(levelname)s %(message)s")

    stopping = False

    def request_stop(*_: Any) -> None:
        nonlocal stopping
        stopping = True

    signal.signal(signal.SIGTERM, request_stop)
    signal.signal(signal.SIGINT, request_stop)
    meter = UsageMeter(args.db)
    bootstrap = os.environ.get("KAFKA_BOOTSTRAP_SERVERS", "localhost:9092")
    stats = run(bootstrap, args.group, args.member, meter, args.idle_exit, args.topic, stop=lambda: stopping)
    print(f"counted {stats.counted} usage events, {stats.duplicates} duplicates, {stats.other} other events, "
          f"{stats.dead_lettered} dead-lettered")
    for t in meter.totals():
        print(f"{t.conversation:<12} {t.requests} requests {t.prompt_tokens:>5} prompt {t.completion_tokens:>4} "
              f"completion ({t.reasoning_tokens} reasoning)  ${t.cost_usd:.8f}")
    meter.close()


if __name__ == "__main__":
    main()
