"""Runs the red-team suite against Lumen's tool layer with a real OPA server, and prints one row per case:
what the injection tried, and which control stopped it. The audit lines go to audit.jsonl.

    python3 scripts/redteam.py        # needs `opa` on PATH
"""

import asyncio
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # make `lumen` importable from anywhere

from lumen.cost import Prices, token_cost  # noqa: E402
from lumen.security.audit import AuditLog  # noqa: E402
from lumen.security.opa import OpaPolicy, opa_server  # noqa: E402
from lumen.security.redteam import run_suite  # noqa: E402

# A token-shaped string made at run time, so no file holds one: the output filter must catch it.
FAKE_TOKEN = ".".join(["eyJhbGciOiJub25lIn0", "eyJzdWIiOiJkdW1teSJ9", "dummy-signature-not-a-secret"])

with opa_server("opa/") as url, open("audit.jsonl", "w") as log:
    # A longer budget than Lumen's 2 s: a timeout fails closed, which would read as a blocked attack here.
    results = asyncio.run(run_suite(OpaPolicy(url, timeout_s=30), FAKE_TOKEN, AuditLog(log.write)))

# #region table
print(f"{'case':<25} {'outcome':<9} {'control':<14} {'calls':>5}  detail")
for r in results:
    print(f"{r.case:<25} {r.outcome:<9} {r.control:<14} {r.model_calls:>5}  {r.detail}")
# #endregion table
lines = [json.loads(line) for line in Path("audit.jsonl").read_text().splitlines()]
outcomes = {o: sum(1 for line in lines if line["outcome"] == o) for o in ("allow", "deny", "approval")}
print(f"audit: {len(lines)} tool calls recorded; {json.dumps(outcomes, sort_keys=True)}")
print("fetched:", [url for r in results for url in r.fetched])
print("an audit line:", json.dumps(lines[1], sort_keys=True))
calls = sum(r.model_calls for r in results)
prompt, completion = sum(r.prompt_tokens for r in results), sum(r.completion_tokens for r in results)
cost = token_cost(prompt, completion, Prices())
print(f"model calls: {calls}, {prompt} prompt + {completion} completion tokens (offline: words)"
      f" = ${cost:.6f} at the book's assumed prices, $0 offline")
