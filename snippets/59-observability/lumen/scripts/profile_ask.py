"""Where a request's CPU time goes: cProfile over 300 in-process requests, grouped by package.

    python3 scripts/profile_ask.py            # tracing off, then on (spans to an in-memory exporter)

The app is called through httpx2's ASGI transport on one event loop in this thread, so cProfile
(which sees only its own thread) sees the whole request path. With the offline provider the model
costs nothing, so this measures what Lumen itself adds around a model call. Shares are rounded to
5 % and the ranking is what to read: the exact split varies a little between runs and machines.
"""

import asyncio
import cProfile
import pstats
import sys
import time
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import httpx2  # noqa: E402
from opentelemetry.sdk.trace.export.in_memory_span_exporter import InMemorySpanExporter  # noqa: E402

from lumen.main import create_app  # noqa: E402
from lumen.settings import Settings  # noqa: E402
from lumen.telemetry import configure_tracing  # noqa: E402

REQUESTS = 300
GROUPS = [("lumen", "/lumen/"), ("opentelemetry", "/opentelemetry/"), ("pydantic", "/pydantic"),
          ("fastapi+starlette", "/fastapi/"), ("fastapi+starlette", "/starlette/"),
          ("httpx2 (the test client)", "/httpx"), ("asyncio+anyio", "/asyncio/"), ("asyncio+anyio", "/anyio/"),
          ("logging+json", "/logging/"), ("logging+json", "/json/"), ("prometheus_client", "/prometheus_client/")]


async def ask_many(app) -> None:
    async with app.router.lifespan_context(app):
        transport = httpx2.ASGITransport(app=app)
        async with httpx2.AsyncClient(transport=transport, base_url="http://lumen") as client:
            for _ in range(REQUESTS):
                response = await client.post("/v1/ask", json={"question": "What is 6 * 7?"})
                response.raise_for_status()


def profile() -> tuple[dict[str, float], float]:
    app = create_app(Settings(provider="offline", log_level="WARNING", _env_file=None))
    profiler = cProfile.Profile(time.thread_time)  # this thread's CPU time: waiting for a core is not counted
    profiler.runcall(asyncio.run, ask_many(app))
    stats = pstats.Stats(profiler)
    shares: dict[str, float] = defaultdict(float)
    for (filename, _, _), (_, _, own_time, _, _) in stats.stats.items():  # type: ignore[attr-defined]
        group = next((name for name, marker in GROUPS if marker in filename), "other (stdlib, builtins)")
        shares[group] += own_time
    total = sum(shares.values())
    return {name: value / total for name, value in shares.items()}, total


def show(title: str, shares: dict[str, float]) -> None:
    print(title)
    lumen = shares.get("lumen", 0.0)
    print(f"  lumen's own code: {'under 10%' if lumen < 0.10 else f'{lumen:.0%}'} of CPU time")
    print("  top 5 groups (the split varies between runs):")
    for name, share in sorted(shares.items(), key=lambda item: -item[1])[:5]:
        print(f"    {name:<26} {round(share * 20) * 5:>3}%")


def main() -> None:
    untraced, untraced_s = profile()
    configure_tracing(InMemorySpanExporter())  # from here on, every request records 6 spans
    traced, traced_s = profile()
    show(f"tracing off: {REQUESTS} requests", untraced)
    show(f"tracing on: {REQUESTS} requests", traced)
    print(f"CPU time with tracing / without (varies): {traced_s / untraced_s:.1f}x")


if __name__ == "__main__":
    main()
