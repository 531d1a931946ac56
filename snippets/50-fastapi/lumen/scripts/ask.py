"""Asks Lumen's agent a question from the command line, with the offline provider: no server, no key.

    python3 scripts/ask.py "What is 6 * 7?"
    python3 scripts/ask.py --stream "What is a sidecar?"

Standard library only: it imports the agent directly, the way the API does.
"""

import argparse
import asyncio
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # make `lumen` importable from anywhere

from lumen.agent import Agent  # noqa: E402
from lumen.providers.offline import OfflineProvider  # noqa: E402


async def main(question: str, stream: bool) -> None:
    provider = OfflineProvider(delay_s=0.02 if stream else 0.0)
    agent = Agent(provider)
    try:
        if not stream:
            answer = await agent.answer(question)
            print(f"answer:     {answer.text}")
            for call in answer.tool_calls:
                print(f"tool call:  {call.name}({call.input!r}) -> {call.output!r}{'' if call.ok else ' (failed)'}")
            usage = answer.usage
            print(f"usage:      {usage.prompt_tokens} prompt + {usage.completion_tokens} completion = {usage.total_tokens} tokens")
            return
        async for event in agent.stream(question):
            if event.kind == "token":
                print(f"token  {event.data['text']!r}", flush=True)  # flush: show each token as it arrives
            else:
                print(f"{event.kind:<6} {json.dumps(event.data)}", flush=True)
    finally:
        await provider.aclose()


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description="Ask Lumen's agent a question (offline provider).")
    parser.add_argument("question")
    parser.add_argument("--stream", action="store_true", help="print the answer event by event")
    args = parser.parse_args()
    asyncio.run(main(args.question, args.stream))
