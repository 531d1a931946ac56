"""Lumen's edge checks (chapter 60): the buckets with a fake clock, then the HTTP behaviour in-process."""

import asyncio
import json
import socket
import urllib.error
import urllib.request

import httpx2
import pytest

from lumen.edge import Limiter, TokenBucket, key_digest, load_clients
from lumen.main import create_app
from lumen.settings import Settings

KEY = "dummy-key-not-a-secret"  # a test value, named as a dummy: real keys are generated at run time


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


# #region bucket-tests
def test_bucket_refuses_and_says_when() -> None:
    clock = Clock()
    bucket = TokenBucket(capacity=2, rate=0.5, clock=clock)  # 30 a minute, burst of 2
    assert bucket.take(1) == 0.0 and bucket.take(1) == 0.0
    assert bucket.take(1) == pytest.approx(2.0)  # empty: one unit comes back in 2 s
    clock.now += 2
    assert bucket.take(1) == 0.0


def test_token_debt_blocks_until_repaid() -> None:
    clock = Clock()
    bucket = TokenBucket(capacity=100, rate=10, clock=clock)
    bucket.charge(160)  # the answer used more than was left: 60 tokens of debt
    assert bucket.level == -60
    assert bucket.wait() == pytest.approx(6.1)  # out of debt (level above zero) after 61 tokens at 10/s
    clock.now += 6.1
    assert bucket.wait() == 0.0
# #endregion bucket-tests


def clients_file(tmp_path, **limits) -> str:
    entry = {"id": "team-a", "key_sha256": key_digest(KEY), "requests_per_minute": 60, "tokens_per_minute": 6000}
    path = tmp_path / "clients.json"
    path.write_text(json.dumps({"clients": [{**entry, **limits}]}))
    return str(path)


def test_limiter_checks_key_then_tokens_then_requests(tmp_path) -> None:
    clock = Clock()
    limiter = Limiter(load_clients(clients_file(tmp_path, request_burst=1, token_burst=50), clock))
    assert limiter.admit(None).status == 401
    assert limiter.admit("dummy-wrong-key").status == 401
    first = limiter.admit(KEY)
    assert (first.status, first.client.id) == (200, "team-a")
    second = limiter.admit(KEY)
    assert (second.status, second.limit, second.retry_after) == (429, "requests", 1)
    limiter.charge(first.client, 80)  # 30 tokens of debt at 100 tokens/s
    clock.now += 1  # the request bucket refills, and so does the token bucket, to -30 + 100 = 50
    assert limiter.admit(KEY).status == 200


async def call(app, method: str, path: str, **kwargs) -> httpx2.Response:
    async with app.router.lifespan_context(app):
        transport = httpx2.ASGITransport(app=app)
        async with httpx2.AsyncClient(transport=transport, base_url="http://lumen") as client:
            return await client.request(method, path, **kwargs)


def settings(**values) -> Settings:
    return Settings(provider="offline", log_level="WARNING", _env_file=None, **values)


# #region api-tests
def test_no_key_is_401_with_a_challenge(tmp_path) -> None:
    app = create_app(settings(api_keys_file=clients_file(tmp_path)))
    response = asyncio.run(call(app, "POST", "/v1/ask", json={"question": "What is 6 * 7?"}))
    assert response.status_code == 401
    assert response.headers["www-authenticate"] == "Bearer"


def test_token_limit_is_charged_with_real_usage(tmp_path) -> None:
    path = clients_file(tmp_path, tokens_per_minute=60, token_burst=10)
    app = create_app(settings(api_keys_file=path))
    clock = Clock()  # Retry-After counts down as time passes: here time passes only when the test says

    async def twice() -> list[httpx2.Response]:
        async with app.router.lifespan_context(app):
            app.state.limiter = Limiter(load_clients(path, clock))  # the app's clients, on the test's clock
            transport = httpx2.ASGITransport(app=app)
            async with httpx2.AsyncClient(transport=transport, base_url="http://lumen",
                                          headers={"Authorization": f"Bearer {KEY}"}) as client:
                return [await client.post("/v1/ask", json={"question": "What is 6 * 7?"}) for _ in range(2)]

    first, second = asyncio.run(twice())
    assert first.status_code == 200  # admitted with 10 tokens left, then charged with all it used
    used = first.json()["usage"]["total_tokens"]
    assert used > 10
    assert second.status_code == 429
    assert int(second.headers["retry-after"]) == used - 10 + 1  # the debt plus one token, at 1 token/s


def test_body_over_the_limit_is_413_before_the_app(tmp_path) -> None:
    app = create_app(settings(max_body_bytes=1024))
    response = asyncio.run(call(app, "POST", "/v1/ask", content=b'{"question": "' + b"x" * 2000 + b'"}',
                                headers={"Content-Type": "application/json"}))
    assert response.status_code == 413


def test_metrics_leave_the_public_port() -> None:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    app = create_app(settings(metrics_port=port))

    async def both() -> tuple[int, str]:
        async with app.router.lifespan_context(app):
            transport = httpx2.ASGITransport(app=app)
            async with httpx2.AsyncClient(transport=transport, base_url="http://lumen") as client:
                public = (await client.get("/metrics")).status_code
            scrape = await asyncio.to_thread(lambda: urllib.request.urlopen(f"http://127.0.0.1:{port}/metrics").read())
            return public, scrape.decode()

    public, scrape = asyncio.run(both())
    assert public == 404
    assert "lumen_requests_total" in scrape
    with pytest.raises(urllib.error.URLError):  # the scrape listener stops with the app
        urllib.request.urlopen(f"http://127.0.0.1:{port}/metrics", timeout=1)
# #endregion api-tests
