"""Consumer lag of the usage-meter group: how many records on each partition it has not handled yet.

    python3 scripts/lag.py [GROUP]          # default group: usage-meter

Lag is the number to alert on: growing lag means the consumers fall behind the producers.
"""

import os
import sys
import time

from confluent_kafka import Consumer, KafkaError, KafkaException, TopicPartition
from confluent_kafka.admin import AdminClient

TOPIC = "lumen.events"
RETRIABLE = {KafkaError.NOT_COORDINATOR, KafkaError.COORDINATOR_LOAD_IN_PROGRESS, KafkaError.COORDINATOR_NOT_AVAILABLE}


def committed(reader: Consumer, partitions: list[TopicPartition]) -> list[TopicPartition]:
    """The group's committed offsets. On a new broker the offsets topic is still being created, and the
    first requests are answered with "Not coordinator": wait and ask again."""
    for _attempt in range(20):
        try:
            return reader.committed(partitions, timeout=10)
        except KafkaException as error:
            if error.args[0].code() not in RETRIABLE:
                raise
            time.sleep(0.5)
    raise SystemExit("the group coordinator did not become available")


def main() -> None:
    group = sys.argv[1] if len(sys.argv) > 1 else "usage-meter"
    bootstrap = os.environ.get("KAFKA_BOOTSTRAP_SERVERS", "localhost:9092")
    admin = AdminClient({"bootstrap.servers": bootstrap})
    partitions = [TopicPartition(TOPIC, p) for p in sorted(admin.list_topics(TOPIC, timeout=10).topics[TOPIC].partitions)]
    # #region lag
    reader = Consumer({"bootstrap.servers": bootstrap, "group.id": group})  # never subscribes: reads offsets only
    total = 0
    for tp in committed(reader, partitions):
        _low, high = reader.get_watermark_offsets(tp, timeout=10)
        done = tp.offset if tp.offset >= 0 else 0  # negative: the group has committed nothing here yet
        total += high - done
        print(f"{TOPIC}/{tp.partition}  end {high:>3}  committed {done:>3}  lag {high - done}")
    # #endregion lag
    reader.close()
    print(f"group {group}: total lag {total}")


if __name__ == "__main__":
    main()
