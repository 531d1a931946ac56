"""The transactional outbox: Lumen stores an answer and its events in ONE SQLite transaction; a relay
publishes the stored events to Kafka afterwards and marks them sent.

    sink = OutboxSink("lumen.db")                 # LUMEN_EVENTS=outbox
    await sink.publish(events)                    # answer row + outbox rows, committed together
    python3 -m lumen.outbox --db lumen.db         # the relay: publishes pending rows, marks them sent

If the relay dies after Kafka acknowledged a record but before the UPDATE, the record is published
again on the next run: the outbox gives at-least-once delivery, and consumers dedupe by event id.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import sqlite3
from collections.abc import Sequence
from typing import Any

from lumen.events import TOPIC, Event, encode
from lumen.sinks import PRODUCER_DEFAULTS

SCHEMA = """
CREATE TABLE IF NOT EXISTS answers (
    event_id TEXT PRIMARY KEY, conversation TEXT NOT NULL, answer TEXT NOT NULL, time TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS outbox (
    seq INTEGER PRIMARY KEY AUTOINCREMENT, id TEXT NOT NULL UNIQUE, topic TEXT NOT NULL,
    key TEXT NOT NULL, value BLOB NOT NULL, sent INTEGER NOT NULL DEFAULT 0);
"""


def connect(path: str) -> sqlite3.Connection:
    conn = sqlite3.connect(path)
    conn.executescript(SCHEMA)
    return conn


class OutboxSink:
    name = "outbox"

    def __init__(self, path: str, topic: str = TOPIC) -> None:
        self.path = path
        self.topic = topic
        connect(path).close()  # creates the tables at startup, so a bad path fails early

    async def publish(self, events: Sequence[Event]) -> None:
        await asyncio.to_thread(self._write, events)  # sqlite3 blocks: keep it off the event loop

    # #region write
    def _write(self, events: Sequence[Event]) -> None:
        conn = connect(self.path)
        try:
            with conn:  # one transaction: the answer and all its events, or nothing
                for event in events:
                    if event.type == "answer.given":
                        conn.execute("INSERT INTO answers VALUES (?, ?, ?, ?)",
                                     (event.id, event.conversation, event.payload["answer"], event.time.isoformat()))
                    conn.execute("INSERT INTO outbox (id, topic, key, value) VALUES (?, ?, ?, ?)",
                                 (event.id, self.topic, event.conversation, encode(event)))
        finally:
            conn.close()
    # #endregion write

    async def aclose(self) -> None:
        return None


# #region relay
def relay_config(bootstrap: str) -> dict[str, Any]:
    """KafkaSink's settings, partitioner included: a key lands on the same partition either way."""
    return {"bootstrap.servers": bootstrap, **PRODUCER_DEFAULTS, "client.id": "lumen-outbox-relay"}


def pending(conn: sqlite3.Connection, limit: int = 500) -> list[tuple[str, str, str, bytes]]:
    """Unsent rows in the order they were written: (id, topic, key, value)."""
    return conn.execute("SELECT id, topic, key, value FROM outbox WHERE sent = 0 ORDER BY seq LIMIT ?",
                        (limit,)).fetchall()


def send(producer: Any, rows: Sequence[tuple[str, str, str, bytes]], timeout_s: float = 10.0) -> list[str]:
    """Produces the rows and waits for the broker; returns the ids Kafka acknowledged."""
    delivered: list[str] = []
    for event_id, topic, key, value in rows:
        def done(error: Any, _message: Any, event_id: str = event_id) -> None:
            if error is None:
                delivered.append(event_id)
        producer.produce(topic, key=key.encode(), value=value, on_delivery=done)
    producer.flush(timeout_s)
    return delivered


def mark_sent(conn: sqlite3.Connection, ids: Sequence[str]) -> None:
    with conn:
        conn.executemany("UPDATE outbox SET sent = 1 WHERE id = ?", [(i,) for i in ids])


def relay_once(conn: sqlite3.Connection, producer: Any) -> int:
    rows = pending(conn)
    ids = send(producer, rows)
    mark_sent(conn, ids)
    return len(ids)
# #endregion relay


def main() -> None:
    parser = argparse.ArgumentParser(description="Publishes pending outbox rows to Kafka once.")
    parser.add_argument("--db", default="lumen.db")
    args = parser.parse_args()
    from confluent_kafka import Producer

    producer = Producer(relay_config(os.environ.get("KAFKA_BOOTSTRAP_SERVERS", "localhost:9092")))
    conn = connect(args.db)
    print(f"relayed {relay_once(conn, producer)} events, {len(pending(conn))} pending")


if __name__ == "__main__":
    main()
