"""First-write-wins by hand, on the sidecar's state API: two writers read the same ETag; the first save
wins, the second gets 409. This is what DaprMemory.append() catches and retries."""

from client import call, sidecar_url

state = f"{sidecar_url('LUMEN')}/v1.0/state/lumen-state"
first_write = {"concurrency": "first-write"}
print("save  ", call("POST", state, [{"key": "etag-demo", "value": {"turns": []}}])[0])
_, value = call("GET", f"{state}/etag-demo")
import urllib.request  # noqa: E402  (only for the ETag header, which call() does not return)

with urllib.request.urlopen(f"{state}/etag-demo") as response:
    etag = response.headers["ETag"]
print("read   value", value, "with an ETag (both writers hold the same one)")
a = call("POST", state, [{"key": "etag-demo", "value": {"turns": ["from A"]}, "etag": etag, "options": first_write}])
print("A save", a[0])
b = call("POST", state, [{"key": "etag-demo", "value": {"turns": ["from B"]}, "etag": etag, "options": first_write}])
print("B save", b[0], b[1])
print("now   ", call("GET", f"{state}/etag-demo")[1])
