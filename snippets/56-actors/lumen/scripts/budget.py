"""One user, two conversations, one daily budget: UserBudgetActor refuses the turn that would overspend.
The limit is LUMEN_USER_DAILY_LIMIT=1000 tokens here; each turn reserves 400 and settles what it used.

    python3 scripts/budget.py
"""

import json
import os
import sys
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from serving import serving_lumen  # noqa: E402


def ask(conversation: str, question: str) -> dict:
    request = urllib.request.Request(
        f"http://127.0.0.1:{os.environ['APP_PORT']}/v1/conversations/{conversation}/ask", method="POST",
        data=json.dumps({"question": question, "user": "linus"}).encode(),
        headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(request, timeout=30) as response:
        return json.loads(response.read())


with serving_lumen(LUMEN_USER_DAILY_LIMIT="1000"):
    for n, conversation in enumerate(["c-a", "c-b", "c-a", "c-b", "c-a", "c-b"], start=1):
        turn = ask(conversation, "What is 6 * 7?")
        if turn["answer"] is None:
            print(f"{n}. {conversation}: refused ({turn['refused']}), {turn['remaining']} tokens left")
        else:
            print(f"{n}. {conversation}: {turn['tokens']} tokens, {turn['remaining']} left today")
