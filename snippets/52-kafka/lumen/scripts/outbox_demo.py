"""The transactional outbox end to end: store, relay, crash, relay again, and count once.

    python3 scripts/outbox_demo.py

Uses its own topic (lumen.outbox-demo) and a temporary SQLite file, so it stands alone.
"""

import asyncio
import os
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from confluent_kafka import Producer  # noqa: E402

from lumen.agent import Agent  # noqa: E402
from lumen.outbox import OutboxSink, connect, pending, relay_config, relay_once, send  # noqa: E402
from lumen.providers.offline import OfflineProvider  # noqa: E402
from lumen.sinks import answer_events  # noqa: E402
from create_topics import ensure_topic  # noqa: E402
from usage_meter.meter import UsageMeter  # noqa: E402
from usage_meter.service import run  # noqa: E402

BOOTSTRAP = os.environ.get("KAFKA_BOOTSTRAP_SERVERS", "localhost:9092")
TOPIC = "lumen.outbox-demo"


def count(conn, table: str) -> int:
    return conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0]


async def store_answers(sink: OutboxSink) -> None:
    agent = Agent(OfflineProvider())
    for conversation, question in [("c-carol", "What is 6 * 7?"), ("c-dave", "What is a sidecar?")]:
        events = answer_events(conversation, question, await agent.answer(question), "offline")
        await sink.publish(events)
    try:  # the same events again: the duplicate ids violate the UNIQUE constraint, the transaction rolls back
        await sink.publish(events)
    except Exception as error:  # noqa: BLE001 - the demo prints whatever the database said
        print(f"a failing write stores nothing: {type(error).__name__}: {error}")


def main() -> None:
    ensure_topic(BOOTSTRAP, TOPIC, partitions=1)
    db = os.path.join(tempfile.mkdtemp(), "lumen.db")
    sink = OutboxSink(db, topic=TOPIC)
    asyncio.run(store_answers(sink))
    conn = connect(db)
    print(f"stored: {count(conn, 'answers')} answers, {count(conn, 'outbox')} outbox rows, {len(pending(conn))} pending")

    # #region crash
    producer = Producer(relay_config(BOOTSTRAP))  # the same key placement as KafkaSink
    delivered = send(producer, pending(conn))  # Kafka has them now...
    print(f"relay run 1: published {len(delivered)}, then crashed before mark_sent()")
    # ...but the process died here, so the rows are still marked unsent
    print(f"relay run 2: published {relay_once(conn, producer)}, {len(pending(conn))} pending")
    # #endregion crash

    stats = run(BOOTSTRAP, "usage-meter-outbox-demo", "meter-1", meter := UsageMeter(), idle_exit_s=3, topic=TOPIC)
    print(f"meter: {stats.counted} usage events counted, {stats.duplicates} duplicates skipped")
    for total in meter.totals():
        print(f"  {total.conversation}: {total.requests} request, {total.prompt_tokens} + {total.completion_tokens} tokens")


if __name__ == "__main__":
    main()
