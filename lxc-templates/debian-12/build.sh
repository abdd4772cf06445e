#!/bin/sh
# Builds a lean Debian 12 (bookworm) template directory with debootstrap from this machine's Debian mirror:
#   OUT/rootfs   minbase + systemd-sysv + iproute2 + openssh-server; systemd boots in the container
#   OUT/config   the LXC config fragment
# No SSH host keys, machine id or apt lists are baked in: every container makes its own at first boot.
# Networking is left to the peer (no DHCP client, no ifupdown).
#
# usage: build.sh OUT
# env:   MIRROR     Debian mirror (default: the first deb.debian.org-style URI in /etc/apt/sources*)
#        CACHE_DIR  where debootstrap keeps downloaded .debs between builds (default /var/cache/peeros/debootstrap)
#        PACKAGES   extra packages, comma separated
set -eu

out=${1:?usage: build.sh OUT}
command -v debootstrap >/dev/null || { echo "debootstrap not found: apt-get install debootstrap" >&2; exit 1; }
if [ -z "${MIRROR:-}" ]; then
    MIRROR=$(grep -hE '^(URIs:|deb )' /etc/apt/sources.list.d/*.sources /etc/apt/sources.list 2>/dev/null \
        | grep -oE 'https?://[^ ]+/debian/?( |$)' | grep -v security | head -n 1 | tr -d ' ')
    MIRROR=${MIRROR:-http://deb.debian.org/debian}
fi
CACHE_DIR=${CACHE_DIR:-/var/cache/peeros/debootstrap}
include=systemd-sysv,iproute2,openssh-server,ca-certificates${PACKAGES:+,$PACKAGES}

mkdir -p "$out" "$CACHE_DIR"
[ -z "$(ls -A "$out")" ] || { echo "$out is not empty" >&2; exit 1; }
root=$out/rootfs
echo "debootstrap bookworm from $MIRROR into $root"
debootstrap --variant=minbase --include="$include" --cache-dir="$CACHE_DIR" bookworm "$root" "$MIRROR"

in_root() { chroot "$root" /usr/bin/env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin "$@"; }

echo debian > "$root/etc/hostname"
printf '127.0.0.1 localhost\n::1 localhost ip6-localhost ip6-loopback\n' > "$root/etc/hosts"
: > "$root/etc/fstab"
cat > "$root/etc/apt/sources.list" <<SOURCES
deb $MIRROR bookworm main
deb $MIRROR bookworm-updates main
deb http://deb.debian.org/debian-security bookworm-security main
SOURCES
# Locked root password: the peer provisions SSH keys.
in_root passwd -l root >/dev/null

# Units that have nothing to do in a container or wait for things the peer does itself.
for unit in systemd-networkd-wait-online.service getty-static.service \
        systemd-journald-audit.socket sys-kernel-config.mount sys-kernel-debug.mount sys-kernel-tracing.mount \
        systemd-remount-fs.service; do
    ln -sf /dev/null "$root/etc/systemd/system/$unit"
done
# Only the LXC console getty, not tty1..6.
rm -f "$root/etc/systemd/system/getty.target.wants/getty@tty1.service"

# Per-container identity is made at first boot, not baked into the template.
rm -f "$root"/etc/ssh/ssh_host_*
mkdir -p "$root/etc/systemd/system/ssh.service.d"
cat > "$root/etc/systemd/system/ssh.service.d/peeros-host-keys.conf" <<'UNIT'
[Service]
ExecStartPre=
ExecStartPre=/usr/bin/ssh-keygen -A
ExecStartPre=/usr/sbin/sshd -t
UNIT
: > "$root/etc/machine-id"
rm -f "$root/var/lib/dbus/machine-id"

# Lean: no package lists, caches, logs or docs.
in_root apt-get clean
rm -rf "$root"/var/lib/apt/lists/* "$root"/var/cache/apt/*.bin "$root"/var/log/*.log "$root"/var/log/apt/* \
    "$root"/usr/share/doc/* "$root"/usr/share/man/* "$root"/usr/share/info/* "$root"/tmp/* "$root"/var/tmp/*
find "$root/usr/share/locale" -mindepth 1 -maxdepth 1 ! -name 'locale.alias' -exec rm -rf {} +
# LXC makes /dev at each start (autodev); the device nodes debootstrap made are not part of the template.
find "$root/dev" -mindepth 1 -delete

cat > "$out/config" <<CONFIG
lxc.include = /usr/share/lxc/config/common.conf
lxc.arch = $(dpkg --print-architecture)
lxc.net.0.type = empty
# systemd halts on SIGRTMIN+3.
lxc.signal.halt = SIGRTMIN+3
lxc.autodev = 1
CONFIG
echo "debian-12 template in $out ($(du -sh "$root" | cut -f1))"
