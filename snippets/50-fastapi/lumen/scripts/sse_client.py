"""Reads Lumen's streamed answer the way any SSE client does: line by line, event by event.

    python3 scripts/sse_client.py "What is a pod?"          # LUMEN_URL defaults to http://localhost:8000

Standard library only. An event is a block of "field: value" lines ended by a blank line; lines that
start with ":" are comments (the server's keep-alive pings) and are ignored.
"""

import http.client
import json
import os
import sys
from collections.abc import Iterator
from typing import BinaryIO
from urllib.parse import urlsplit


# #region parse
def read_events(stream: BinaryIO) -> Iterator[tuple[str, str]]:
    """Yields (event, data) as soon as each event's blank line arrives."""
    event, data = "message", []
    for raw in stream:  # one line at a time, as the bytes come in
        line = raw.decode("utf-8").rstrip("\r\n")
        if line == "":
            if data:
                yield event, "\n".join(data)
            event, data = "message", []
        elif line.startswith(":"):
            continue
        else:
            field, _, value = line.partition(":")
            value = value.removeprefix(" ")
            if field == "event":
                event = value
            elif field == "data":
                data.append(value)
# #endregion parse


def main(question: str) -> int:
    url = urlsplit(os.environ.get("LUMEN_URL", "http://localhost:8000"))
    connection = http.client.HTTPConnection(url.hostname or "localhost", url.port or 80, timeout=60)
    body = json.dumps({"question": question})
    connection.request("POST", "/v1/ask/stream", body, {"Content-Type": "application/json", "Accept": "text/event-stream"})
    response = connection.getresponse()
    if response.status != 200:
        print(f"HTTP {response.status}: {response.read().decode()}", file=sys.stderr)
        return 1
    for event, data in read_events(response):
        payload = json.loads(data)
        if event == "token":
            print(payload["text"], end="", flush=True)
        elif event == "tool":
            print(f"[tool {payload['name']}({payload['input']!r}) -> {payload['output']!r}]")
        elif event == "done":
            print(f"\n[done: {payload['usage']['total_tokens']} tokens]")
        elif event == "error":
            print(f"\n[error: {payload['detail']}]", file=sys.stderr)
            return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1] if len(sys.argv) > 1 else "What is a pod?"))
