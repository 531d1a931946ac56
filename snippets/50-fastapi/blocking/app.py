"""The blocking mistake and its three fixes, as FastAPI endpoints.

    uvicorn app:app --port 8001      then: bash load.sh

`call_model_blocking` stands for any synchronous client (requests, a sync SDK, a database driver);
`call_model_async` for its async counterpart (httpx2.AsyncClient, an async SDK).
"""

import asyncio
import time

from fastapi import FastAPI
from fastapi.concurrency import run_in_threadpool

MODEL_CALL_S = 0.5
app = FastAPI()


def call_model_blocking() -> str:
    time.sleep(MODEL_CALL_S)
    return "answer"


async def call_model_async() -> str:
    await asyncio.sleep(MODEL_CALL_S)
    return "answer"


# #region wrong
@app.get("/blocking")
async def blocking() -> dict[str, str]:
    return {"answer": call_model_blocking()}  # WRONG: stops the event loop, and every request with it
# #endregion wrong


# #region fixes
@app.get("/async-client")
async def async_client() -> dict[str, str]:
    return {"answer": await call_model_async()}  # fix 1: an async client; waiting costs nothing


@app.get("/threadpool")
async def threadpool() -> dict[str, str]:
    return {"answer": await run_in_threadpool(call_model_blocking)}  # fix 2: keep the sync client, off the loop


@app.get("/sync-endpoint")
def sync_endpoint() -> dict[str, str]:
    return {"answer": call_model_blocking()}  # fix 3: a plain def; FastAPI runs it in its thread pool
# #endregion fixes


@app.get("/healthz")
async def healthz() -> dict[str, str]:
    return {"status": "ok"}
