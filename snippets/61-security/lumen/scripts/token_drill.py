"""A token and key-rotation drill against Lumen's verifier, with keys generated now and a JWKS served on
loopback: good and bad tokens, then a rotation to a new key and the revocation of the old one.

    python3 scripts/token_drill.py
"""

import base64
import json
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # make `lumen` importable from anywhere

import jwt  # noqa: E402

from lumen.security.auth import AuthError, TokenVerifier  # noqa: E402
from lumen.security.devidp import AUDIENCE, ISSUER, DevIdentityProvider  # noqa: E402


def attempt(label: str, token: str) -> None:
    try:
        who = verifier.verify(token)
        print(f"{label:<44} accepted  sub={who.subject} scopes={' '.join(sorted(who.scopes))}")
    except AuthError as error:
        print(f"{label:<44} refused   {error}")


def with_scope(token: str, scope: str) -> str:
    """The same token with its payload edited and the old signature kept: what a tamperer can do."""
    header, payload, signature = token.split(".")
    claims = json.loads(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)))
    edited = base64.urlsafe_b64encode(json.dumps({**claims, "scope": scope}).encode()).rstrip(b"=")
    return ".".join([header, edited.decode(), signature])


with DevIdentityProvider() as idp:
    idp.add_key("lumen-2026-11", "RS256")
    verifier = TokenVerifier(idp.jwks_url, issuer=ISSUER, audience=AUDIENCE)
    # #region checks
    good = idp.issue("lumen-2026-11", sub="ana", scope="tools:search tools:calc")
    attempt("1 valid token", good)
    attempt("2 expired ten minutes ago", idp.issue("lumen-2026-11", sub="ana", scope="tools:search",
                                                   now=time.time() - 900))
    attempt("3 issued for another API (aud)", idp.issue("lumen-2026-11", sub="ana", scope="tools:search",
                                                        aud="billing-api"))
    attempt("4 issued by another issuer", idp.issue("lumen-2026-11", sub="ana", scope="tools:search",
                                                    iss="https://idp.attacker.example"))
    attempt("5 scope edited after signing", with_scope(good, "tools:search tools:publish"))
    unsigned = jwt.encode({"sub": "ana", "scope": "tools:publish"}, None, algorithm="none",
                          headers={"kid": "lumen-2026-11"})
    attempt('6 "alg": "none", no signature', unsigned)
    # #endregion checks
    # #region rotation
    idp.add_key("lumen-2026-12", "ES256")  # rotation: the new key is published beside the old one
    fresh = idp.issue("lumen-2026-12", sub="eli", scope="tools:publish")
    attempt("7 new key, signed at once", fresh)
    print(f"  the verifier fetches the JWKS again: keys now {verifier.refresh()}")
    attempt("8 new key, after the refetch", fresh)
    idp.revoke("lumen-2026-11")  # revocation: the old key leaves the JWKS
    attempt("9 old key revoked, verifier's cache fresh", good)
    print(f"  the verifier fetches the JWKS again: keys now {verifier.refresh()}")
    attempt("10 old key revoked, after the refetch", good)
    # #endregion rotation
    print(f"JWKS downloads: {idp.fetches}")
