"""The OpenTelemetry GenAI attribute names Lumen writes, in one place.

The GenAI semantic conventions are in *Development* status: names have changed before
(gen_ai.system became gen_ai.provider.name; gen_ai.usage.prompt_tokens became
gen_ai.usage.input_tokens) and will change again. The Python package
opentelemetry-semantic-conventions 0.66b2 still ships them, under `_incubating` and marked
"moved to the semantic-conventions-genai repository", so Lumen pins the names here, as strings,
and a rename is a one-file change that the tests catch.

Never recorded by default: prompts, answers, tool arguments and tool results. They are personal
data and secrets as often as not; LUMEN_TRACE_CONTENT=true turns them on for a debugging session.
"""

SCHEMA = "gen_ai (Development), names as in opentelemetry-semantic-conventions 0.66b2"

OPERATION_NAME = "gen_ai.operation.name"            # "chat", "execute_tool", "invoke_agent"
PROVIDER_NAME = "gen_ai.provider.name"              # was gen_ai.system
REQUEST_MODEL = "gen_ai.request.model"
REQUEST_MAX_TOKENS = "gen_ai.request.max_tokens"
REQUEST_STREAM = "gen_ai.request.stream"
RESPONSE_TIME_TO_FIRST_CHUNK = "gen_ai.response.time_to_first_chunk"
USAGE_INPUT = "gen_ai.usage.input_tokens"    # was gen_ai.usage.prompt_tokens
USAGE_OUTPUT = "gen_ai.usage.output_tokens"  # includes reasoning tokens
USAGE_REASONING = "gen_ai.usage.reasoning.output_tokens"
AGENT_NAME = "gen_ai.agent.name"
CONVERSATION_ID = "gen_ai.conversation.id"
TOOL_NAME = "gen_ai.tool.name"
INPUT_MESSAGES = "gen_ai.input.messages"            # opt-in content only
OUTPUT_MESSAGES = "gen_ai.output.messages"          # opt-in content only
