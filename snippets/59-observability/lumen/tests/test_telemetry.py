"""Chapter 59: what Lumen records about a request (spans, metrics, logs), and what it never records."""

import json

import pytest
from fastapi.testclient import TestClient
from opentelemetry.trace import SpanKind

from lumen.events import question_asked
from lumen.main import create_app
from lumen.metrics import Metrics
from lumen.settings import Settings
from lumen.sinks import KafkaSink

QUESTION = "What is 6 * 7?"
TRACEPARENT = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01"


def client_for(**settings: object) -> TestClient:
    return TestClient(create_app(Settings(provider="offline", _env_file=None, **settings)))


def by_name(spans):
    return {span.name: span for span in spans.get_finished_spans()}


def test_one_request_is_one_trace_with_agent_model_and_tool_spans(spans) -> None:
    with client_for() as client:
        assert client.post("/v1/ask", json={"question": QUESTION}).status_code == 200
    names = [span.name for span in spans.get_finished_spans()]
    assert sorted(names) == sorted(["chat offline", "execute_tool calculator", "chat offline",
                                    "invoke_agent lumen", "BackgroundTask record_usage", "POST /v1/ask"])
    found = by_name(spans)
    server, agent, tool = found["POST /v1/ask"], found["invoke_agent lumen"], found["execute_tool calculator"]
    assert server.kind is SpanKind.SERVER and found["chat offline"].kind is SpanKind.CLIENT
    assert {span.context.trace_id for span in spans.get_finished_spans()} == {server.context.trace_id}
    assert agent.parent.span_id == server.context.span_id
    assert tool.parent.span_id == agent.context.span_id
    chats = [span for span in spans.get_finished_spans() if span.name == "chat offline"]
    assert all(chat.parent.span_id == agent.context.span_id for chat in chats)
    assert chats[0].attributes["gen_ai.operation.name"] == "chat"
    assert chats[0].attributes["gen_ai.provider.name"] == "offline"
    assert chats[0].attributes["gen_ai.usage.input_tokens"] > 0
    assert chats[0].attributes["lumen.usage.estimated"] is True


def test_probes_and_scrapes_make_no_spans(spans) -> None:
    with client_for() as client:
        client.get("/healthz")
        client.get("/readyz")
        client.get("/metrics")
    assert spans.get_finished_spans() == ()


def test_prompts_answers_and_tool_input_are_not_recorded_by_default(spans) -> None:
    with client_for() as client:
        answer = client.post("/v1/ask", json={"question": QUESTION}).json()["answer"]
    for span in spans.get_finished_spans():
        for value in span.attributes.values():
            assert "6 * 7" not in str(value) and answer not in str(value), span.name


def test_content_capture_is_an_explicit_opt_in(spans) -> None:
    with client_for(trace_content=True) as client:
        client.post("/v1/ask", json={"question": QUESTION})
    assert QUESTION in by_name(spans)["chat offline"].attributes["gen_ai.input.messages"]


def test_a_callers_traceparent_is_continued(spans) -> None:
    with client_for() as client:
        client.post("/v1/ask", json={"question": QUESTION}, headers={"traceparent": TRACEPARENT})
    server = by_name(spans)["POST /v1/ask"]
    assert format(server.context.trace_id, "032x") == "4bf92f3577b34da6a3ce929d0e0e4736"
    assert format(server.parent.span_id, "016x") == "00f067aa0ba902b7"


def test_the_stream_span_records_time_to_first_chunk(spans) -> None:
    with client_for() as client:
        with client.stream("POST", "/v1/ask/stream", json={"question": "What is a pod?"}) as response:
            response.read()
        scrape = client.get("/metrics").text
    chats = [span for span in spans.get_finished_spans() if span.name == "chat offline"]
    assert chats and all(span.attributes["gen_ai.request.stream"] for span in chats)
    assert chats[-1].attributes["gen_ai.response.time_to_first_chunk"] >= 0
    assert 'lumen_time_to_first_token_seconds_count{route="/v1/ask/stream"} 1.0' in scrape


def test_log_lines_inside_a_request_carry_its_trace_id(spans, capsys) -> None:
    with client_for(log_level="INFO") as client:
        client.post("/v1/ask", json={"question": QUESTION}, headers={"traceparent": TRACEPARENT})
    lines = [json.loads(line) for line in capsys.readouterr().out.splitlines() if line.startswith("{")]
    request = next(line for line in lines if line["msg"] == "request")
    assert request["trace_id"] == "4bf92f3577b34da6a3ce929d0e0e4736"
    assert "trace_id" not in next(line for line in lines if line["msg"] == "started")  # outside any request


def test_histograms_carry_trace_ids_as_exemplars_in_openmetrics_only(spans) -> None:
    with client_for() as client:
        client.post("/v1/ask", json={"question": QUESTION}, headers={"traceparent": TRACEPARENT})
        plain = client.get("/metrics").text
        open_metrics = client.get("/metrics", headers={"Accept": "application/openmetrics-text"})
    assert 'lumen_request_duration_seconds_count{route="/v1/ask"} 1.0' in plain
    assert "trace_id" not in plain
    assert open_metrics.headers["content-type"].startswith("application/openmetrics-text")
    assert '# {trace_id="4bf92f3577b34da6a3ce929d0e0e4736"}' in open_metrics.text
    assert 'lumen_model_cost_usd_total{source="estimate"}' in plain


def test_a_label_set_that_was_not_declared_fails_at_the_call() -> None:
    metrics = Metrics()
    with pytest.raises(ValueError):
        metrics.inc("lumen_tokens_total", 5, kind="prompt")  # "source" is missing
    with pytest.raises(KeyError):
        metrics.inc("lumen_typo_total")


class RecordingProducer:
    def __init__(self) -> None:
        self.records: list[dict] = []

    def produce(self, topic: str, **record: object) -> None:
        self.records.append({"topic": topic, **record})


def test_kafka_records_carry_the_producer_spans_traceparent(spans) -> None:
    sink = KafkaSink("unused:9092", config={"test.mock.num.brokers": 1})
    producer = RecordingProducer()
    sink._producer = producer  # the real producer is replaced: this test checks headers, not delivery
    sink._send(question_asked("c-1", QUESTION))
    send = by_name(spans)["send lumen.events"]
    headers = producer.records[0]["headers"]
    assert send.kind is SpanKind.PRODUCER
    assert headers["traceparent"].startswith(f"00-{send.context.trace_id:032x}-{send.context.span_id:016x}-")
    assert headers["type"] == "question.asked"



def test_every_pinned_genai_name_exists_in_the_pinned_semconv_package() -> None:
    # The GenAI conventions are in Development: when the opentelemetry-semantic-conventions pin moves and
    # a name Lumen writes was renamed or dropped, this fails and names it. Old names must not come back.
    from opentelemetry.semconv._incubating.attributes import gen_ai_attributes

    from lumen import genai

    known = {value for name, value in vars(gen_ai_attributes).items() if name.startswith("GEN_AI_")}
    pinned = {name: value for name, value in vars(genai).items() if name.isupper() and name != "SCHEMA"}
    assert {name: value for name, value in pinned.items() if value not in known} == {}
    assert not {"gen_ai.system", "gen_ai.usage.prompt_tokens", "gen_ai.usage.completion_tokens"} & set(pinned.values())
