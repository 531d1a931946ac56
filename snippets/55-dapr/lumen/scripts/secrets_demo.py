"""The secrets API: Lumen's sidecar may read lumen-secrets; lumen-tools' sidecar may not (the component is
scoped to the lumen app), so a tool that goes wrong cannot read the model key. The value is a dummy."""

from client import call, sidecar_url

status, body = call("GET", f"{sidecar_url('LUMEN')}/v1.0/secrets/lumen-secrets/openai-api-key")
value = body["openai-api-key"]
print(f"lumen:       {status} openai-api-key = {value[:5]}... ({len(value)} characters; a dummy)")
status, body = call("GET", f"{sidecar_url('LUMEN_TOOLS')}/v1.0/secrets/lumen-secrets/openai-api-key")
print(f"lumen-tools: {status} {body}")
