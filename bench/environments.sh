#!/usr/bin/env bash
# Benchmark: the environment builder (EnvironmentBench, itests profile bench). Three peers in network namespaces;
# ten busybox containers over the three built with the default configuration and with containersPerPeer=1,
# peersInParallel=false (the same calls one after another), interleaved; blueprints/hello.yaml on one peer.
# Prints the table that docs/benchmarks.md ("Environments") quotes, with the load average before and after.
#
# usage (root):  bash bench/environments.sh [rounds]        default 3
# environment:   BUILD=0 to use the distribution already in karaf-assembly/target;
#                MVN_ARGS for more Maven options (e.g. -Dmaven.repo.local=...)
set -euo pipefail
cd "$(dirname "$0")/.."
rounds=${1:-3}
export JAVA_HOME=${JAVA_HOME:-/usr/lib/jvm/java-17-openjdk-amd64}
[ "$(id -u)" = 0 ] || { echo "environments.sh: run as root (network namespaces and LXC need it)" >&2; exit 1; }

if [ "${BUILD:-1}" = 1 ]; then
  mvn -B -o -q install -DskipTests ${MVN_ARGS:-}
fi
mkdir -p itests/target
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
mvn -B -o install -f itests/pom.xml -Pbench -Dit.test=EnvironmentBench -Dbench.rounds="$rounds" ${MVN_ARGS:-} > itests/target/bench-environments.mvn.log 2>&1 \
  || { tail -n 80 itests/target/bench-environments.mvn.log; exit 1; }
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
cat itests/target/bench-environments.txt
