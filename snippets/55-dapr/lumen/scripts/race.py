"""Two replicas' worth of requests for ONE conversation at the same moment: both turns must survive.
Lumen reads the history with its ETag, saves with first-write-wins, and on a 409 reads again."""

import threading

from client import call, lumen_url, wait_ready

lumen = lumen_url()
wait_ready(lumen)
QUESTIONS = [f"What is {n} * 7?" for n in range(1, 9)]
start = threading.Barrier(len(QUESTIONS))


statuses: list[int] = []


def ask(question: str) -> None:
    start.wait()  # release all requests together
    statuses.append(call("POST", f"{lumen}/v1/ask", {"question": question, "conversation_id": "race-1"})[0])


threads = [threading.Thread(target=ask, args=(q,)) for q in QUESTIONS]
for t in threads:
    t.start()
for t in threads:
    t.join()
_, memory = call("GET", f"{lumen}/v1/conversations/race-1")
kept = sorted(t["question"] for t in memory["turns"])
print(f"{len(QUESTIONS)} concurrent questions, answers {sorted(statuses)}, {len(kept)} turns remembered, all kept: {kept == sorted(QUESTIONS)}")
# How many saves collided (lumen_state_conflicts_total on /metrics) depends on timing, so it is not
# printed; that no turn is lost does not depend on timing.
