"""Creates Lumen's topics on the broker in KAFKA_BOOTSTRAP_SERVERS (default localhost:9092).

    python3 scripts/create_topics.py        # safe to run again: existing topics are left as they are
"""

import os
import sys
import time

from confluent_kafka import KafkaError, KafkaException
from confluent_kafka.admin import AdminClient, NewTopic

# #region topics
DAY_MS = 24 * 60 * 60 * 1000
TOPICS = [
    # 3 partitions: up to 3 usage-meter members share the work; one conversation stays on one partition
    NewTopic("lumen.events", num_partitions=3, replication_factor=1, config={"retention.ms": str(7 * DAY_MS)}),
    # the dead-letter topic keeps failures longer, so a person has time to look at them
    NewTopic("lumen.events.dlq", num_partitions=1, replication_factor=1, config={"retention.ms": str(30 * DAY_MS)}),
    # agent jobs, read by a share group: one partition is enough, share consumers split its records
    NewTopic("lumen.jobs", num_partitions=1, replication_factor=1),
]
# #endregion topics


def ensure_topic(bootstrap: str, name: str, partitions: int) -> None:
    """Creates a topic for a demo; one that already exists is fine (the demo may run twice)."""
    admin = AdminClient({"bootstrap.servers": bootstrap})
    try:
        admin.create_topics([NewTopic(name, num_partitions=partitions, replication_factor=1)])[name].result()
    except KafkaException as error:
        if error.args[0].code() != KafkaError.TOPIC_ALREADY_EXISTS:
            raise


def main() -> int:
    admin = AdminClient({"bootstrap.servers": os.environ.get("KAFKA_BOOTSTRAP_SERVERS", "localhost:9092")})
    failed = 0
    for name, future in admin.create_topics(TOPICS, request_timeout=15).items():
        try:
            future.result()
            print(f"created {name}")
        except KafkaException as error:
            if error.args[0].code() == KafkaError.TOPIC_ALREADY_EXISTS:
                print(f"exists  {name}")
            else:
                failed += 1
                print(f"failed  {name}: {error.args[0].str()}", file=sys.stderr)
    # Creation is acknowledged by the controller; the broker's metadata catches up a moment later.
    wanted = {topic.topic for topic in TOPICS}
    for _attempt in range(40):
        topics = admin.list_topics(timeout=10).topics
        if wanted <= topics.keys():
            break
        time.sleep(0.25)
    for name in sorted(wanted & topics.keys()):
        print(f"{name}: {len(topics[name].partitions)} partition(s)")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
