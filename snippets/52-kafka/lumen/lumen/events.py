"""Lumen's events: what happened, as versioned JSON envelopes that other services can rely on.

    event = tokens_used("c-42", Usage(120, 30), reasoning_tokens=0)
    event.type, event.version, event.conversation      # -> "tokens.used", 1, "c-42"
    data = encode(event)                                # -> b'{"id":"...","type":"tokens.used",...}'
    decode(data) == event                               # -> True; bad bytes raise InvalidEvent

Every event has the same envelope (id, type, version, time, conversation, payload); the payload's
shape depends on the type and is checked on both sides, so a producer bug is caught before it is
published and a consumer never trusts bytes it has not validated.
"""

from __future__ import annotations

import uuid
from datetime import UTC, datetime
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from lumen.providers.base import Usage

TOPIC = "lumen.events"
DEAD_LETTER_TOPIC = "lumen.events.dlq"


class InvalidEvent(ValueError):
    """Bytes that are not a valid Lumen event; the message says which field is wrong."""


# #region payloads
class QuestionAsked(BaseModel):
    model_config = ConfigDict(extra="forbid")
    question: str = Field(min_length=1)


class AnswerGiven(BaseModel):
    model_config = ConfigDict(extra="forbid")
    answer: str
    tool_calls: int = Field(ge=0)


class TokensUsed(BaseModel):
    model_config = ConfigDict(extra="forbid")
    model: str
    prompt_tokens: int = Field(ge=0)
    completion_tokens: int = Field(ge=0)
    reasoning_tokens: int = Field(default=0, ge=0)  # included in completion_tokens, as providers bill them


class ToolCalled(BaseModel):
    model_config = ConfigDict(extra="forbid")
    tool: str
    ok: bool


PAYLOADS: dict[str, type[BaseModel]] = {
    "question.asked": QuestionAsked,
    "answer.given": AnswerGiven,
    "tokens.used": TokensUsed,
    "tool.called": ToolCalled,
}
# #endregion payloads


# #region envelope
class Event(BaseModel):
    """The envelope. `version` is the version of this envelope and payload schema, not of Lumen."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    id: Annotated[str, Field(min_length=1)] = Field(default_factory=lambda: str(uuid.uuid4()))
    type: Literal["question.asked", "answer.given", "tokens.used", "tool.called"]
    version: Literal[1] = 1
    time: datetime = Field(default_factory=lambda: datetime.now(UTC))
    conversation: str = Field(min_length=1, max_length=100)
    payload: dict[str, Any]

    @model_validator(mode="after")
    def payload_matches_type(self) -> Event:
        try:
            PAYLOADS[self.type].model_validate(self.payload)
        except ValidationError as error:
            raise ValueError(f"payload.{_first_problem(error)}") from None
        return self
# #endregion envelope


# #region codec
def encode(event: Event) -> bytes:
    return event.model_dump_json().encode()


def decode(data: bytes | None) -> Event:
    """Parses and validates one record value; anything wrong becomes one InvalidEvent."""
    if not data:
        raise InvalidEvent("empty record value")
    try:
        return Event.model_validate_json(data)
    except ValidationError as error:
        raise InvalidEvent(_first_problem(error)) from None
# #endregion codec


def _first_problem(error: ValidationError) -> str:
    """'version: Input should be 1': the first problem pydantic found, with where it is."""
    first = error.errors()[0]
    where = ".".join(str(part) for part in first["loc"])
    message = first["msg"].removeprefix("Value error, ")
    return f"{where}: {message}" if where else message


def question_asked(conversation: str, question: str) -> Event:
    return Event(type="question.asked", conversation=conversation, payload={"question": question})


def answer_given(conversation: str, answer: str, tool_calls: int) -> Event:
    return Event(type="answer.given", conversation=conversation, payload={"answer": answer, "tool_calls": tool_calls})


def tokens_used(conversation: str, usage: Usage, model: str = "offline", reasoning_tokens: int = 0) -> Event:
    payload = {"model": model, "prompt_tokens": usage.prompt_tokens,
               "completion_tokens": usage.completion_tokens, "reasoning_tokens": reasoning_tokens}
    return Event(type="tokens.used", conversation=conversation, payload=payload)


def tool_called(conversation: str, tool: str, ok: bool) -> Event:
    return Event(type="tool.called", conversation=conversation, payload={"tool": tool, "ok": ok})
