# Datagram injection for the VPN node tests.
#   capture IFACE DST SECONDS MAX OUT sniff UDP/7946 data packets (type 4) to IPv4 DST on IFACE, save them (hex)
#   replay IN IP PORT                  send the captured datagrams again, unchanged
#   corrupt IN IP PORT                 each captured datagram with a fresh counter and one ciphertext byte flipped
#   garbage IP PORT COUNT              short and malformed datagrams; data packets with random receiver indices
#   fuzz IN IP PORT COUNT SECONDS      COUNT random and mutated datagrams, at most SECONDS
# Prints "sent N" on success.
import os, random, socket, struct, sys, time

def load(path):
    with open(path) as f:
        return [bytes.fromhex(l.strip()) for l in f if l.strip()]

def sender():
    return socket.socket(socket.AF_INET, socket.SOCK_DGRAM)

cmd = sys.argv[1]
if cmd == "capture":
    iface, dst, seconds, limit, out = sys.argv[2], socket.inet_aton(sys.argv[3]), float(sys.argv[4]), int(sys.argv[5]), sys.argv[6]
    s = socket.socket(socket.AF_PACKET, socket.SOCK_RAW, socket.ntohs(3))
    s.bind((iface, 0))
    s.settimeout(0.2)
    got, end = [], time.time() + seconds
    while time.time() < end and len(got) < limit:
        try:
            f = s.recv(65535)
        except socket.timeout:
            continue
        if len(f) < 42 or f[12:14] != b"\x08\x00" or f[23] != 17 or f[30:34] != dst:
            continue
        ihl = (f[14] & 15) * 4
        u = 14 + ihl
        if struct.unpack("!H", f[u + 2:u + 4])[0] != 7946:
            continue
        payload = f[u + 8:u + struct.unpack("!H", f[u + 4:u + 6])[0]]
        if len(payload) > 32 and payload[0] == 4:
            got.append(payload.hex())
    with open(out, "w") as o:
        o.write("\n".join(got) + "\n")
    print("captured", len(got))
elif cmd == "replay":
    pkts, dst = load(sys.argv[2]), (sys.argv[3], int(sys.argv[4]))
    s = sender()
    for p in pkts:
        s.sendto(p, dst)
    print("sent", len(pkts))
elif cmd == "corrupt":
    pkts, dst = load(sys.argv[2]), (sys.argv[3], int(sys.argv[4]))
    s = sender()
    for i, p in enumerate(pkts):
        b = bytearray(p)
        counter = struct.unpack("!Q", b[8:16])[0] + 100000 + i
        b[8:16] = struct.pack("!Q", counter)
        b[20 + i % (len(b) - 20)] ^= 0x40
        s.sendto(bytes(b), dst)
    print("sent", len(pkts))
elif cmd == "garbage":
    dst, count = (sys.argv[2], int(sys.argv[3])), int(sys.argv[4])
    s = sender()
    r = random.Random(11)
    for i in range(count):
        if i % 2 == 0:
            s.sendto(bytes([r.randrange(256)]) + os.urandom(r.randrange(0, 40)), dst)       # malformed
        else:
            s.sendto(b"\x04\x00\x00\x00" + os.urandom(12 + 16 + r.randrange(1, 200)), dst)  # unknown index
    print("sent", count)
elif cmd == "fuzz":
    pkts, dst = load(sys.argv[2]), (sys.argv[3], int(sys.argv[4]))
    count, seconds = int(sys.argv[5]), float(sys.argv[6])
    s = sender()
    s.setsockopt(socket.SOL_SOCKET, socket.SO_SNDBUF, 4 << 20)
    r = random.Random(5)
    pool = os.urandom(1 << 20)
    end = time.time() + seconds
    sent = 0
    while sent < count and time.time() < end:
        k = sent % 4
        if k == 0:  # random bytes, random length
            n = r.randrange(0, 1500)
            o = r.randrange(0, len(pool) - n)
            d = pool[o:o + n]
        elif k == 1:  # a valid-looking header of each type with random content
            n = r.choice((48, 150, 158, 200, 222, 122, 186, r.randrange(32, 1400)))
            o = r.randrange(0, len(pool) - n)
            d = bytes([r.randrange(1, 5), 0, 0, 0]) + pool[o + 4:o + n]
        else:  # a captured packet, mutated: bit flips, truncation, extension, counter moves
            b = bytearray(pkts[r.randrange(len(pkts))])
            for _ in range(r.randrange(1, 4)):
                b[r.randrange(len(b))] ^= 1 << r.randrange(8)
            if k == 3:
                cut = r.randrange(0, len(b))
                b = b[:cut] if r.random() < 0.5 else b + pool[:r.randrange(1, 64)]
            d = bytes(b)
        try:
            s.sendto(d, dst)
        except OSError:
            time.sleep(0.001)
            continue
        sent += 1
    print("sent", sent)
