#!/usr/bin/env bash
# VPN data-plane benchmark (issue 4): two network-namespace hosts joined by a veth pair; the PeerOS VpnNode
# (bundles/io.peeros.vpn, internal.node.NodeMain: real handshake, swarm of two), tinc 1.0 in switch mode and wireguard-go
# (Debian packages), with the bare veth and kernel VXLAN as ceilings. Interleaved rounds, medians of ROUNDS.
# Traffic only between the namespaces this script creates; every load is bounded; everything is removed on exit.
#
#   bash bench/vpn/run.sh            # full run
#   bash bench/vpn/run.sh smoke      # set up, ping + 3 s iperf3 through the PeerOS node, tear down
#   bash bench/vpn/run.sh rtt        # ping RTT (and TCP 1 stream) of veth, tinc and PeerOS only, same run
# Env: ROUNDS (3), SECS (10), VARIANTS (further PeerOS variants, measured TCP-1-stream only), OUT (results dir)
set -euo pipefail
cd "$(dirname "$0")/../.."
ROOT=$PWD
ROUNDS=${ROUNDS:-3}
SECS=${SECS:-10}
OUT=${OUT:-/tmp/vpnbench}
A=vpnbA; B=vpnbB
M2=~/.m2/repository
# the node's runtime classpath: JNA, SLF4J and the two API jars (installed by the build)
JNA=$(ls $M2/net/java/dev/jna/jna/5.14.0/jna-5.14.0.jar):$(ls $M2/org/slf4j/slf4j-api/1.7.36/slf4j-api-1.7.36.jar):$(ls $M2/org/slf4j/slf4j-simple/1.7.36/slf4j-simple-1.7.36.jar):$(ls $M2/io/peeros/io.peeros.vpn.api/0.1.0-SNAPSHOT/io.peeros.vpn.api-0.1.0-SNAPSHOT.jar):$(ls $M2/io/peeros/io.peeros.identity.api/0.1.0-SNAPSHOT/io.peeros.identity.api-0.1.0-SNAPSHOT.jar)
CP=$ROOT/bundles/io.peeros.vpn/target/classes:$JNA
JOPTS=${JOPTS:-"-XX:+UseSerialGC -Xms64m -Xmx256m -XX:+AlwaysPreTouch"}
PIDS=()
declare -A SYSPIDS

cleanup() {
  set +e
  for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null; done
  sleep 0.5
  for p in "${PIDS[@]}"; do kill -9 "$p" 2>/dev/null; done
  ip netns del $A 2>/dev/null; ip netns del $B 2>/dev/null
}
trap cleanup EXIT INT TERM

need() { command -v "$1" >/dev/null || { echo "missing $1 (apt-get install $2)"; exit 1; }; }
need iperf3 iperf3; need tincd tinc; need wireguard-go wireguard-go; need wg wireguard-tools; need python3 python3; need openssl openssl

mkdir -p "$OUT"; rm -rf "${OUT:?}"/*
# run from a copy of the classes so a rebuild during the run cannot change what the forwarders load
cp -r "$ROOT/bundles/io.peeros.vpn/target/classes" "$OUT/classes"; CP=$OUT/classes:$JNA
ip netns del $A 2>/dev/null || true; ip netns del $B 2>/dev/null || true
ip netns add $A; ip netns add $B
ip link add va netns $A type veth peer name vb netns $B
ip -n $A addr add 10.253.0.1/24 dev va; ip -n $B addr add 10.253.0.2/24 dev vb
for n in $A $B; do ip -n $n link set lo up; done
ip -n $A link set va up; ip -n $B link set vb up

# --- PeerOS VpnNode (internal.node.NodeMain): real Noise XX handshake, one swarm of two members -------------
# name suite subnet-index port. The TAP MTU is the node's derived one (1378 for an underlay MTU of 1500: room for
# the relay wrapping, see docs/vpn-control.md); the other overlays use 1420.
JAVA_SYSTEMS=(
  "peeros-node-gcm AES_256_GCM 0 7000"
  "peeros-node-chacha CHACHA20_POLY1305 4 7004"
)
identity() { # dir name -> dir/name.{key,cert,id}
  local d=$1 n=$2
  openssl ecparam -name prime256v1 -genkey -noout -out "$d/$n.pem" 2>/dev/null
  openssl pkcs8 -topk8 -nocrypt -in "$d/$n.pem" -outform DER | base64 -w0 >"$d/$n.key"
  openssl req -new -x509 -key "$d/$n.pem" -subj "/CN=$n" -days 2 -outform DER 2>/dev/null | base64 -w0 >"$d/$n.cert"
  openssl pkey -in "$d/$n.pem" -pubout -outform DER | sha256sum | cut -d' ' -f1 >"$d/$n.id"
}
start_java() { # name suite idx port
  local name=$1 suite=$2 idx=$3 port=$4 tap=pv$3 d=$OUT/$1 p1 p2 me other ip peerip
  mkdir -p "$d"; identity "$d" a; identity "$d" b
  for me in a b; do
    other=b; ip=10.253.0.1; peerip=10.253.0.2; [[ $me == b ]] && other=a ip=10.253.0.2 peerip=10.253.0.1
    printf 'key=%s\ncert=%s\nbind=%s:%s\nswarm=bench\ntap=%s\ntap.address=10.254.%s.%s/24\nmember.0=%s\nmember.1=%s\nhint.%s=%s:%s\nstatus=%s\nsuite=%s\n' \
      "$(cat $d/$me.key)" "$(cat $d/$me.cert)" $ip $port $tap $idx "$([[ $me == a ]] && echo 1 || echo 2)" \
      "$(cat $d/a.cert)" "$(cat $d/b.cert)" "$(cat $d/$other.id)" $peerip $port "$d/$me.status" $suite >"$d/$me.properties"
  done
  ip netns exec $A java $JOPTS -cp "$CP" io.peeros.vpn.internal.node.NodeMain "$d/a.properties" </dev/null >"$OUT/$name.a.log" 2>&1 &
  p1=$!; PIDS+=($p1)
  ip netns exec $B java $JOPTS -cp "$CP" io.peeros.vpn.internal.node.NodeMain "$d/b.properties" </dev/null >"$OUT/$name.b.log" 2>&1 &
  p2=$!; PIDS+=($p2)
  for i in $(seq 150); do grep -q READY "$OUT/$name.a.log" && grep -q READY "$OUT/$name.b.log" && break; sleep 0.1; done
  grep -q READY "$OUT/$name.a.log" || { cat "$OUT/$name.a.log"; exit 1; }
  grep -q READY "$OUT/$name.b.log" || { cat "$OUT/$name.b.log"; exit 1; }
  SYSPIDS[$name]="$p1 $p2"; echo "10.254.$idx.2" >"$OUT/$name.addr"
}

# --- tinc 1.0, switch mode, keys generated here ------------------------------------------------------------
start_tinc() {
  local d=$OUT/tinc
  for n in a b; do
    mkdir -p $d/$n/hosts
    local ip=10.253.0.1 ov=10.254.10.1; [[ $n == b ]] && ip=10.253.0.2 ov=10.254.10.2
    printf 'Name = %s\nMode = switch\nInterface = tinc0\nAddressFamily = ipv4\n' $n >$d/$n/tinc.conf
    [[ $n == a ]] && echo "ConnectTo = b" >>$d/$n/tinc.conf
    printf 'Address = %s\nPort = 655\n' $ip >$d/$n/hosts/$n
    printf '#!/bin/sh\nip addr add %s/24 dev $INTERFACE\nip link set $INTERFACE mtu 1420 up\n' $ov >$d/$n/tinc-up
    chmod +x $d/$n/tinc-up
    tincd -c $d/$n -K2048 </dev/null >/dev/null 2>&1
  done
  cp $d/a/hosts/a $d/b/hosts/a; cp $d/b/hosts/b $d/a/hosts/b
  ip netns exec $B tincd -c $d/b -D --pidfile=$d/b.pid >$OUT/tinc.b.log 2>&1 & local p2=$!; PIDS+=($p2)
  ip netns exec $A tincd -c $d/a -D --pidfile=$d/a.pid >$OUT/tinc.a.log 2>&1 & local p1=$!; PIDS+=($p1)
  SYSPIDS[tinc]="$p1 $p2"; echo 10.254.10.2 >"$OUT/tinc.addr"
}

# --- wireguard-go (userspace), MTU 1420 ------------------------------------------------------------------------
start_wggo() {
  local ka kb pa pb p1 p2
  ka=$(wg genkey); kb=$(wg genkey); pa=$(echo "$ka" | wg pubkey); pb=$(echo "$kb" | wg pubkey)
  ip netns exec $A env WG_PROCESS_FOREGROUND=1 wireguard-go -f wga0 >$OUT/wggo.a.log 2>&1 & p1=$!; PIDS+=($p1)
  ip netns exec $B env WG_PROCESS_FOREGROUND=1 wireguard-go -f wgb0 >$OUT/wggo.b.log 2>&1 & p2=$!; PIDS+=($p2)
  sleep 1
  ip netns exec $A wg set wga0 listen-port 51820 private-key <(echo "$ka") peer "$pb" allowed-ips 10.254.20.2/32 endpoint 10.253.0.2:51820
  ip netns exec $B wg set wgb0 listen-port 51820 private-key <(echo "$kb") peer "$pa" allowed-ips 10.254.20.1/32 endpoint 10.253.0.1:51820
  ip -n $A addr add 10.254.20.1/24 dev wga0; ip -n $B addr add 10.254.20.2/24 dev wgb0
  ip -n $A link set wga0 mtu 1420 up; ip -n $B link set wgb0 mtu 1420 up
  SYSPIDS[wggo]="$p1 $p2"; echo 10.254.20.2 >"$OUT/wggo.addr"
}

start_vxlan() {
  ip -n $A link add vx0 type vxlan id 42 dstport 4789 local 10.253.0.1 remote 10.253.0.2 dev va
  ip -n $B link add vx0 type vxlan id 42 dstport 4789 local 10.253.0.2 remote 10.253.0.1 dev vb
  ip -n $A addr add 10.254.30.1/24 dev vx0; ip -n $B addr add 10.254.30.2/24 dev vx0
  ip -n $A link set vx0 mtu 1420 up; ip -n $B link set vx0 mtu 1420 up
  SYSPIDS[vxlan]=""; echo 10.254.30.2 >"$OUT/vxlan.addr"
  SYSPIDS[veth]=""; echo 10.253.0.2 >"$OUT/veth.addr"
}

cpu_ticks() { # sum of utime+stime of the given pids, in clock ticks
  local t=0 p; for p in "$@"; do t=$((t + $(awk '{print $14+$15}' /proc/$p/stat))); done; echo $t
}

# one measurement: system kind(tcp1|tcp4|udp|ping) round
measure() {
  local sys=$1 kind=$2 r=$3 dst c0 c1 f
  f=$OUT/$sys.$kind.$r
  dst=$(cat "$OUT/$sys.addr")
  c0=$(cpu_ticks ${SYSPIDS[$sys]})
  case $kind in
    tcp1) timeout $((SECS + 15)) ip netns exec $A iperf3 -c $dst -t $SECS -J >$f.json 2>&1 || true ;;
    tcp4) timeout $((SECS + 15)) ip netns exec $A iperf3 -c $dst -t $SECS -P 4 -J >$f.json 2>&1 || true ;;
    udp)  timeout $((SECS + 15)) ip netns exec $A iperf3 -c $dst -t $SECS -u -b 1G -l 1350 -J >$f.json 2>&1 || true ;;
    ping) timeout 30 ip netns exec $A ping ${PING_ARGS:--c 40 -i 0.05} -q $dst >$f.txt 2>&1 || true ;;
  esac
  c1=$(cpu_ticks ${SYSPIDS[$sys]})
  echo $((c1 - c0)) >$f.cpu
  echo "$(date +%T) load=$(cut -d' ' -f1-3 /proc/loadavg) $sys $kind round $r: $(python3 "$ROOT/bench/vpn/summary.py" one $f)"
}

ip netns exec $B iperf3 -s >$OUT/iperf3-server.log 2>&1 & PIDS+=($!)

if [[ ${1:-} == smoke ]]; then
  SMOKE=(${SMOKE:-peeros-node-gcm AES_256_GCM 0 7000})
  start_java "${SMOKE[@]}"
  ip netns exec $A ping -c 1 -w 15 10.254.${SMOKE[2]}.2 >/dev/null; ip netns exec $A ping -c 3 -W 2 10.254.${SMOKE[2]}.2
  SECS=${SECS_SMOKE:-3} measure ${SMOKE[0]} tcp1 0
  SECS=${SECS_SMOKE:-3} measure ${SMOKE[0]} tcp1 0
  cat $OUT/${SMOKE[0]}.tcp1.0.json | python3 -c "import json,sys; j=json.load(sys.stdin); print([round(i['sum']['bits_per_second']/1e6) for i in j['intervals']])"
  measure ${SMOKE[0]} ping 0
  exit 0
fi

if [[ ${1:-} == rtt ]]; then # round trip only, with TCP 1 stream as the throughput check: veth, tinc, PeerOS in one run
  # BASE=<classes dir> adds "peeros-base" from those classes (e.g. before a change); PING_ARGS as for ping
  echo "== rtt $(date -Is) load $(cat /proc/loadavg) nproc $(nproc)" | tee $OUT/meta.txt
  start_vxlan; start_tinc; start_java peeros-node-gcm AES_256_GCM 0 7000
  SYS=(veth tinc peeros-node-gcm)
  if [[ -n ${BASE:-} ]]; then
    cp -r "$BASE" "$OUT/base-classes"; saved=$CP; CP=$OUT/base-classes:$JNA
    start_java peeros-base AES_256_GCM 5 7008; CP=$saved; SYS+=(peeros-base)
  fi
  sleep 2
  for sys in "${SYS[@]}"; do
    ip netns exec $A ping -c 1 -w 15 -q "$(cat $OUT/$sys.addr)" >/dev/null || { echo "no path through $sys"; exit 1; }
    timeout 20 ip netns exec $A iperf3 -c "$(cat $OUT/$sys.addr)" -t 3 >/dev/null 2>&1 || true
  done
  # thread wake-ups per ping on the answering host b: voluntary context switches of each thread over 100 pings
  for sys in tinc peeros-node-gcm; do
    pb=${SYSPIDS[$sys]##* }
    before=$(cat /proc/$pb/task/*/status | awk '/^voluntary_ctxt_switches/ {s += $2} END {print s}')
    ip netns exec $A ping -c 100 -i 0.02 -q "$(cat $OUT/$sys.addr)" >/dev/null
    after=$(cat /proc/$pb/task/*/status | awk '/^voluntary_ctxt_switches/ {s += $2} END {print s}')
    echo "$sys: host b threads slept and woke $((after - before)) times for 100 pings (timers included)" | tee -a $OUT/meta.txt
  done
  for r in $(seq 1 $ROUNDS); do
    order=("${SYS[@]:$((r % ${#SYS[@]}))}" "${SYS[@]:0:$((r % ${#SYS[@]}))}")
    for sys in "${order[@]}"; do measure $sys ping $r; done
  done
  for r in $(seq 1 $ROUNDS); do for sys in "${SYS[@]:1}"; do measure $sys tcp1 $r; done; done
  echo "== end $(date -Is) load $(cat /proc/loadavg)" | tee -a $OUT/meta.txt
  python3 "$ROOT/bench/vpn/summary.py" table "$OUT" "${SYS[@]}" | tee $OUT/table.md
  exit 0
fi

if [[ ${1:-} == profile ]]; then # where the CPU goes in the winning variant (perf, JIT symbols via perf map)
  JOPTS="$JOPTS -XX:+UnlockDiagnosticVMOptions -XX:+DumpPerfMapAtExit -XX:+PreserveFramePointer"
  start_java ${PROFILE:-peeros-node-gcm AES_256_GCM 0 7000}
  set -- ${PROFILE:-peeros-node-gcm AES_256_GCM 0 7000}
  ip netns exec $A ping -c 1 -w 15 10.254.$3.2 >/dev/null
  timeout 20 ip netns exec $A iperf3 -c 10.254.$3.2 -t 5 >/dev/null
  pids=${SYSPIDS[$1]}
  timeout 30 perf record -e cpu-clock -F 999 -g -o $OUT/perf.data -p ${pids// /,} -- sleep 8 2>$OUT/perf.log &
  timeout 20 ip netns exec $A iperf3 -c 10.254.$3.2 -t 10 | tail -3
  wait %% 2>/dev/null || true; sleep 1
  kill $pids; sleep 3   # the JVMs write /tmp/perf-<pid>.map on exit
  perf report -i $OUT/perf.data --no-children --sort dso,sym --stdio 2>/dev/null | grep -v '^$' | grep -E '^ +[0-9]' | head -45
  rm -f $(for p in $pids; do echo /tmp/perf-$p.map; done)
  exit 0
fi

echo "== start $(date -Is) load $(cat /proc/loadavg) nproc $(nproc)" | tee $OUT/meta.txt
start_vxlan; start_tinc; start_wggo
MAIN=(veth vxlan tinc wggo peeros-node-gcm)
VARIANTS=${VARIANTS:-"peeros-node-chacha"}
for s in "${JAVA_SYSTEMS[@]}"; do
  set -- $s
  if [[ " ${MAIN[*]} $VARIANTS " == *" $1 "* ]]; then start_java $s; fi
done
sleep 2
# reachability and warm-up (JIT), not measured
for sys in "${MAIN[@]}" $VARIANTS; do
  ip netns exec $A ping -c 1 -w 15 -q "$(cat $OUT/$sys.addr)" >/dev/null || { echo "no path through $sys"; exit 1; }
  timeout 20 ip netns exec $A iperf3 -c "$(cat $OUT/$sys.addr)" -t 3 >/dev/null 2>&1 || true
done
for r in $(seq 1 $ROUNDS); do
  # rotate the order each round so no system always runs first
  order=("${MAIN[@]:$((r % ${#MAIN[@]}))}" "${MAIN[@]:0:$((r % ${#MAIN[@]}))}")
  for sys in "${order[@]}"; do for k in ping tcp1 tcp4 udp; do measure $sys $k $r; done; done
  for sys in $VARIANTS; do measure $sys tcp1 $r; done
done
echo "== end $(date -Is) load $(cat /proc/loadavg)" | tee -a $OUT/meta.txt
python3 "$ROOT/bench/vpn/summary.py" table "$OUT" "${MAIN[@]}" $VARIANTS | tee $OUT/table.md
