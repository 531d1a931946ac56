"""Shared fixtures: a throwaway identity provider and a real OPA server with Lumen's policy."""

import shutil
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from lumen.security.devidp import AUDIENCE, ISSUER, DevIdentityProvider  # noqa: E402
from lumen.security.opa import OpaPolicy, opa_server  # noqa: E402
from lumen.security.auth import TokenVerifier  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture()
def idp():
    with DevIdentityProvider() as provider:
        provider.add_key("test-rs", "RS256")
        provider.add_key("test-es", "ES256")
        yield provider


@pytest.fixture()
def verifier(idp):
    return TokenVerifier(idp.jwks_url, issuer=ISSUER, audience=AUDIENCE)


@pytest.fixture(scope="session")
def policy():
    if shutil.which("opa") is None:
        pytest.fail("opa is not on PATH: `npm run runtimes -- install tools` provisions it")
    with opa_server(str(ROOT / "opa")) as url:
        # Lumen's 2 s budget suits a sidecar; a test on a busy CI machine may wait longer for the same answer.
        yield OpaPolicy(url, timeout_s=30)
