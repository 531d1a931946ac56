"""Two questions in one conversation through Lumen with LUMEN_DAPR=on: the tool runs in lumen-tools
(service invocation), the turns land in the state store, the events on pub/sub."""

from client import call, lumen_url, wait_ready

lumen = lumen_url()
wait_ready(lumen)
for question in ["What is 6 * 7?", "What is a sidecar?"]:
    status, reply = call("POST", f"{lumen}/v1/ask", {"question": question, "conversation_id": "demo-1"})
    calls = [f"{c['name']}({c['input']}) -> {c['output'][:40]}" for c in reply["tool_calls"]]
    print(f"{status} {question!r}: {reply['answer']!r} tools={calls} prompt_tokens={reply['usage']['prompt_tokens']}")
status, memory = call("GET", f"{lumen}/v1/conversations/demo-1")
print(f"{status} remembered turns: {[t['question'] for t in memory['turns']]}")
