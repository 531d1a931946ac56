"""The token check as a FastAPI dependency, for any route of Lumen's API.

    app.state.verifier = TokenVerifier(jwks_url, issuer=..., audience="lumen-api")
    @app.post("/v1/ask")
    async def ask(body: AskBody, who: Principal = Depends(require_scope("tools:search"))): ...

A missing or invalid token is a 401, a valid token without the scope a 403; both carry the
`WWW-Authenticate` challenge of RFC 6750 so a client knows whether to get a new token or a wider one.
"""

from __future__ import annotations

from collections.abc import Callable

from fastapi import HTTPException, Request

from lumen.security.auth import AuthError, Principal, TokenVerifier, bearer_token


# #region dependency
def require_scope(scope: str) -> Callable[[Request], Principal]:
    def dependency(request: Request) -> Principal:
        verifier: TokenVerifier = request.app.state.verifier
        try:
            principal = verifier.verify(bearer_token(request.headers.get("authorization")))
        except AuthError as error:
            raise HTTPException(401, str(error), {"WWW-Authenticate": 'Bearer error="invalid_token"'}) from error
        if scope not in principal.scopes:
            challenge = f'Bearer error="insufficient_scope", scope="{scope}"'
            raise HTTPException(403, f"this call needs the scope {scope}", {"WWW-Authenticate": challenge})
        return principal
    return dependency
# #endregion dependency
