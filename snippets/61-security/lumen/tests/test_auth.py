"""Lumen's token checks, with real RS256 and ES256 tokens signed by keys made for this test run."""

import time

import pytest
from fastapi import Depends, FastAPI
from fastapi.testclient import TestClient

from lumen.security.api import require_scope
from lumen.security.auth import AuthError, Principal, bearer_token


def test_a_valid_token_gives_the_principal(idp, verifier):
    for kid in ("test-rs", "test-es"):
        who = verifier.verify(idp.issue(kid, sub="ana", scope="tools:search tools:calc"))
        assert who == Principal("ana", "lumen-web", frozenset({"tools:search", "tools:calc"}))


@pytest.mark.parametrize(("claims", "message"), [
    ({"now": time.time() - 900}, "Signature has expired"),
    ({"aud": "billing-api"}, "Audience doesn't match"),
    ({"iss": "https://idp.attacker.example"}, "Invalid issuer"),
])
def test_bad_claims_are_refused(idp, verifier, claims, message):
    with pytest.raises(AuthError, match=message):
        verifier.verify(idp.issue("test-rs", sub="ana", scope="tools:search", **claims))


def test_leeway_absorbs_small_clock_skew(idp, verifier):
    token = idp.issue("test-rs", sub="ana", scope="tools:search", ttl_s=300, now=time.time() - 310)
    assert verifier.verify(token).subject == "ana"  # expired 10 s ago; leeway is 30 s


def test_a_revoked_key_is_refused_after_the_refetch(idp, verifier):
    token = idp.issue("test-es", sub="ana", scope="tools:search")
    verifier.verify(token)
    idp.revoke("test-es")
    verifier.refresh()
    with pytest.raises(AuthError, match='Unable to find a signing key that matches: "test-es"'):
        verifier.verify(token)


def test_bearer_header_parsing():
    assert bearer_token("Bearer abc") == "abc"
    for header in (None, "", "Basic abc", "Bearer "):
        with pytest.raises(AuthError, match="missing bearer token"):
            bearer_token(header)


def test_the_api_answers_401_and_403_with_a_challenge(idp, verifier):
    app = FastAPI()
    app.state.verifier = verifier

    @app.get("/v1/whoami")
    def whoami(who: Principal = Depends(require_scope("tools:search"))) -> dict[str, str]:
        return {"sub": who.subject}

    client = TestClient(app)
    missing = client.get("/v1/whoami")
    assert (missing.status_code, missing.headers["www-authenticate"]) == (401, 'Bearer error="invalid_token"')
    narrow = idp.issue("test-rs", sub="ana", scope="tools:calc")
    refused = client.get("/v1/whoami", headers={"Authorization": f"Bearer {narrow}"})
    assert refused.status_code == 403
    assert refused.headers["www-authenticate"] == 'Bearer error="insufficient_scope", scope="tools:search"'
    wide = idp.issue("test-rs", sub="ana", scope="tools:search")
    assert client.get("/v1/whoami", headers={"Authorization": f"Bearer {wide}"}).json() == {"sub": "ana"}
