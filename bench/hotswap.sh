#!/usr/bin/env bash
# Benchmark: hot swap of every PeerOS implementation bundle under load (HotSwapBench, itests profile bench). Two
# peers in network namespaces, one container on each in one environment; 100 pings per second and one TCP
# connection between the containers through the swarm, REST polled every 50 ms; each bundle of peer A updated
# with a rebuilt jar, [rounds] times. Prints the table that docs/hot-swap.md quotes, with the load average.
#
# usage (root):  bash bench/hotswap.sh [rounds]        default 3
# environment:   BUILD=0 to use the distribution already in karaf-assembly/target;
#                WINDOW=<s> seconds of load around each update (default 15); PEERS=ab to update B's bundles too
set -euo pipefail
cd "$(dirname "$0")/.."
rounds=${1:-3}
export JAVA_HOME=${JAVA_HOME:-/usr/lib/jvm/java-17-openjdk-amd64}
[ "$(id -u)" = 0 ] || { echo "hotswap.sh: run as root (network namespaces and LXC need it)" >&2; exit 1; }

if [ "${BUILD:-1}" = 1 ]; then
  mvn -B -o -q install -DskipTests ${MAVEN_ARGS_EXTRA:-}
fi
mkdir -p itests/target
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
mvn -B -o install -f itests/pom.xml -Pbench -Dit.test=HotSwapBench -Dbench.rounds="$rounds" \
  -Dhotswap.window="${WINDOW:-15}" -Dhotswap.peers="${PEERS:-a}" ${MAVEN_ARGS_EXTRA:-} > itests/target/bench-hotswap.mvn.log 2>&1 \
  || { tail -n 80 itests/target/bench-hotswap.mvn.log; exit 1; }
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
cat itests/target/bench-hotswap.txt
