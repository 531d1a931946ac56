"""Points the Dapr SDK at one of the example's sidecars. The SDK reads DAPR_HTTP_PORT and DAPR_GRPC_PORT
when it is first imported, so call use_sidecar() before anything imports dapr or dapr_agents.
With `dapr run` (one app, one sidecar) these variables are already set and this does nothing."""

import os
import sys

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))  # the lumen package


def use_sidecar(app_id: str) -> None:
    suffix = app_id.upper().replace("-", "_")
    for name in ("DAPR_HTTP_PORT", "DAPR_GRPC_PORT"):
        if f"{name}_{suffix}" in os.environ:
            os.environ[name] = os.environ[f"{name}_{suffix}"]
    os.environ["DAPR_APP_ID"] = app_id
