"""Asks Lumen a few questions in two conversations, with LUMEN_EVENTS=kafka, and reports what it published.

    KAFKA_BOOTSTRAP_SERVERS=localhost:9092 python3 scripts/ask_many.py

The app runs in-process through FastAPI's TestClient, with its real lifespan: the KafkaSink it creates
talks to the real broker, and leaving the `with` block flushes it.
"""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from fastapi.testclient import TestClient  # noqa: E402

from lumen.main import create_app  # noqa: E402
from lumen.settings import Settings  # noqa: E402

QUESTIONS = [
    ("c-alice", "What is 6 * 7?"),
    ("c-bob", "What is a sidecar?"),
    ("c-alice", "What is (1200 * 0.8) / 3?"),
    ("c-bob", "What is a readiness probe?"),
]


def main() -> None:
    app = create_app(Settings(provider="offline", events="kafka", _env_file=None))
    with TestClient(app) as client:
        for conversation, question in QUESTIONS:
            body = client.post("/v1/ask", json={"question": question, "conversation_id": conversation}).json()
            print(f"{body['conversation_id']:<8} {question!r} -> {body['answer']!r} ({body['usage']['total_tokens']} tokens)")
    metrics = app.state.metrics
    print(f"events delivered: {metrics.value('lumen_events_total', outcome='delivered'):.0f}, "
          f"failed: {metrics.value('lumen_events_total', outcome='failed'):.0f}")


if __name__ == "__main__":
    main()
