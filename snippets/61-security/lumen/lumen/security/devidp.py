"""A throwaway identity provider for tests and drills: signing keys generated in memory at run time (never
written anywhere), their public halves served as a JWKS document on a loopback port.

    with DevIdentityProvider() as idp:
        idp.add_key("key-a", "RS256")                     # a fresh RSA key; published in the JWKS
        token = idp.issue("key-a", sub="ana", scope="tools:search")
        idp.revoke("key-a")                              # removed from the JWKS from now on
        idp.jwks_url                                     # http://127.0.0.1:<port>/jwks.json
"""

from __future__ import annotations

import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import jwt
from cryptography.hazmat.primitives.asymmetric import ec, rsa
from jwt.algorithms import ECAlgorithm, RSAAlgorithm

ISSUER = "https://idp.lumen.example"
AUDIENCE = "lumen-api"


class DevIdentityProvider:
    def __init__(self) -> None:
        self._private: dict[str, tuple[Any, str]] = {}  # kid -> (private key, algorithm)
        self._published: dict[str, dict[str, Any]] = {}  # kid -> public JWK
        self.fetches = 0  # how many times the JWKS was downloaded
        idp = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:  # noqa: N802 (the name http.server calls)
                idp.fetches += 1
                body = json.dumps({"keys": list(idp._published.values())}).encode()
                self.send_response(200 if self.path == "/jwks.json" else 404)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args: Any) -> None:  # keep the test output quiet
                pass

        self._server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.jwks_url = f"http://127.0.0.1:{self._server.server_address[1]}/jwks.json"

    def __enter__(self) -> DevIdentityProvider:
        threading.Thread(target=self._server.serve_forever, daemon=True).start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._server.shutdown()
        self._server.server_close()

    # #region keys
    def add_key(self, kid: str, algorithm: str = "RS256") -> None:
        if algorithm == "RS256":
            private = rsa.generate_private_key(public_exponent=65537, key_size=2048)
            jwk = RSAAlgorithm.to_jwk(private.public_key(), as_dict=True)
        else:
            private = ec.generate_private_key(ec.SECP256R1())
            jwk = ECAlgorithm.to_jwk(private.public_key(), as_dict=True)
        self._private[kid] = (private, algorithm)
        self._published[kid] = {**jwk, "kid": kid, "use": "sig", "alg": algorithm}

    def revoke(self, kid: str) -> None:
        """Unpublishes the key: verifiers refuse its tokens once they fetch the JWKS again."""
        self._published.pop(kid, None)

    def issue(self, kid: str, *, sub: str, scope: str, aud: str = AUDIENCE, iss: str = ISSUER,
              ttl_s: int = 300, azp: str = "lumen-web", now: float | None = None) -> str:
        private, algorithm = self._private[kid]
        issued = int(now if now is not None else time.time())
        claims = {"iss": iss, "aud": aud, "sub": sub, "azp": azp, "scope": scope,
                  "iat": issued, "exp": issued + ttl_s}
        return jwt.encode(claims, private, algorithm=algorithm, headers={"kid": kid})
    # #endregion keys
