"""The Resiliency policy at work, with faults injected into lumen-tools (LUMEN_TOOLS_FAULTS=on):
  1. two 503s, then success: the sidecar retried, the user never saw the failures;
  2. lumen-tools failing every call: retries give up, the circuit opens, and later calls fail fast
     without reaching the sick app at all."""

import time

from client import call, lumen_url, sidecar_url, tools_url, wait_ready

lumen, tools = lumen_url(), tools_url()
wait_ready(lumen)


def ask(question: str) -> dict:
    return call("POST", f"{lumen}/v1/ask", {"question": question})[1]


call("POST", f"{tools}/faults", {"fail_next": 2})
reply = ask("What is 6 * 7?")
print("1. two faults:   answer", repr(reply["answer"]), "| lumen-tools saw", call("GET", f"{tools}/stats")[1])

call("POST", f"{tools}/faults", {"fail_next": 1000})
for n in range(1, 4):
    reply = ask(f"What is {n} + 1?")
    seen = call("GET", f"{tools}/stats")[1]
    print(f"2. always fails, question {n}: tool ok={reply['tool_calls'][0]['ok']}"
          f" output={reply['tool_calls'][0]['output']!r} | lumen-tools saw {seen}")
status, body = call("POST", f"{sidecar_url('LUMEN')}/v1.0/invoke/lumen-tools/method/tools/calculator", {"input": "1"})
print(f"3. while the circuit is open, the sidecar answers {status}: {body}")
call("POST", f"{tools}/faults", {"fail_next": 0})
# The breaker stays open for its timeout (10 s), then lets one trial call through (half-open).
deadline = time.monotonic() + 30
while (status := call("POST", f"{sidecar_url('LUMEN')}/v1.0/invoke/lumen-tools/method/tools/calculator",
                      {"input": "1"})[0]) != 200 and time.monotonic() < deadline:
    time.sleep(0.5)
print(f"4. lumen-tools healthy again: after the breaker's timeout a trial call answered {status}; closed again")
