#!/bin/sh
# Runs a command as if on a host of its own: in network namespace $1, with /sys mounted from inside that
# namespace (so /sys/class/net lists its own links, as `ip netns exec` does) while the machine's cgroup
# hierarchies stay under /sys/fs/cgroup (`ip netns exec` loses them, and LXC cannot start containers
# without them). The mount changes live in a private mount namespace and vanish with the command.
# usage: netns-host.sh NAMESPACE COMMAND [ARG...]
set -eu
ns=$1
shift
exec nsenter --net=/run/netns/"$ns" unshare --mount --propagation private sh -c '
  set -eu
  keep=$(mktemp -d /run/peeros-cgroup.XXXXXX)
  mount --rbind /sys/fs/cgroup "$keep"
  umount -l /sys
  mount -t sysfs sysfs /sys
  mount --rbind "$keep" /sys/fs/cgroup
  umount -l "$keep"
  rmdir "$keep"
  exec "$@"' netns-host "$@"
