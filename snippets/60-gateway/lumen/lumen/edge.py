"""Lumen's own edge checks: what it still decides behind the gateway (chapter 60).

    clients = load_clients("clients.json")      # -> {"sha256 of a key": Client(...)}, from LUMEN_API_KEYS_FILE
    limiter = Limiter(clients)
    decision = limiter.admit(api_key)            # -> Decision(client, status=200 | 401 | 429, retry_after, limit)
    limiter.charge(decision.client, 180)         # after the answer: the tokens the request really used
    app.add_middleware(BodyLimit, max_bytes=16384)   # 413 before the body reaches FastAPI

The gateway can count requests, but only Lumen knows what a request cost: the model reports usage when
the answer is finished. So every client has two token buckets. The request bucket is charged one per
request before it runs; the token bucket is charged afterwards with the tokens the answer used, and may
go into debt. A client in debt is refused (429) until the bucket has refilled above zero, and
Retry-After says when that will be. Keys are stored only as SHA-256 digests; the keys themselves are
handed to clients once and never written to a file Lumen reads. Standard library only.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import math
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any


# #region bucket
@dataclass
class TokenBucket:
    """capacity units at most, refilled at rate units per second; level may go below zero (debt)."""

    capacity: float
    rate: float
    clock: Callable[[], float] = time.monotonic
    level: float = field(init=False)
    updated: float = field(init=False)

    def __post_init__(self) -> None:
        self.level, self.updated = self.capacity, self.clock()

    def _refill(self) -> None:
        now = self.clock()
        self.level = min(self.capacity, self.level + (now - self.updated) * self.rate)
        self.updated = now

    def take(self, amount: float) -> float:
        """Take amount if the bucket holds it: 0.0. Otherwise take nothing: the seconds until it would."""
        self._refill()
        if self.level >= amount:
            self.level -= amount
            return 0.0
        return (amount - self.level) / self.rate

    def charge(self, amount: float) -> None:
        """Take amount whatever the level: a cost learned after the work was done."""
        self._refill()
        self.level -= amount

    def wait(self) -> float:
        """Seconds until the bucket is out of debt (0.0 when it is not in debt)."""
        self._refill()
        return 0.0 if self.level > 0 else (-self.level + 1) / self.rate
# #endregion bucket


# #region clients
@dataclass
class Client:
    id: str
    requests: TokenBucket  # one unit per request
    usage: TokenBucket  # model tokens, charged with what each answer used


def key_digest(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()


def load_clients(path: str | Path, clock: Callable[[], float] = time.monotonic) -> dict[str, Client]:
    """{"clients": [{"id", "key_sha256", "requests_per_minute", "tokens_per_minute",
    optional "request_burst", "token_burst"}]} -> clients by key digest."""
    clients = {}
    for entry in json.loads(Path(path).read_text())["clients"]:
        per_minute, tokens = entry["requests_per_minute"], entry["tokens_per_minute"]
        clients[entry["key_sha256"]] = Client(
            entry["id"],
            TokenBucket(entry.get("request_burst", per_minute), per_minute / 60, clock),
            TokenBucket(entry.get("token_burst", tokens), tokens / 60, clock))
    return clients
# #endregion clients


# #region admit
@dataclass(frozen=True)
class Decision:
    status: int  # 200 admitted, 401 unknown or missing key, 429 over a limit
    client: Client | None = None
    limit: str = ""  # "requests" or "tokens" when status is 429
    retry_after: int = 0  # whole seconds, rounded up, for the Retry-After header


class Limiter:
    def __init__(self, clients: dict[str, Client]) -> None:
        self.clients = clients

    def identify(self, key: str | None) -> Client | None:
        if not key:
            return None
        digest = key_digest(key)
        for known, client in self.clients.items():  # constant-time compare against every digest
            if hmac.compare_digest(known, digest):
                return client
        return None

    def admit(self, key: str | None) -> Decision:
        client = self.identify(key)
        if client is None:
            return Decision(401)
        debt = client.usage.wait()  # checked first: a client in token debt spends no request unit
        if debt > 0:
            return Decision(429, client, "tokens", math.ceil(debt))
        wait = client.requests.take(1)
        if wait > 0:
            return Decision(429, client, "requests", math.ceil(wait))
        return Decision(200, client)

    def charge(self, client: Client, tokens: int) -> None:
        client.usage.charge(tokens)
# #endregion admit


# #region body-limit
class BodyLimit:
    """ASGI middleware: a request body over max_bytes gets 413 and never reaches the app.

    A declared Content-Length is checked before anything is read; a chunked body is counted as it
    arrives and buffered (it is small by definition), then replayed to the app."""

    def __init__(self, app: Any, max_bytes: int) -> None:
        self.app, self.max_bytes = app, max_bytes

    async def __call__(self, scope: dict[str, Any], receive: Any, send: Any) -> None:
        if scope["type"] != "http" or scope["method"] in ("GET", "HEAD", "OPTIONS"):
            await self.app(scope, receive, send)
            return
        declared = dict(scope["headers"]).get(b"content-length")
        if declared is not None and declared.isdigit() and int(declared) > self.max_bytes:
            await self.reject(scope, send)
            return
        chunks, size, more = [], 0, True
        while more:
            message = await receive()
            if message["type"] == "http.disconnect":
                return
            chunks.append(message.get("body", b""))
            size += len(chunks[-1])
            if size > self.max_bytes:
                await self.reject(scope, send)
                return
            more = message.get("more_body", False)
        body, replayed = b"".join(chunks), False

        async def replay() -> dict[str, Any]:
            nonlocal replayed
            if not replayed:
                replayed = True
                return {"type": "http.request", "body": body, "more_body": False}
            return await receive()  # after the body: wait for the disconnect, as Starlette expects

        await self.app(scope, replay, send)

    async def reject(self, scope: dict[str, Any], send: Any) -> None:
        metrics = getattr(scope["app"].state, "metrics", None)
        if metrics is not None:
            metrics.inc("lumen_edge_rejections_total", reason="too_large")
        detail = json.dumps({"detail": f"request body larger than {self.max_bytes} bytes"}).encode()
        await send({"type": "http.response.start", "status": 413,
                    "headers": [(b"content-type", b"application/json"), (b"content-length", str(len(detail)).encode()),
                                (b"connection", b"close")]})
        await send({"type": "http.response.body", "body": detail})
# #endregion body-limit
