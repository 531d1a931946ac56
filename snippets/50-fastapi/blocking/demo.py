"""What one blocking call does to an event loop, measured with the standard library only.

    python3 demo.py

Four "requests" arrive together; each waits 1 s on a model call. A health probe arrives 0.1 s later.
The same work is done three ways: a blocking call inside async code, an awaited async call, and the
blocking call moved to a worker thread. asyncio.to_thread uses asyncio's default pool (min(32, CPUs + 4)
threads); FastAPI's `def` endpoints and run_in_threadpool use AnyIO's pool (40 threads): same idea, other sizes.

The table counts what the loop did, which is the same on any machine: how many requests were in flight
at once, and how many had finished when the probe was answered. The seconds follow, and vary. The probe is
due 0.9 s before any call can end, so only a pause longer than that could let a threaded call finish first.
"""

import asyncio
import time

MODEL_CALL_S = 1.0
REQUESTS = 4
PROBE_AT_S = 0.1


# #region styles
async def blocking_in_async() -> None:
    time.sleep(MODEL_CALL_S)  # like requests.post(...) or a sync SDK: the whole loop stops here


async def awaited_async_call() -> None:
    await asyncio.sleep(MODEL_CALL_S)  # like await httpx2.AsyncClient().post(...): the loop keeps going


async def blocking_in_thread() -> None:
    await asyncio.to_thread(time.sleep, MODEL_CALL_S)  # the blocking call waits in a worker thread
# #endregion styles


async def measure(handler) -> tuple[int, int, float, float]:
    """Runs REQUESTS handlers at once and a probe due PROBE_AT_S in. Returns the most requests in flight
    at once, the requests finished when the probe was answered, the total seconds and the probe's wait."""
    in_flight = most_at_once = finished = 0

    async def request() -> None:
        nonlocal in_flight, most_at_once, finished
        in_flight += 1
        most_at_once = max(most_at_once, in_flight)
        await handler()
        in_flight -= 1
        finished += 1

    async def probe() -> tuple[int, float]:
        """A /healthz request: trivial work, but it needs the loop for a moment to be answered."""
        due = time.perf_counter() + PROBE_AT_S
        await asyncio.sleep(PROBE_AT_S)
        return finished, time.perf_counter() - due

    started = time.perf_counter()
    health = asyncio.create_task(probe())  # created first: it starts its clock before any request runs
    await asyncio.gather(*(request() for _ in range(REQUESTS)))
    total = time.perf_counter() - started
    finished_at_probe, waited = await health
    return most_at_once, finished_at_probe, total, waited


async def main() -> None:
    print(f"{REQUESTS} requests, each waiting {MODEL_CALL_S} s on a model call; a health probe arrives at {PROBE_AT_S} s\n")
    print(f"{'style':<30}{'in flight at once':>19}{'finished before the probe':>28}")
    timings = []
    for name, handler in [
        ("time.sleep inside async def", blocking_in_async),
        ("await an async call", awaited_async_call),
        ("blocking call in a thread", blocking_in_thread),
    ]:
        at_once, finished, total, waited = await measure(handler)
        print(f"{name:<30}{at_once:>19}{f'{finished} of {REQUESTS}':>28}")
        timings.append(f"  {name:<30}all answered after {total:.2f} s, the probe waited {waited:.2f} s")
    print("\ntimings on this machine (they vary):")
    print("\n".join(timings))


if __name__ == "__main__":
    asyncio.run(main())
