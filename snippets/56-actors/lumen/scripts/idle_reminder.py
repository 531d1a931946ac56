"""The idle reminder firing for real: two turns, then no traffic; daprd's scheduler fires "idle" after
LUMEN_CONVERSATION_IDLE_S (10 s here, 30 minutes by default) and the actor folds the turns into a summary.
The app is stopped and started again while the conversation is quiet: a reminder is durable, so it still
fires, into the new process. Waits on the summary appearing, never a fixed sleep.

    python3 scripts/idle_reminder.py
"""

import json
import os
import sys
import time
import urllib.request
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).parent))
from serving import serving_lumen  # noqa: E402

SETTINGS = {"LUMEN_CONVERSATION_IDLE_S": "10"}  # long enough that a stall between turns is not "idle"


def call(path: str, body: dict[str, Any] | None = None) -> dict[str, Any]:
    url = f"http://127.0.0.1:{os.environ['APP_PORT']}{path}"
    data = None if body is None else json.dumps(body).encode()
    request = urllib.request.Request(url, data=data, headers={"Content-Type": "application/json"},
                                     method="GET" if body is None else "POST")
    with urllib.request.urlopen(request, timeout=30) as response:
        return json.loads(response.read())


# #region wait
with serving_lumen(**SETTINGS):
    for question in ["What is 6 * 7?", "What is a sidecar?"]:
        turn = call("/v1/conversations/c-idle/ask", {"question": question, "user": "grace"})
        print(f"turn {turn['turn']}: {turn['answer']}")
    history = call("/v1/conversations/c-idle")
    print(f"before the reminder: {len(history['turns'])} turns, summary {history['summary']}")

print("app stopped; the conversation is quiet")
with serving_lumen(**SETTINGS):  # a new process: no actor is active in it yet
    deadline = time.monotonic() + 60  # the due time, plus one more period if a tick found no host
    while (history := call("/v1/conversations/c-idle"))["summary"] is None:
        if time.monotonic() > deadline:
            raise SystemExit("the idle reminder did not fire within 60 s")
        time.sleep(0.5)
    print(f"after the reminder: {len(history['turns'])} turns, {history['tokens']} tokens kept")
    print(f"summary: {history['summary']}")
# #endregion wait
