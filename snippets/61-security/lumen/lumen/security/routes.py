"""Lumen's routes behind tokens: one table says which scope each route needs, and `secure` puts an app's
routes behind it. A route the table does not name is refused (fail closed), so a route added later
cannot be public by accident.

    from lumen.main import create_app as chat_app
    from lumen.tasks.api import create_app as task_app
    app = secure(chat_app(), verifier)   # /v1/ask needs lumen:ask
    tasks = secure(task_app(), verifier) # the approval route needs tasks:approve

    LUMEN_JWKS_URL=… LUMEN_JWT_ISSUER=… LUMEN_JWT_AUDIENCE=lumen-api \
        uvicorn --factory lumen.security.routes:create_task_app   # chapter 57's task API, secured

`secure` builds a new FastAPI app from the old one's router (which brings its lifespan), middleware and
exception handlers, adding the check as a dependency of every route, so chapter 52's and 57's code is used as it
is, not copied. The probes stay open (the kubelet has no token), and so does /metrics in this Lumen:
chapter 60 moves it to a port no route reaches.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable

import os

from fastapi import Depends, FastAPI, HTTPException, Request

from lumen.security.api import require_scope
from lumen.security.auth import Principal, TokenVerifier

# #region scopes
PUBLIC = None
ROUTE_SCOPES: dict[tuple[str, str], str | None] = {
    ("GET", "/healthz"): PUBLIC,
    ("GET", "/readyz"): PUBLIC,
    ("GET", "/metrics"): PUBLIC,  # chapter 60: on its own port, behind a NetworkPolicy
    ("POST", "/v1/ask"): "lumen:ask",
    ("POST", "/v1/ask/stream"): "lumen:ask",
    ("POST", "/v1/tasks"): "tasks:create",
    ("GET", "/v1/tasks/{task_id}"): "tasks:read",
    ("DELETE", "/v1/tasks/{task_id}"): "tasks:cancel",
    ("POST", "/v1/tasks/{task_id}/approval"): "tasks:approve",  # people only: no agent client has it
}
# Body fields that name the caller must name the token's subject: the approval's `by` is what chapter
# 57's workflow history records as the approver.
CALLER_FIELDS: dict[tuple[str, str], str] = {("POST", "/v1/tasks/{task_id}/approval"): "by"}


def route_scopes(table: dict[tuple[str, str], str | None]) -> Callable[[Request], Awaitable[Principal | None]]:
    async def dependency(request: Request) -> Principal | None:
        route = request.scope["route"]  # the APIRoute FastAPI matched
        key = (request.method, route.path)
        if key not in table:
            raise HTTPException(403, f"no scope is declared for {request.method} {route.path}")
        scope = table[key]
        if scope is PUBLIC:
            return None
        principal = require_scope(scope)(request)
        if key in CALLER_FIELDS:  # the body was read (and cached) before dependencies run
            try:
                body = await request.json()
            except ValueError:
                body = None  # not JSON: named nobody, so refused here (validation would refuse it too)
            named = body.get(CALLER_FIELDS[key]) if isinstance(body, dict) else None
            if named != principal.subject:
                raise HTTPException(403, f'this call must be made as "{principal.subject}", not "{named}"')
        return principal
    return dependency
# #endregion scopes


def secure(app: FastAPI, verifier: TokenVerifier,
           table: dict[tuple[str, str], str | None] = ROUTE_SCOPES) -> FastAPI:
    # No lifespan= here: include_router merges the included router's lifespan into the new app's, so
    # passing it as well would run it twice (chapter 57's would register its workflows twice and fail).
    secured = FastAPI(title=app.title, version=app.version, docs_url=None, redoc_url=None, openapi_url=None)
    secured.state.verifier = verifier
    secured.user_middleware = list(app.user_middleware)
    secured.exception_handlers.update(app.exception_handlers)
    secured.include_router(app.router, dependencies=[Depends(route_scopes(table))])
    return secured


def create_task_app() -> FastAPI:
    """Chapter 57's task API behind tokens, for uvicorn: the identity provider comes from the environment."""
    from lumen.tasks.api import create_app

    verifier = TokenVerifier(os.environ["LUMEN_JWKS_URL"], issuer=os.environ["LUMEN_JWT_ISSUER"],
                             audience=os.environ["LUMEN_JWT_AUDIENCE"])
    return secure(create_app(), verifier)
