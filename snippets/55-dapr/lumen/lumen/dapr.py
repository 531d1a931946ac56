"""Lumen's sidecar, over Dapr's HTTP API: the building blocks are plain HTTP calls to 127.0.0.1.

    sidecar = Sidecar(httpx2.AsyncClient(base_url="http://127.0.0.1:3500"))
    await sidecar.wait_ready(30)                                     # GET /v1.0/healthz/outbound -> 204
    value, etag = await sidecar.get_state("lumen-state", "conv-1")   # (None, None) when the key is new
    await sidecar.save_state("lumen-state", "conv-1", value, etag)   # raises EtagMismatch if someone won
    await sidecar.publish("lumen-pubsub", "lumen.events", event, partition_key="conv-1")
    await sidecar.invoke("lumen-tools", "tools/calculator", {"input": "6 * 7"})
    await sidecar.secret("lumen-secrets", "openai-api-key")         # -> {"openai-api-key": "..."}

Every call goes to this process's own sidecar; the sidecar finds the component or the other app.
No Dapr SDK: each method is one documented HTTP call, so what crosses the wire is visible here.
"""

from __future__ import annotations

import asyncio
import time
from typing import Any

import httpx2


class DaprError(Exception):
    """The sidecar answered with an error; `status` and `code` are Dapr's (e.g. 409, ERR_STATE_SAVE)."""

    def __init__(self, status: int, code: str, message: str) -> None:
        super().__init__(f"{status} {code}: {message}")
        self.status, self.code, self.message = status, code, message


class EtagMismatch(DaprError):
    """first-write-wins: somebody saved the key after we read it, so our write was refused (HTTP 409)."""


def _error(response: httpx2.Response) -> DaprError:
    try:
        body = response.json()
    except ValueError:
        body = {}
    code, message = str(body.get("errorCode", "")), str(body.get("message", response.text))
    kind = EtagMismatch if response.status_code == 409 else DaprError
    return kind(response.status_code, code, message)


class Sidecar:
    def __init__(self, client: httpx2.AsyncClient) -> None:
        self.client = client

    @classmethod
    def on_port(cls, port: int, timeout_s: float = 10.0) -> Sidecar:
        return cls(httpx2.AsyncClient(base_url=f"http://127.0.0.1:{port}", timeout=timeout_s))

    async def aclose(self) -> None:
        await self.client.aclose()

    # #region ready
    async def wait_ready(self, timeout_s: float) -> None:
        """Until the sidecar has loaded its components: an app that starts first must not call it sooner."""
        deadline = time.monotonic() + timeout_s
        while True:
            try:
                if (await self.client.get("/v1.0/healthz/outbound")).status_code == 204:
                    return
            except httpx2.TransportError:
                pass
            if time.monotonic() > deadline:
                raise TimeoutError(f"the Dapr sidecar at {self.client.base_url} was not ready after {timeout_s:g} s")
            await asyncio.sleep(0.2)
    # #endregion ready

    # #region state
    async def get_state(self, store: str, key: str) -> tuple[Any, str | None]:
        response = await self.client.get(f"/v1.0/state/{store}/{key}")
        if response.status_code == 204:  # no such key: no body, no ETag
            return None, None
        if response.status_code != 200:
            raise _error(response)
        return response.json(), response.headers.get("ETag")

    async def save_state(self, store: str, key: str, value: Any, etag: str | None) -> None:
        """With an ETag, first-write-wins: the save fails with 409 if the stored ETag moved on.
        Without one (a new key), the write must not overwrite a key someone else created meanwhile."""
        item: dict[str, Any] = {"key": key, "value": value, "options": {"concurrency": "first-write"}}
        if etag is not None:
            item["etag"] = etag
        response = await self.client.post(f"/v1.0/state/{store}", json=[item])
        if response.status_code != 204:
            error = _error(response)
            if etag is None and error.code == "ERR_STATE_SAVE" and "failed to set key" in error.message:
                # Redis's first-write script refuses a key that another writer created since our read,
                # with a 500 rather than the 409 a stale ETag gets: it is the same conflict, so retry it.
                raise EtagMismatch(409, error.code, error.message)
            raise error
    # #endregion state

    # #region publish
    async def publish(self, pubsub: str, topic: str, data: dict[str, Any], partition_key: str | None = None) -> None:
        """Dapr wraps `data` in a CloudEvent; partitionKey becomes the Kafka message key on Kafka."""
        params = {"metadata.partitionKey": partition_key} if partition_key else None
        response = await self.client.post(f"/v1.0/publish/{pubsub}/{topic}", json=data, params=params)
        if response.status_code != 204:
            raise _error(response)
    # #endregion publish

    # #region invoke
    async def invoke(self, app_id: str, method: str, body: dict[str, Any]) -> dict[str, Any]:
        """POST to `method` on app `app_id`, through both sidecars (mTLS between them on a cluster)."""
        response = await self.client.post(f"/v1.0/invoke/{app_id}/method/{method}", json=body)
        if response.status_code != 200:
            raise _error(response)
        return response.json()
    # #endregion invoke

    # #region secret
    async def secret(self, store: str, name: str) -> dict[str, str]:
        response = await self.client.get(f"/v1.0/secrets/{store}/{name}")
        if response.status_code != 200:
            raise _error(response)
        return response.json()
    # #endregion secret
