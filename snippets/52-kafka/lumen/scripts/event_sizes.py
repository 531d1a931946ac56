"""Measures what Lumen's events weigh, for the broker's storage estimate in the capstone.

    python3 scripts/event_sizes.py

Runs the real app (offline provider, LUMEN_EVENTS=memory) on the same questions as ask_many.py, encodes
every event it published exactly as KafkaSink would, and turns the measured bytes per answer into
storage per day and per retention period. Record overhead inside Kafka (batch headers, the key, the two
headers) and compression are left out: the estimate is of the payload.
"""

import sys
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from fastapi.testclient import TestClient  # noqa: E402

from lumen.events import encode  # noqa: E402
from lumen.main import create_app  # noqa: E402
from lumen.settings import Settings  # noqa: E402
from scripts.ask_many import QUESTIONS  # noqa: E402

REQUESTS_PER_SECOND = 5  # chapter 50's assumed load
RETENTION_DAYS = 7       # retention.ms of lumen.events


def main() -> None:
    app = create_app(Settings(provider="offline", events="memory", _env_file=None))
    with TestClient(app) as client:
        for conversation, question in QUESTIONS:
            client.post("/v1/ask", json={"question": question, "conversation_id": conversation})
        events = list(app.state.events.events)
    # #region sizes
    sizes: dict[str, list[int]] = defaultdict(list)
    for event in events:
        sizes[event.type].append(len(encode(event)))
    for kind, values in sizes.items():
        print(f"{kind:<15} {len(values)} events, {min(values)}-{max(values)} bytes, mean {sum(values) / len(values):.0f}")
    per_answer = sum(len(encode(e)) for e in events) / len(QUESTIONS)
    per_day = per_answer * REQUESTS_PER_SECOND * 86_400
    print(f"per answer: {per_answer:.0f} bytes ({len(events) / len(QUESTIONS):.0f} events)")
    print(f"at {REQUESTS_PER_SECOND} req/s: {per_answer:.0f} B x {REQUESTS_PER_SECOND} x 86,400 s = {per_day / 1e6:.0f} MB a day, "
          f"{per_day * RETENTION_DAYS / 1e9:.1f} GB for {RETENTION_DAYS} days, before compression and replication")
    # #endregion sizes


if __name__ == "__main__":
    main()
