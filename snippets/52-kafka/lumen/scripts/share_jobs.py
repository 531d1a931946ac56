"""Agent jobs as a queue: a Kafka 4 share group with two workers on ONE partition (KIP-932).

    python3 scripts/share_jobs.py

The Python ShareConsumer (confluent-kafka 2.15+) is a PREVIEW: fine to learn with, not for production.
"""

import os
import sys
import time

from confluent_kafka import AcknowledgeType, Producer, ShareConsumer
from confluent_kafka.admin import AdminClient, AlterConfigOpType, ConfigEntry, ConfigResource, ResourceType

from create_topics import ensure_topic

BOOTSTRAP = os.environ.get("KAFKA_BOOTSTRAP_SERVERS", "localhost:9092")
GROUP = "lumen-agents"


# #region group-config
def start_from_earliest() -> None:
    """A new share group starts at the LATEST offset by default: jobs sent before it existed are not seen."""
    entry = ConfigEntry("share.auto.offset.reset", "earliest", incremental_operation=AlterConfigOpType.SET)
    resource = ConfigResource(ResourceType.GROUP, GROUP, incremental_configs=[entry])
    admin = AdminClient({"bootstrap.servers": BOOTSTRAP})
    admin.incremental_alter_configs([resource])[resource].result()
# #endregion group-config


def worker(name: str) -> ShareConsumer:
    consumer = ShareConsumer({"bootstrap.servers": BOOTSTRAP, "group.id": GROUP, "client.id": name,
                              "share.acknowledgement.mode": "explicit"})
    consumer.subscribe(["lumen.jobs"])
    return consumer


def poll_some(consumer: ShareConsumer, timeout_s: float = 30) -> list:
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        records = [m for m in consumer.poll(1.0) if m.error() is None]
        if records:
            return records
    raise SystemExit("no jobs arrived")


def main() -> None:
    ensure_topic(BOOTSTRAP, "lumen.jobs", partitions=1)
    start_from_earliest()
    producer = Producer({"bootstrap.servers": BOOTSTRAP})
    for n in range(1, 5):
        producer.produce("lumen.jobs", value=f"summarise conversation c-{n}".encode())
    producer.flush(10)
    print("queued 4 jobs on lumen.jobs (1 partition)")

    # #region acknowledge
    first = worker("worker-1")
    records = poll_some(first)
    for i, record in enumerate(records):
        if i == 0:  # this worker cannot finish the job: hand it back to the group
            first.acknowledge(record, AcknowledgeType.RELEASE)
            print(f"worker-1 released {record.value().decode()!r} (delivery {record.delivery_count()})")
        else:
            first.acknowledge(record, AcknowledgeType.ACCEPT)
            print(f"worker-1 finished {record.value().decode()!r}")
    first.commit_sync()
    # #endregion acknowledge

    second = worker("worker-2")
    for record in poll_some(second):
        second.acknowledge(record, AcknowledgeType.ACCEPT)
        print(f"worker-2 finished {record.value().decode()!r} (delivery {record.delivery_count()})")
    second.commit_sync()
    first.close()
    second.close()


if __name__ == "__main__":
    sys.exit(main())
