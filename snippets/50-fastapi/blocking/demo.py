"""What one blocking call does to an event loop, measured with the standard library only.

    python3 demo.py

Four "requests" arrive together; each waits 0.5 s on a model call. A health probe arrives 0.1 s later.
The same work is done three ways: a blocking call inside async code, an awaited async call, and the
blocking call moved to a worker thread. asyncio.to_thread uses asyncio's default pool (min(32, CPUs + 4)
threads); FastAPI's `def` endpoints and run_in_threadpool use AnyIO's pool (40 threads): same idea, other sizes.
"""

import asyncio
import time

MODEL_CALL_S = 0.5
REQUESTS = 4


# #region styles
async def blocking_in_async() -> None:
    time.sleep(MODEL_CALL_S)  # like requests.post(...) or a sync SDK: the whole loop stops here


async def awaited_async_call() -> None:
    await asyncio.sleep(MODEL_CALL_S)  # like await httpx2.AsyncClient().post(...): the loop keeps going


async def blocking_in_thread() -> None:
    await asyncio.to_thread(time.sleep, MODEL_CALL_S)  # the blocking call waits in a worker thread
# #endregion styles


async def probe(started: float, arrives_after: float) -> float:
    """A /healthz request arriving `arrives_after` seconds in: trivial work, but it needs the loop for a
    moment to be answered. Returns how long it waited beyond its arrival time."""
    await asyncio.sleep(arrives_after)
    return time.perf_counter() - (started + arrives_after)


async def measure(handler) -> tuple[float, float]:
    started = time.perf_counter()
    health = asyncio.create_task(probe(started, 0.1))  # its clock starts now: it is due at 0.1 s
    requests = [asyncio.create_task(handler()) for _ in range(REQUESTS)]
    await asyncio.gather(*requests)
    total = time.perf_counter() - started
    return total, await health


def about(seconds: float) -> str:
    """Rounded to the nearest half second, so a busy machine prints the same table."""
    return f"~{round(seconds * 2) / 2:.1f}"


async def main() -> None:
    print(f"{REQUESTS} requests, each waiting {MODEL_CALL_S} s on a model call; a health probe arrives at 0.1 s\n")
    print(f"{'style':<34}{'all answered after':>20}{'probe waited':>15}")
    for name, handler in [
        ("time.sleep inside async def", blocking_in_async),
        ("await an async call", awaited_async_call),
        ("blocking call in a thread", blocking_in_thread),
    ]:
        total, waited = await measure(handler)
        print(f"{name:<34}{about(total):>18} s{about(waited):>13} s")


if __name__ == "__main__":
    asyncio.run(main())
