"""Prints what is in the dead-letter topic: the error and where each record came from.

    python3 scripts/read_dlq.py
"""

import os

from confluent_kafka import OFFSET_BEGINNING, Consumer, TopicPartition


def main() -> None:
    consumer = Consumer({"bootstrap.servers": os.environ.get("KAFKA_BOOTSTRAP_SERVERS", "localhost:9092"),
                         "group.id": "dlq-reader", "enable.auto.commit": False})
    consumer.assign([TopicPartition("lumen.events.dlq", 0, OFFSET_BEGINNING)])  # no group membership needed
    empty_polls = 0
    while empty_polls < 3:
        message = consumer.poll(1.0)
        if message is None or message.error():
            empty_polls += 1
            continue
        headers = {name: value.decode() for name, value in message.headers() or []}
        print(f"{headers['source']:<18} {headers['error']}")
    consumer.close()


if __name__ == "__main__":
    main()
