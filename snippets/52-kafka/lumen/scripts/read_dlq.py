"""Prints what is in the dead-letter topic: the error and where each record came from.

    python3 scripts/read_dlq.py
"""

import os
import time

from confluent_kafka import OFFSET_BEGINNING, Consumer, TopicPartition


def main() -> None:
    consumer = Consumer({"bootstrap.servers": os.environ.get("KAFKA_BOOTSTRAP_SERVERS", "localhost:9092"),
                         "group.id": "dlq-reader", "enable.auto.commit": False})
    partition = TopicPartition("lumen.events.dlq", 0, OFFSET_BEGINNING)
    consumer.assign([partition])  # no group membership needed
    # Read up to the end the broker reports now (the high watermark), however long the first fetch takes.
    start, end = consumer.get_watermark_offsets(partition, timeout=10)
    deadline = time.monotonic() + 30
    position = start
    while position < end:
        if time.monotonic() > deadline:
            raise SystemExit(f"read {position - start} of the {end - start} records in the DLQ within 30 s")
        message = consumer.poll(1.0)
        if message is None or message.error():
            continue
        headers = {name: value.decode() for name, value in message.headers() or []}
        print(f"{headers['source']:<18} {headers['error']}")
        position = message.offset() + 1
    consumer.close()


if __name__ == "__main__":
    main()
