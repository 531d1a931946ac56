"""Two usage-meter members in one consumer group: watch the partitions move when one joins and leaves.

    python3 scripts/rebalance.py

Both members run the real consumer loop (usage_meter.service.run), each in its own thread with its
own Consumer, as two processes would; only the timeline printing is specific to this demo.
"""

import os
import sys
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))


from create_topics import ensure_topic  # noqa: E402
from usage_meter.meter import UsageMeter  # noqa: E402
from usage_meter.service import Stats, run  # noqa: E402

BOOTSTRAP = os.environ.get("KAFKA_BOOTSTRAP_SERVERS", "localhost:9092")
GROUP = "usage-meter-rebalance-demo"
TOPIC = "lumen.rebalance-demo"  # its own empty 3-partition topic, so the demo changes nothing else


class Member:
    def __init__(self, name: str) -> None:
        self.name = name
        self.stats = Stats()
        self.stopping = threading.Event()
        self.thread = threading.Thread(target=self._run)

    def _run(self) -> None:
        self.stats = run(BOOTSTRAP, GROUP, self.name, UsageMeter(), topic=TOPIC, stop=self.stopping.is_set,
                         stats=self.stats)

    def start(self) -> "Member":
        self.thread.start()
        return self

    def stop(self) -> None:
        self.stopping.set()
        self.thread.join(30)


def wait_until(condition, what: str, timeout_s: float = 60) -> None:
    deadline = time.monotonic() + timeout_s
    while not condition():
        if time.monotonic() > deadline:
            raise SystemExit(f"timed out waiting until {what}")
        time.sleep(0.2)


def show(moment: str, *members: Member) -> None:
    owned = ", ".join(f"{m.name} owns {len(m.stats.assigned)}" for m in members)
    print(f"{moment:<14} {owned}")


def main() -> None:
    ensure_topic(BOOTSTRAP, TOPIC, partitions=3)
    a = Member("meter-a").start()
    wait_until(lambda: len(a.stats.assigned) == 3, "meter-a owns all 3 partitions")
    show("a alone:", a)

    b = Member("meter-b").start()
    wait_until(lambda: a.stats.assigned and b.stats.assigned and len(a.stats.assigned) + len(b.stats.assigned) == 3,
               "the two members split the partitions")
    show("b joined:", a, b)
    shared = set(a.stats.assigned) & set(b.stats.assigned)
    print(f"{'':<14} partitions owned by both: {len(shared)}")

    b.stop()  # close() leaves the group at once; a crash would wait for the session timeout instead
    wait_until(lambda: len(a.stats.assigned) == 3, "meter-a owns all 3 partitions again")
    show("b left:", a)
    a.stop()


if __name__ == "__main__":
    main()
