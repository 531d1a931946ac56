"""Two requests for one conversation at the same moment, three ways, against the real daprd and Redis:

    python3 scripts/two_at_once.py     # needs DAPR_GRPC_PORT (daprd) and APP_PORT (Lumen, LUMEN_ACTORS=true)

1. the plain state API, read-modify-write: both requests read the history, then both write it back;
2. the same with the ETag each read returned and first-write-wins: the second write is refused;
3. the ConversationActor: daprd runs one turn of an actor at a time, so both turns are kept.
In 1 and 2 a barrier makes both requests read before either writes: the interleaving a busy service meets
by chance, made certain so the output is the same on every run.
"""

import asyncio
import json
import os
import sys
import time
import urllib.request
from pathlib import Path
from typing import Any

from dapr.aio.clients import DaprClient
from dapr.clients.exceptions import DaprInternalError
from dapr.clients.grpc._state import Concurrency, StateOptions

sys.path.insert(0, str(Path(__file__).parent))
from serving import serving_lumen  # noqa: E402

STORE = "statestore"


# #region plain
async def plain_turn(dapr: DaprClient, key: str, question: str, both_read: asyncio.Barrier,
                     etag_check: bool) -> str:
    current = await dapr.get_state(STORE, key)
    turns = json.loads(current.data) if current.data else []
    await both_read.wait()  # the other request has read the same history by now
    turns.append({"question": question, "answer": "..."})
    etag, options = (current.etag, StateOptions(concurrency=Concurrency.first_write)) if etag_check else (None, None)
    try:
        await dapr.save_state(STORE, key, json.dumps(turns), etag=etag, options=options)
        return "saved"
    except DaprInternalError as error:  # daprd answered ABORTED; the store's own detail follows ". error"
        return f"refused: {str(error).split('. error from state store')[0]}"
# #endregion plain


async def plain(dapr: DaprClient, key: str, etag_check: bool) -> None:
    await dapr.save_state(STORE, key, "[]")  # start empty, so the ETag path compares a real version
    both_read = asyncio.Barrier(2)
    outcomes = await asyncio.gather(plain_turn(dapr, key, "What is 6 * 7?", both_read, etag_check),
                                    plain_turn(dapr, key, "What is a sidecar?", both_read, etag_check))
    kept = json.loads((await dapr.get_state(STORE, key)).data)
    for outcome in sorted(outcomes, reverse=True):
        print(f"  one request: {outcome}")
    print(f"  history now holds {len(kept)} of 2 turns")


def post(path: str, body: dict[str, Any]) -> tuple[dict[str, Any], float]:
    request = urllib.request.Request(f"http://127.0.0.1:{os.environ['APP_PORT']}{path}", method="POST",
                                     data=json.dumps(body).encode(), headers={"Content-Type": "application/json"})
    started = time.perf_counter()
    with urllib.request.urlopen(request, timeout=30) as response:
        return json.loads(response.read()), time.perf_counter() - started


# #region actor
async def actor() -> None:
    path = "/v1/conversations/c-race/ask"
    (first, t1), (second, t2) = await asyncio.gather(
        asyncio.to_thread(post, path, {"question": "What is 6 * 7?", "user": "ada"}),
        asyncio.to_thread(post, path, {"question": "What is a sidecar?", "user": "ada"}))
    print(f"  answered as turns {sorted([first['turn'], second['turn']])}")
    with urllib.request.urlopen(f"http://127.0.0.1:{os.environ['APP_PORT']}/v1/conversations/c-race") as r:
        turns = sorted(json.loads(r.read())["turns"], key=lambda turn: turn["started"])
    print(f"  history now holds {len(turns)} of 2 turns")
    print(f"  turns overlapped: {'yes' if turns[1]['started'] < turns[0]['ended'] else 'no'}")
    slow, fast = max(t1, t2), min(t1, t2)
    print(f"  the later caller waited for the earlier turn: {'yes' if slow >= fast + 0.25 else 'no'}")
# #endregion actor


async def main() -> None:
    async with DaprClient() as dapr:
        print("1. state API, read-modify-write, no ETag:")
        await plain(dapr, "race-plain", etag_check=False)
        print("2. state API, ETag and first-write-wins:")
        await plain(dapr, "race-etag", etag_check=True)
    print("3. ConversationActor c-race:")
    with serving_lumen(LUMEN_MODEL_DELAY_MS="300"):
        await actor()


asyncio.run(main())
