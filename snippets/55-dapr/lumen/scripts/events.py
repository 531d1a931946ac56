"""Where the events went: Dapr's Redis pub/sub is a Redis stream named after the topic. This reads it
directly (RESP over a socket, standard library only) to show the CloudEvent envelope Dapr added."""

import json
import os
import socket
from collections import Counter


def command(sock: socket.socket, *args: str) -> object:
    sock.sendall(f"*{len(args)}\r\n".encode() + b"".join(f"${len(a.encode())}\r\n{a}\r\n".encode() for a in args))
    reader = sock.makefile("rb")

    def parse() -> object:
        line = reader.readline().rstrip(b"\r\n")
        kind, rest = line[:1], line[1:]
        if kind == b"*":
            return [parse() for _ in range(int(rest))]
        if kind == b"$":
            return None if int(rest) < 0 else reader.read(int(rest) + 2)[:-2].decode()
        if kind == b"-":
            raise RuntimeError(rest.decode())
        return rest.decode()

    return parse()


with socket.create_connection((os.environ.get("REDIS_HOST", "127.0.0.1"), int(os.environ.get("REDIS_PORT", "6379")))) as sock:
    entries = command(sock, "XRANGE", "lumen.events", "-", "+")
envelopes = []
for _, fields in entries:
    pairs = dict(zip(fields[::2], fields[1::2]))
    envelopes.append(json.loads(pairs["data"]))
first = envelopes[0]
print(f"{len(envelopes)} events in stream lumen.events, by type: {dict(sorted(Counter(e['data']['type'] for e in envelopes).items()))}")
print("CloudEvent fields Dapr added:", sorted(k for k in first if k != "data"))
print("source:", first["source"], "| pubsubname:", first["pubsubname"], "| topic:", first["topic"])
print("Lumen's own envelope inside data:", sorted(first["data"]))
