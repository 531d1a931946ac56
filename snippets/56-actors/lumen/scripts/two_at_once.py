"""Two requests for one conversation at the same moment, three ways, against the real daprd and Redis:

    python3 scripts/two_at_once.py     # needs DAPR_GRPC_PORT (daprd) and APP_PORT (Lumen, LUMEN_ACTORS=true)

1. the plain state API, read-modify-write: both requests read the history, then both write it back;
2. the same with the ETag each read returned and first-write-wins: the second write is refused;
3. the ConversationActor: daprd runs one turn of an actor at a time, so both turns are kept. A busy machine
   can send the second request only after the first turn has ended, which proves nothing; then the
   script tries again on a fresh conversation.
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
    sent = time.time()  # the wall clock the actor stamps its turns with (same machine)
    with urllib.request.urlopen(request, timeout=30) as response:
        return json.loads(response.read()), sent


# #region actor
async def race(conversation: str) -> bool:
    path = f"/v1/conversations/{conversation}/ask"
    questions = ["What is 6 * 7?", "What is a sidecar?"]
    answered = await asyncio.gather(*(asyncio.to_thread(post, path, {"question": q, "user": "ada"})
                                      for q in questions))
    sent = dict(zip(questions, (when for _, when in answered)))
    with urllib.request.urlopen(f"http://127.0.0.1:{os.environ['APP_PORT']}/v1/conversations/{conversation}") as r:
        turns = sorted(json.loads(r.read())["turns"], key=lambda turn: turn["started"])
    earlier, later = turns[0], turns[-1]
    if sent[later["question"]] >= earlier["ended"]:  # sent after the earlier turn ended: no race to show
        return False
    print(f"  answered as turns {sorted(answer['turn'] for answer, _ in answered)}")
    print(f"  history now holds {len(turns)} of 2 turns")
    print(f"  turns overlapped: {'yes' if later['started'] < earlier['ended'] else 'no'}")
    waited = sent[later["question"]] < earlier["ended"] <= later["started"]  # sent during it, ran after it
    print(f"  the later caller waited for the earlier turn: {'yes' if waited else 'no'}")
    return True
# #endregion actor


async def actor() -> None:
    for attempt in ("c-race", "c-race-2", "c-race-3"):  # a fresh conversation for each try
        if await race(attempt):
            return
        print(f"  ({attempt}: the second request was sent after the first turn ended; again)", file=sys.stderr)
    raise SystemExit("three tries, and the two requests were never in flight at the same time")


async def main() -> None:
    async with DaprClient() as dapr:
        print("1. state API, read-modify-write, no ETag:")
        await plain(dapr, "race-plain", etag_check=False)
        print("2. state API, ETag and first-write-wins:")
        await plain(dapr, "race-etag", etag_check=True)
    print("3. ConversationActor, both requests for one conversation:")
    with serving_lumen(LUMEN_MODEL_DELAY_MS="300"):
        await actor()


asyncio.run(main())
