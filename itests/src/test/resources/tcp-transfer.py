#!/usr/bin/env python3
"""A bounded TCP transfer with a checksum: `serve PORT TIMEOUT` prints the SHA-256 of what it received;
`send HOST PORT MIB TIMEOUT` sends MIB MiB of random bytes and prints their SHA-256."""
import hashlib, os, socket, sys

def serve(port, timeout):
    s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    s.bind(("0.0.0.0", port)); s.listen(1); s.settimeout(timeout)
    c, _ = s.accept(); c.settimeout(timeout)
    h = hashlib.sha256(); n = 0
    while True:
        b = c.recv(1 << 16)
        if not b:
            break
        h.update(b); n += len(b)
    print(h.hexdigest(), n, flush=True)

def send(host, port, mib, timeout):
    c = socket.create_connection((host, port), timeout=timeout)
    h = hashlib.sha256(); n = 0
    for _ in range(mib * 16):
        b = os.urandom(1 << 16)
        c.sendall(b); h.update(b); n += len(b)
    c.shutdown(socket.SHUT_WR)
    c.recv(1)
    c.close()
    print(h.hexdigest(), n, flush=True)

if __name__ == "__main__":
    if sys.argv[1] == "serve":
        serve(int(sys.argv[2]), float(sys.argv[3]))
    else:
        send(sys.argv[2], int(sys.argv[3]), int(sys.argv[4]), float(sys.argv[5]))
