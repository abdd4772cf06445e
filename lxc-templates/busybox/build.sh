#!/bin/sh
# Builds a minimal busybox template directory offline from Debian's busybox-static:
#   OUT/rootfs   /bin/busybox and its applet links, users root, peer (1000) and nobody, an init
#   OUT/config   the LXC config fragment
# The init runs no DHCP client (the peer assigns addresses) and exits at once on SIGPWR (LXC's halt signal)
# or SIGTERM, so a clean stop takes milliseconds. Pack it with TemplateStore.build (template:build).
#
# usage: build.sh OUT        (OUT must not exist or be empty; run as root so owners are right)
set -eu

out=${1:?usage: build.sh OUT}
busybox=${BUSYBOX:-/bin/busybox}
[ -x "$busybox" ] || { echo "$busybox not found: apt-get install busybox-static" >&2; exit 1; }
if ldd "$busybox" >/dev/null 2>&1; then
    echo "$busybox is dynamically linked; a static busybox is needed (busybox-static)" >&2; exit 1
fi
mkdir -p "$out"
[ -z "$(ls -A "$out")" ] || { echo "$out is not empty" >&2; exit 1; }

root=$out/rootfs
umask 022
for d in bin sbin etc proc sys dev tmp root run var/log home/peer usr/bin usr/sbin; do
    mkdir -p "$root/$d"
done
cp "$busybox" "$root/bin/busybox"
chmod 0755 "$root/bin/busybox"
for applet in $("$busybox" --list); do
    [ "$applet" = busybox ] || ln -s busybox "$root/bin/$applet"
done

cat > "$root/etc/passwd" <<'PASSWD'
root:x:0:0:root:/root:/bin/sh
peer:x:1000:1000:peer:/home/peer:/bin/sh
nobody:x:65534:65534:nobody:/nonexistent:/bin/false
PASSWD
cat > "$root/etc/group" <<'GROUP'
root:x:0:
peer:x:1000:
nogroup:x:65534:
GROUP
echo busybox > "$root/etc/hostname"
printf '127.0.0.1 localhost\n::1 localhost\n' > "$root/etc/hosts"

cat > "$root/sbin/init" <<'INIT'
#!/bin/sh
# PeerOS busybox init: no DHCP client (the peer assigns addresses); halts at once on SIGPWR/SIGTERM.
trap 'kill $s 2>/dev/null; exit 0' PWR TERM INT
mount -t tmpfs tmpfs /tmp 2>/dev/null
while :; do sleep 3600 & s=$!; wait $s; done
INIT
chmod 0755 "$root/sbin/init"
chmod 1777 "$root/tmp"
chmod 0700 "$root/root"
chown 1000:1000 "$root/home/peer"

cat > "$out/config" <<'CONFIG'
lxc.include = /usr/share/lxc/config/common.conf
lxc.net.0.type = empty
lxc.init.cmd = /sbin/init
CONFIG
echo "busybox template in $out ($(du -sh "$root" | cut -f1))"
