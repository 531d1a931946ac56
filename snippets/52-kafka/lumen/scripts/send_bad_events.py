"""Publishes three records the usage-meter must not count, to show its dead-letter path.

    python3 scripts/send_bad_events.py
"""

import json
import os

from confluent_kafka import Producer

BAD = [
    # a producer that moved to a schema version this consumer does not know yet
    {"id": "bad-1", "type": "tokens.used", "version": 2, "time": "2026-12-01T10:00:00Z", "conversation": "c-eve",
     "payload": {"model": "offline", "prompt_tokens": 10, "completion_tokens": 5, "reasoning_tokens": 0}},
    # a bug that sends a negative count: it would make a bill smaller
    {"id": "bad-2", "type": "tokens.used", "version": 1, "time": "2026-12-01T10:00:00Z", "conversation": "c-eve",
     "payload": {"model": "offline", "prompt_tokens": -10, "completion_tokens": 5, "reasoning_tokens": 0}},
]


def main() -> None:
    # murmur2_random, like Lumen's producer: c-eve lands where Lumen itself would put it
    producer = Producer({"bootstrap.servers": os.environ.get("KAFKA_BOOTSTRAP_SERVERS", "localhost:9092"),
                         "partitioner": "murmur2_random"})
    for record in BAD:
        producer.produce("lumen.events", key=b"c-eve", value=json.dumps(record).encode())
    producer.produce("lumen.events", key=b"c-eve", value=b"not json at all")  # garbage bytes
    producer.flush(10)
    print(f"sent {len(BAD) + 1} bad records to lumen.events")


if __name__ == "__main__":
    main()
