#!/usr/bin/env python3
"""One TCP connection held for a bounded time, for hot-swap tests.

  tcp-echo.py serve ADDRESS PORT SECONDS            accept one connection, echo its lines back
  tcp-echo.py talk ADDRESS PORT SECONDS INTERVAL_MS send a numbered line every INTERVAL_MS on ONE connection,
                                                    check each echo; print a JSON summary; exit 1 on any error
Both give up after SECONDS (+ a few for connecting): every run ends by itself.
"""
import json
import socket
import sys
import time


def serve(address, port, seconds):
    deadline = time.monotonic() + seconds
    with socket.create_server((address, port), reuse_port=False) as server:
        server.settimeout(seconds)
        conn, _ = server.accept()
        with conn:
            echoed = 0
            buffer = b""
            while time.monotonic() < deadline:
                conn.settimeout(max(0.1, deadline - time.monotonic()))
                try:
                    data = conn.recv(4096)
                except socket.timeout:
                    break
                if not data:
                    break
                buffer += data
                while b"\n" in buffer:
                    line, buffer = buffer.split(b"\n", 1)
                    conn.sendall(line + b"\n")
                    echoed += 1
            print(json.dumps({"echoed": echoed}))


def talk(address, port, seconds, interval_ms):
    result = {"sent": 0, "echoed": 0, "error": None, "longestEchoMs": 0}
    connect_deadline = time.monotonic() + 10
    conn = None
    while conn is None:
        try:
            conn = socket.create_connection((address, port), timeout=2)
        except OSError as e:
            if time.monotonic() > connect_deadline:
                result["error"] = "cannot connect: %s" % e
                print(json.dumps(result))
                return 1
            time.sleep(0.2)
    deadline = time.monotonic() + seconds
    reader = conn.makefile("rb")
    conn.settimeout(5)
    n = 0
    try:
        while time.monotonic() < deadline:
            n += 1
            sent_at = time.monotonic()
            conn.sendall(b"%d\n" % n)
            result["sent"] = n
            line = reader.readline()
            if not line:
                raise ConnectionError("connection closed by the other end after %d lines" % (n - 1))
            if line.strip() != b"%d" % n:
                raise ValueError("line %d came back as %r" % (n, line))
            result["echoed"] = n
            took = int((time.monotonic() - sent_at) * 1000)
            result["longestEchoMs"] = max(result["longestEchoMs"], took)
            time.sleep(max(0.0, interval_ms / 1000.0 - (time.monotonic() - sent_at)))
    except (OSError, ValueError, ConnectionError) as e:
        result["error"] = "%s: %s" % (type(e).__name__, e)
    finally:
        conn.close()
    print(json.dumps(result))
    return 0 if result["error"] is None else 1


if __name__ == "__main__":
    if sys.argv[1] == "serve":
        serve(sys.argv[2], int(sys.argv[3]), float(sys.argv[4]))
    else:
        sys.exit(talk(sys.argv[2], int(sys.argv[3]), float(sys.argv[4]), float(sys.argv[5])))
