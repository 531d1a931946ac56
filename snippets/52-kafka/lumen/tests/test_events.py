"""The event envelope and its schema check: python3 -m pytest -q tests/test_events.py"""

import json

import pytest

from lumen.events import InvalidEvent, decode, encode, question_asked, tokens_used
from lumen.providers.base import Usage


def test_an_event_survives_the_round_trip() -> None:
    event = tokens_used("c-1", Usage(120, 30), model="offline", reasoning_tokens=12)
    assert decode(encode(event)) == event
    assert json.loads(encode(event))["payload"] == {
        "model": "offline", "prompt_tokens": 120, "completion_tokens": 30, "reasoning_tokens": 12}


def test_every_event_gets_its_own_id() -> None:
    assert question_asked("c-1", "hi").id != question_asked("c-1", "hi").id


# #region schema-tests
@pytest.mark.parametrize(("change", "problem"), [
    ({"version": 2}, "version: Input should be 1"),
    ({"type": "tokens.spent"}, "type: Input should be"),
    ({"conversation": ""}, "conversation: String should have at least 1 character"),
    ({"payload": {"model": "m", "prompt_tokens": -1, "completion_tokens": 0}},
     "payload.prompt_tokens: Input should be greater than or equal to 0"),
    ({"payload": {"model": "m", "prompt_tokens": 1, "completion_tokens": 0, "cost": 9}},
     "payload.cost: Extra inputs are not permitted"),
])
def test_invalid_events_are_rejected_with_the_field_that_is_wrong(change: dict, problem: str) -> None:
    record = {**json.loads(encode(tokens_used("c-1", Usage(1, 1)))), **change}
    with pytest.raises(InvalidEvent, match=problem.replace("(", r"\(")):
        decode(json.dumps(record).encode())
# #endregion schema-tests


def test_bytes_that_are_not_json_are_rejected() -> None:
    with pytest.raises(InvalidEvent, match="Invalid JSON"):
        decode(b"not json")
    with pytest.raises(InvalidEvent, match="empty record value"):
        decode(None)
