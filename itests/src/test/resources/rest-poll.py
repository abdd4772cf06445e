#!/usr/bin/env python3
"""Polls a peer's user REST API for a bounded time, for hot-swap tests.

  REST_PASSWORD=... rest-poll.py BASE_URL USER SECONDS INTERVAL_MS

Logs in once (POST /auth/token), then GETs /peer every INTERVAL_MS on a new HTTPS connection, each with a 1 s
time limit; an answer counts only if it is 200. Prints a JSON summary: answers, failures (by reason), and the
longest gap between two successful answers (the window's start and end count as answers' edges).
"""
import http.client
import json
import os
import ssl
import sys
import time
import urllib.parse

base = urllib.parse.urlparse(sys.argv[1])
user, seconds, interval = sys.argv[2], float(sys.argv[3]), float(sys.argv[4]) / 1000.0
context = ssl.create_default_context()
context.check_hostname = False
context.verify_mode = ssl.CERT_NONE  # a test peer's self-signed certificate


def request(method, path, body=None, headers=None, timeout=1.0):
    conn = http.client.HTTPSConnection(base.hostname, base.port, timeout=timeout, context=context)
    try:
        conn.request(method, "/api/v1" + path, body=body, headers=headers or {})
        response = conn.getresponse()
        return response.status, response.read()
    finally:
        conn.close()


token = None
login_deadline = time.monotonic() + 15
while token is None:
    try:
        status, body = request("POST", "/auth/token", json.dumps({"user": user, "password": os.environ["REST_PASSWORD"]}),
                               {"Content-Type": "application/json"}, timeout=5)
        if status == 200:
            token = json.loads(body)["token"]
            break
        reason = "login answered %d" % status
    except OSError as e:
        reason = "login: %s" % e
    if time.monotonic() > login_deadline:
        print(json.dumps({"ok": 0, "failed": 1, "longestGapMs": int(seconds * 1000), "failures": {reason: 1}}))
        sys.exit(1)
    time.sleep(0.5)

started = time.monotonic()
deadline = started + seconds
last_ok = started
longest, longest_at = 0.0, 0.0
ok, failed, failures = 0, 0, {}
while time.monotonic() < deadline:
    asked = time.monotonic()
    try:
        status, _ = request("GET", "/peer", headers={"Authorization": "Bearer " + token})
        reason = None if status == 200 else "HTTP %d" % status
    except (OSError, http.client.HTTPException) as e:
        reason = type(e).__name__
    now = time.monotonic()
    if reason is None:
        ok += 1
        if now - last_ok > longest:
            longest, longest_at = now - last_ok, last_ok - started
        last_ok = now
    else:
        failed += 1
        failures[reason] = failures.get(reason, 0) + 1
    time.sleep(max(0.0, interval - (time.monotonic() - asked)))
end = time.monotonic()
if end - last_ok > longest:
    longest, longest_at = end - last_ok, last_ok - started
print(json.dumps({"ok": ok, "failed": failed, "longestGapMs": int(longest * 1000),
                  "longestGapAtMs": int(longest_at * 1000), "failures": failures}))
