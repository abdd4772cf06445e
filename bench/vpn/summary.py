#!/usr/bin/env python3
"""Summaries for bench/vpn/run.sh: `one FILEPREFIX` for a progress line, `table DIR SYS...` for medians."""
import json, os, re, statistics, sys

TICK = os.sysconf("SC_CLK_TCK")


def load(prefix):
    """-> dict(mbps, bytes, loss, rtt, cpu_s) for one measurement."""
    r = {}
    if os.path.exists(prefix + ".cpu"):
        r["cpu_s"] = int(open(prefix + ".cpu").read()) / TICK
    if os.path.exists(prefix + ".json"):
        try:
            text = open(prefix + ".json").read()
            j = json.loads(text[text.index("{"):])  # iperf3 may print a warning line before the JSON
            end = j["end"]
            if "sum_received" in end and end["sum_received"].get("bytes"):
                s = end["sum_received"]
                r["mbps"], r["bytes"] = s["bits_per_second"] / 1e6, s["bytes"]
                if "lost_percent" in end.get("sum", {}):
                    r["loss"] = end["sum"]["lost_percent"]
            elif "sum" in end:
                s = end["sum"]
                loss = s.get("lost_percent", 0.0)
                r["loss"] = loss
                r["mbps"] = s["bits_per_second"] * (1 - loss / 100) / 1e6
                r["bytes"] = s["bytes"] * (1 - loss / 100)
        except Exception as e:  # a failed run counts as 0
            r["mbps"], r["bytes"], r["err"] = 0.0, 0, str(e)[:60]
    if os.path.exists(prefix + ".txt"):
        m = re.search(r"= [\d.]+/([\d.]+)/", open(prefix + ".txt").read())
        r["rtt"] = float(m.group(1)) if m else float("nan")
    if r.get("bytes") and "cpu_s" in r:
        r["cpu_gb"] = r["cpu_s"] / (r["bytes"] / 1e9)
    return r


def fmt(r):
    return " ".join(f"{k}={v:.3f}" if isinstance(v, float) else f"{k}={v}" for k, v in r.items())


def med(d, sys_, kind, key):
    vals = []
    for f in sorted(os.listdir(d)):
        m = re.fullmatch(re.escape(sys_) + r"\." + kind + r"\.(\d+)\.(json|txt)", f)
        if m and m.group(1) != "0":
            v = load(os.path.join(d, f[: -len(m.group(2)) - 1])).get(key)
            if v is not None:
                vals.append(v)
    return (statistics.median(vals), vals) if vals else (None, [])


def table(d, systems):
    base = {k: med(d, "tinc", *k)[0] for k in [("tcp1", "mbps"), ("tcp1", "cpu_gb"), ("ping", "rtt")]}
    veth_rtt = med(d, "veth", "ping", "rtt")[0]
    print("| system | TCP 1 stream Mbit/s | × tinc | TCP 4 streams Mbit/s | UDP 1G offered: rcvd Mbit/s (loss %) "
          "| CPU-s/GB (TCP 1, both ends) | × tinc | ping RTT ms (added vs veth) |")
    print("|---|---|---|---|---|---|---|---|")
    for s in systems:
        t1, t1v = med(d, s, "tcp1", "mbps")
        t4, _ = med(d, s, "tcp4", "mbps")
        u, _ = med(d, s, "udp", "mbps")
        ul, _ = med(d, s, "udp", "loss")
        c, _ = med(d, s, "tcp1", "cpu_gb")
        rtt, _ = med(d, s, "ping", "rtt")
        kernel = s in ("veth", "vxlan")
        f = lambda v, p=0: "–" if v is None else f"{v:.{p}f}"
        ratio = lambda v, b: "–" if v is None or not b else f"{v / b:.2f}"
        added = "" if rtt is None or veth_rtt is None else f" (+{rtt - veth_rtt:.3f})"
        print(f"| {s} | {f(t1)} [{', '.join(f'{v:.0f}' for v in t1v)}] | {ratio(t1, base[('tcp1', 'mbps')])} | {f(t4)} "
              f"| {f(u)} ({f(ul, 1)}) | {'kernel' if kernel else f(c, 1)} "
              f"| {'–' if kernel else ratio(c, base[('tcp1', 'cpu_gb')])} | {f(rtt, 3)}{added} |")


if __name__ == "__main__":
    if sys.argv[1] == "one":
        print(fmt(load(sys.argv[2])))
    else:
        table(sys.argv[2], sys.argv[3:])
