#!/usr/bin/env bash
# Benchmark: time from `bin/karaf server` to a shell that answers `peer:id`, and the peer's resident memory
# after it has idled. Each run unpacks a fresh distribution (first start: keys and owner are created) into
# its own network namespace. Prints every run and the medians. Usage: bash bench/peer-start.sh [runs] [idle-seconds]
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-3}; idle=${2:-30}
export JAVA_HOME=${JAVA_HOME:-/usr/lib/jvm/java-17-openjdk-amd64}
version=$(sed -n 's#^  <version>\(.*\)</version>#\1#p' pom.xml | head -1)
archive=karaf-assembly/target/peeros-$version.tar.gz
[ -f "$archive" ] || { echo "build first: mvn -B install -DskipTests" >&2; exit 1; }
work=$(mktemp -d /tmp/peeros-bench.XXXXXX)
ns=peeros-bench-$$
cleanup() { pkill -f "karaf.base=$work" 2>/dev/null || true; ip netns del "$ns" 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT
ip netns add "$ns"; ip -n "$ns" link set lo up
pw=bench-Owner-Secret-1
ready=(); rss=()
for run in $(seq 1 "$runs"); do
  dir=$work/run$run; mkdir -p "$dir"; tar xzf "$archive" -C "$dir" --strip-components=1
  start=$(date +%s.%N)
  PEEROS_ADMIN_PASSWORD=$pw ip netns exec "$ns" setsid "$dir/bin/karaf" server >"$dir/console.log" 2>&1 &
  until echo peer:id | JAVA_OPTS="-Duser.home=$dir" ip netns exec "$ns" "$dir/bin/client" -u admin -p "$pw" -r 1 -b 2>/dev/null | grep -Eq '^[0-9a-f]{64}'; do
    sleep 0.2
    (( $(echo "$(date +%s.%N) - $start > 180" | bc) )) && { echo "run $run: not ready after 180 s" >&2; exit 1; }
  done
  t=$(echo "$(date +%s.%N) - $start" | bc)
  sleep "$idle"
  pid=$(pgrep -f "karaf.base=$dir" | head -1)
  r=$(( $(ps -o rss= -p "$pid") / 1024 ))
  printf 'run %d: ready in %.2f s, idle RSS after %d s: %d MiB\n' "$run" "$t" "$idle" "$r"
  ready+=("$t"); rss+=("$r")
  kill "$pid"; for _ in $(seq 1 30); do kill -0 "$pid" 2>/dev/null || break; sleep 1; done
done
median() { printf '%s\n' "$@" | sort -g | awk '{a[NR]=$1} END {print (NR%2) ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2}'; }
printf 'median of %d: ready %.2f s, idle RSS %s MiB (aim: <= 15 s, <= 300 MB)\n' "$runs" "$(median "${ready[@]}")" "$(median "${rss[@]}")"
