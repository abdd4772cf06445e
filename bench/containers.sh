#!/usr/bin/env bash
# Benchmark: container operations through PeerOS's LxcContainerManager (in-process, as the peer runs it),
# the raw lxc-* tools and LXD, interleaved; density of idle busybox containers; list() with many running.
# Prints the tables that docs/benchmarks.md ("Containers") quotes.
#
# usage (root):  bash bench/containers.sh [runs] [density] [list]      defaults: 9 100 500
# environment:   LXD=0 to leave LXD out; LXD_PRIVILEGED=false for LXD's default unprivileged containers;
#                LIST_MINUTES (30) bounds the start of the `list` containers;
#                PHASES (ops,breakdown,density,list) picks what runs
#
# It installs what it needs from Debian (lxc, lxd, busybox-static, nftables), builds the bench program
# (bench/containers, against the container bundles installed in ~/.m2), builds the busybox template with
# lxc-templates/busybox/build.sh and imports the same rootfs into LXD. LXD runs on a private LXD_DIR with its
# own bridge lxdbr-bench (10.252.0.1/24, no NAT, no DHCP); PeerOS uses bridge peeros-bench (10.252.4.0/22,
# no masquerade). No traffic leaves the machine: LXD's daemon is given a proxy on 127.0.0.1:9 (closed), so its
# start-up fetch of instance types fails locally instead of resolving an outside name. On exit, whatever
# happens, everything it made goes: containers, LXD daemon and storage, bridges, nft tables, raised limits.
# One lasting change, on purpose: unless lxcfs runs, lxcfs's LXC hook file (a 0.5 s sleep after every LXC stop,
# pulled in by the lxd package) is diverted away with dpkg-divert; see below.
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$PWD
runs=${1:-9}; density=${2:-100}; list=${3:-500}
use_lxd=${LXD:-1}; lxd_privileged=${LXD_PRIVILEGED:-true}; list_minutes=${LIST_MINUTES:-30}
phases=${PHASES:-ops,breakdown,density,list}
peeros_bridge=peeros-bench; peeros_subnet=10.252.4.0/22; peeros_table=peerosbench
lxd_bridge=lxdbr-bench; lxd_address=10.252.0.1/24; lxd_image=peeros-bench-busybox
export JAVA_HOME=${JAVA_HOME:-/usr/lib/jvm/java-17-openjdk-amd64}

say() { printf '%s\n' "$*"; }
die() { say "containers.sh: $*" >&2; exit 1; }
[ "$(id -u)" = 0 ] || die "run as root (LXC and LXD need it)"
for n in "$peeros_bridge" "$lxd_bridge"; do
  ! ip link show "$n" >/dev/null 2>&1 || die "interface $n exists: another run is going on, or remove it first"
done
! nft list table inet "$peeros_table" >/dev/null 2>&1 || die "nft table inet $peeros_table exists: another run?"
! ip -4 route | grep -q '^10\.252\.' || die "a route into 10.252.0.0/16 exists; this benchmark uses that range"

# ---- lxcfs's LXC hook. lxd depends on lxcfs, whose common.conf.d/00-lxcfs.conf gives every LXC container that
# includes common.conf (PeerOS's templates do) a post-stop hook that sleeps 0.5 s, and a mount hook that only acts
# while lxcfs runs. Unless lxcfs runs, divert the file away, before the install too (a local dpkg diversion, which
# upgrades respect), so that installing LXD for this benchmark does not add 0.5 s to every LXC stop on the host.
# LXD itself does not read that directory. Undo: dpkg-divert --rename --remove $lxcfs_conf
lxcfs_conf=/usr/share/lxc/config/common.conf.d/00-lxcfs.conf
if mountpoint -q /var/lib/lxcfs 2>/dev/null; then
  [ -e "$lxcfs_conf" ] && say "WARNING: lxcfs runs, so its 0.5 s post-stop hook is in every PeerOS and raw stop (not in LXD's)"
elif [ "$(dpkg-divert --truename "$lxcfs_conf")" = "$lxcfs_conf" ]; then
  dpkg-divert --quiet --local --rename --divert "$lxcfs_conf.disabled-by-peeros-bench" --add "$lxcfs_conf"
  say "diverted $lxcfs_conf (lxcfs's 0.5 s post-stop sleep for every LXC container; lxcfs does not run here)"
fi

# ---- packages (Debian 12): only what is missing; LXD apart, so that without it the rest is still measured
missing() { local p; for p in "$@"; do dpkg -s "$p" >/dev/null 2>&1 || printf '%s ' "$p"; done; }
need=$(missing lxc busybox-static nftables iproute2 maven openjdk-17-jdk-headless)
lxd_need=; [ "$use_lxd" = 1 ] && lxd_need=$(missing lxd lxd-client)
if [ -n "$need$lxd_need" ]; then
  say "installing: $need$lxd_need"
  apt-get update -qq
  if [ -n "$need" ]; then
    # shellcheck disable=SC2086
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends $need >/dev/null || die "apt-get install $need failed"
  fi
  if [ -n "$lxd_need" ]; then
    # shellcheck disable=SC2086
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends $lxd_need >/dev/null \
      || { say "apt-get could not install $lxd_need: measuring PeerOS and raw LXC only"; use_lxd=0; }
  fi
fi

# ---- the bench program, against the container bundles as installed in ~/.m2
m2=${M2_REPO:-$HOME/.m2/repository}/io/peeros
for a in io.peeros.container.api io.peeros.container.lxc; do
  [ -f "$m2/$a/0.1.0-SNAPSHOT/$a-0.1.0-SNAPSHOT.jar" ] || die "$a is not installed in ~/.m2: run
  mvn -B -q -o install -DskipTests -pl bundles/io.peeros.container.api,bundles/io.peeros.container.lxc"
done
(cd bench/containers && { mvn -B -q -o package >/dev/null 2>&1 || mvn -B -q package; }) || die "building bench/containers failed"
jar=$repo/bench/containers/target/peeros-bench-containers.jar

# ---- work area and clean-up
work=$(mktemp -d /var/tmp/peeros-bench-containers.XXXXXX)
export LXD_DIR=$work/lxd LXD_CONF=$work/lxc-client
lxd_pid=; java_pid=; lxd_table_before=0
nft list table inet lxd >/dev/null 2>&1 && lxd_table_before=1
declare -A sysctl_saved=()
raise() { # raise a sysctl to at least $2 for this run; restored on exit
  local k=$1 want=$2 cur; cur=$(sysctl -n "$k")
  if [ "$cur" -lt "$want" ]; then sysctl_saved[$k]=$cur; sysctl -q -w "$k=$want"; fi
}
cleanup() {
  local rc=$?
  set +e
  trap - EXIT INT TERM
  if [ -n "$java_pid" ] && kill -0 "$java_pid" 2>/dev/null; then
    kill "$java_pid"; for _ in $(seq 1 20); do kill -0 "$java_pid" 2>/dev/null || break; sleep 0.5; done
    kill -9 "$java_pid" 2>/dev/null; wait "$java_pid" 2>/dev/null
  fi
  for p in "$work/peeros" "$work/raw"; do # clones before their bases: a few passes
    [ -d "$p" ] || continue
    for d in "$p"/*/; do [ -d "$d" ] && lxc-stop -k -n "$(basename "$d")" -P "$p" >/dev/null 2>&1; done
    for _ in 1 2 3; do
      for d in "$p"/*/; do [ -d "$d" ] && lxc-destroy -n "$(basename "$d")" -P "$p" >/dev/null 2>&1; done
    done
  done
  if [ -n "$lxd_pid" ] && kill -0 "$lxd_pid" 2>/dev/null; then
    for c in $(timeout 30 lxc list -c n --format csv 2>/dev/null); do timeout 60 lxc delete --force "$c" >/dev/null 2>&1; done
    timeout 30 lxc image delete "$lxd_image" >/dev/null 2>&1
    timeout 30 lxc profile device remove default eth0 >/dev/null 2>&1
    timeout 30 lxc profile device remove default root >/dev/null 2>&1
    timeout 30 lxc network delete "$lxd_bridge" >/dev/null 2>&1
    timeout 30 lxc storage delete bench >/dev/null 2>&1
    timeout 60 lxd shutdown >/dev/null 2>&1
    for _ in $(seq 1 20); do kill -0 "$lxd_pid" 2>/dev/null || break; sleep 0.5; done
    kill "$lxd_pid" 2>/dev/null; wait "$lxd_pid" 2>/dev/null
  fi
  findmnt -rn -o TARGET | grep -F "$work/" | sort -r | while read -r m; do umount -l "$m"; done
  for n in "$peeros_bridge" "$lxd_bridge"; do ip link show "$n" >/dev/null 2>&1 && ip link del "$n"; done
  nft list table inet "$peeros_table" >/dev/null 2>&1 && nft delete table inet "$peeros_table"
  [ "$lxd_table_before" = 0 ] && nft list table inet lxd >/dev/null 2>&1 && nft delete table inet lxd
  for k in "${!sysctl_saved[@]}"; do sysctl -q -w "$k=${sysctl_saved[$k]}"; done
  rm -rf "$work"
  local left=()
  for n in "$peeros_bridge" "$lxd_bridge"; do ip link show "$n" >/dev/null 2>&1 && left+=("interface $n"); done
  nft list table inet "$peeros_table" >/dev/null 2>&1 && left+=("nft table $peeros_table")
  [ "$lxd_table_before" = 0 ] && nft list table inet lxd >/dev/null 2>&1 && left+=("nft table lxd")
  [ -n "$lxd_pid" ] && kill -0 "$lxd_pid" 2>/dev/null && left+=("lxd pid $lxd_pid")
  [ -e "$work" ] && left+=("$work")
  if [ ${#left[@]} -eq 0 ]; then say "clean-up: nothing left (containers, LXD, bridges, nft tables, limits restored)"
  else say "clean-up: LEFT OVER: ${left[*]}"; fi
  exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# ---- host limits for hundreds of containers: report, raise what is safe, restore on exit
say "host: $(nproc) CPUs, $(awk '/MemTotal/ {printf "%.1f GiB", $2/1048576}' /proc/meminfo), kernel $(uname -r), $(lxc-start --version 2>/dev/null | sed 's/^/liblxc /')"
say "limits: pid_max $(sysctl -n kernel.pid_max), threads-max $(sysctl -n kernel.threads-max), file-max $(sysctl -n fs.file-max)," \
    "open files (shell) $(ulimit -n), inotify instances $(sysctl -n fs.inotify.max_user_instances) watches $(sysctl -n fs.inotify.max_user_watches)," \
    "keys root_maxkeys $(sysctl -n kernel.keys.root_maxkeys), bridge ports max 1024 (kernel constant)"
raise fs.inotify.max_user_instances 1024   # LXD's own advice for ~100+ containers
raise fs.inotify.max_user_watches 524288
ulimit -n 65536 2>/dev/null || true
sysctl_saved[net.ipv4.ip_forward]=$(sysctl -n net.ipv4.ip_forward) # the peer's HostNetwork turns it on

# ---- template: the PeerOS busybox recipe; LXD gets the same rootfs as an image
sh lxc-templates/busybox/build.sh "$work/template" >/dev/null
if [ "$use_lxd" = 1 ]; then
  mkdir -p "$LXD_DIR" "$LXD_CONF" "$work/image"
  say "LXD: $(lxd --version), LXD_DIR=$LXD_DIR, bridge $lxd_bridge $lxd_address, dir storage, security.privileged=$lxd_privileged"
  HTTPS_PROXY=http://127.0.0.1:9 HTTP_PROXY=http://127.0.0.1:9 https_proxy=http://127.0.0.1:9 \
    http_proxy=http://127.0.0.1:9 NO_PROXY= no_proxy= \
    lxd --group lxd --logfile "$work/lxd.log" >"$work/lxd.out" 2>&1 &
  lxd_pid=$!
  timeout 60 lxd waitready --timeout 50 || die "LXD did not start: $(tail -5 "$work/lxd.log")"
  # Not `lxd init --auto`: it would make lxdbr0 with an "auto" subnet, which LXD probes by pinging.
  lxd init --preseed >"$work/lxd-init.out" 2>&1 <<EOF || die "lxd init failed: $(cat "$work/lxd-init.out")"
config: {}
networks:
- name: $lxd_bridge
  type: bridge
  config: {ipv4.address: $lxd_address, ipv4.nat: "false", ipv4.dhcp: "false", ipv6.address: none, dns.mode: none}
storage_pools:
- name: bench
  driver: dir
profiles:
- name: default
  config: {security.privileged: "$lxd_privileged"}
  devices:
    root: {path: /, pool: bench, type: disk}
    eth0: {name: eth0, network: $lxd_bridge, type: nic}
EOF
  cp -a "$work/template/rootfs" "$work/image/rootfs"
  printf 'architecture: x86_64\ncreation_date: %s\nproperties:\n  description: PeerOS bench busybox\n  os: busybox\n  release: "%s"\n' \
    "$(date +%s)" "$(busybox 2>&1 | head -1 | awk '{print $2}')" > "$work/image/metadata.yaml"
  tar --numeric-owner -C "$work/image" -czf "$work/image.tar.gz" metadata.yaml rootfs
  lxc image import "$work/image.tar.gz" --alias "$lxd_image" >"$work/lxc-import.out" 2>&1 \
    || die "lxc image import failed: $(cat "$work/lxc-import.out")"
  rm -rf "$work/image" "$work/image.tar.gz"
fi

# ---- run
say "load average at start: $(cut -d' ' -f1-3 /proc/loadavg)"
java -XX:+UseSerialGC -Xms32m -Xmx512m -Dorg.slf4j.simpleLogger.defaultLogLevel=warn -jar "$jar" \
  work="$work" template="$work/template" runs="$runs" density="$density" list="$list" listMinutes="$list_minutes" \
  lxd="$([ "$use_lxd" = 1 ] && echo true || echo false)" lxdImage="$lxd_image" phases="$phases" \
  bridge="$peeros_bridge" subnet="$peeros_subnet" table="$peeros_table" &
java_pid=$!
java_rc=0; wait "$java_pid" || java_rc=$?; java_pid=
say "load average at end: $(cut -d' ' -f1-3 /proc/loadavg)"
exit "$java_rc"
