"""Who is calling: verifies the bearer token of every request to Lumen's API.

    verifier = TokenVerifier("https://idp.example/.well-known/jwks.json",
                             issuer="https://idp.example", audience="lumen-api")
    principal = verifier.verify(token)     # -> Principal(subject="ana", client="lumen-web", scopes=...)
    verifier.verify(expired)               # raises AuthError("Signature has expired")

The identity provider signs tokens with a private key only it holds and publishes the public keys as a
JWKS document. Lumen never sees a password or a shared secret: it checks the signature with the published
key named by the token's `kid`, then the claims. Rotating the key is publishing a new one; revoking it is
removing it from the JWKS (refused once the cached copy expires, `lifespan` seconds at most).
"""

from __future__ import annotations

from dataclasses import dataclass

import jwt

# #region verify
# Fixed here, never read from the token: a token that says "alg": "none" or "HS256" is refused.
ALGORITHMS = ["RS256", "ES256"]
REQUIRED_CLAIMS = ["exp", "iat", "iss", "aud", "sub"]


@dataclass(frozen=True)
class Principal:
    subject: str            # who: the user (or workload) the token was issued to
    client: str             # through which application: the OAuth client id (azp)
    scopes: frozenset[str]  # what it may do: "tools:search", "tools:publish", ...


class AuthError(Exception):
    """The token is missing or invalid; the message says why and is safe to log (it holds no token)."""


class TokenVerifier:
    def __init__(self, jwks_url: str, *, issuer: str, audience: str,
                 leeway_s: float = 30, lifespan_s: float = 300) -> None:
        self.issuer, self.audience, self.leeway_s = issuer, audience, leeway_s
        self._keys = jwt.PyJWKClient(jwks_url, lifespan=lifespan_s, timeout=5)

    def verify(self, token: str) -> Principal:
        try:
            key = self._keys.get_signing_key_from_jwt(token)
            claims = jwt.decode(token, key, algorithms=ALGORITHMS, audience=self.audience,
                                issuer=self.issuer, leeway=self.leeway_s,
                                options={"require": REQUIRED_CLAIMS})
        except (jwt.PyJWKClientError, jwt.InvalidTokenError) as error:
            raise AuthError(str(error)) from error
        return Principal(subject=claims["sub"], client=claims.get("azp", claims["sub"]),
                         scopes=frozenset(claims.get("scope", "").split()))
    # #endregion verify

    def refresh(self) -> int:
        """Fetches the JWKS again now (what happens by itself when the cached copy is `lifespan_s` old);
        returns how many signing keys it holds."""
        return len(self._keys.get_signing_keys(refresh=True))


def bearer_token(authorization: str | None) -> str:
    """The token in an `Authorization: Bearer <token>` header."""
    scheme, _, token = (authorization or "").partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        raise AuthError("missing bearer token")
    return token.strip()
