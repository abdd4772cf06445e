# TCP helper for the VPN node tests: "server IP PORT" prints "<bytes> <sha256>" of everything received;
# "client IP PORT BYTES RATE" sends BYTES of seeded random data (RATE bytes/s, 0 = unpaced), prints the same.
import hashlib, random, socket, sys, time

mode, ip, port = sys.argv[1], sys.argv[2], int(sys.argv[3])
if mode == "server":
    s = socket.socket()
    s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    s.bind((ip, port))
    s.listen(1)
    c, _ = s.accept()
    h, n = hashlib.sha256(), 0
    while True:
        d = c.recv(1 << 20)
        if not d:
            break
        h.update(d)
        n += len(d)
    print(n, h.hexdigest(), flush=True)
else:
    total, rate = int(sys.argv[4]), int(sys.argv[5])
    data = random.Random(7).randbytes(total)
    deadline = time.time() + 15
    while True:
        try:
            c = socket.create_connection((ip, port), timeout=5)
            break
        except OSError:
            if time.time() > deadline:
                raise
            time.sleep(0.2)
    c.settimeout(120)
    chunk = 64 << 10
    start = time.time()
    for off in range(0, total, chunk):
        c.sendall(data[off:off + chunk])
        if rate > 0:
            ahead = (off + chunk) / rate - (time.time() - start)
            if ahead > 0:
                time.sleep(ahead)
    c.shutdown(socket.SHUT_WR)
    c.recv(1)
    c.close()
    print(total, hashlib.sha256(data).hexdigest(), flush=True)
