#!/usr/bin/env bash
# Runs a command with a private D-Bus system bus and an avahi-daemon of its own, so the LAN
# discovery tests can announce and browse services on this machine without a real network.
#
#   scripts/lan-harness.sh COMMAND [ARGS...]
#
# The bus listens on a socket in a temporary directory; avahi-daemon (not chrooted, and as
# root without dropping privileges) uses only the loopback interface, which gets the
# MULTICAST flag for the run when it lacks it. The command sees DBUS_SYSTEM_BUS_ADDRESS (how
# the dns_sd compatibility library reaches avahi-daemon) and CONFAB_TEST_AVAHI=1 (so the LAN
# tests run instead of skipping). Both daemons are stopped and the directory removed on exit.
# When an avahi-daemon already runs on the machine's own system bus, that one is used; when
# none runs and this is not root, the command runs without one (the LAN tests then skip).
set -euo pipefail

if (($# == 0)); then
    sed -n '2,5s/^# \{0,1\}//p' "$0" >&2
    exit 2
fi

for tool in dbus-daemon avahi-daemon avahi-browse; do
    command -v "$tool" >/dev/null 2>&1 \
        || { echo "lan-harness: $tool is missing; run scripts/install-deps.sh --test" >&2; exit 1; }
done

if avahi-daemon --check 2>/dev/null && [[ -S /run/dbus/system_bus_socket ]]; then
    echo "lan-harness: using the avahi-daemon already running"
    export CONFAB_TEST_AVAHI=1
    exec "$@"
fi
if [[ "$(id -u)" -ne 0 ]]; then
    # A developer's machine without root: run the command anyway; the LAN tests skip and
    # say why. CI runs as root, where they always run.
    echo "lan-harness: WARNING: not root and no avahi-daemon running: the LAN discovery" \
        "tests will be skipped (run as root, or start avahi-daemon, to include them)" >&2
    exec "$@"
fi

dir=$(mktemp -d /tmp/confab-lan.XXXXXX)
bus_pid=""
avahi_pid=""
multicast_set=0
cleanup() {
    if ((multicast_set)); then
        ip link set lo multicast off 2>/dev/null || true
    fi
    if [[ -n "$avahi_pid" ]]; then
        kill "$avahi_pid" 2>/dev/null || true
        wait "$avahi_pid" 2>/dev/null || true
    fi
    if [[ -n "$bus_pid" ]]; then
        kill "$bus_pid" 2>/dev/null || true
        wait "$bus_pid" 2>/dev/null || true
    fi
    rm -rf "$dir"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

cat >"$dir/bus.conf" <<CONF
<!DOCTYPE busconfig PUBLIC "-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN"
 "http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd">
<busconfig>
  <type>system</type>
  <listen>unix:path=$dir/system_bus_socket</listen>
  <auth>EXTERNAL</auth>
  <policy context="default">
    <allow user="*"/>
    <allow own="*"/>
    <allow send_type="method_call"/>
    <allow send_type="signal"/>
    <allow send_type="method_return"/>
    <allow send_type="error"/>
    <allow receive_type="method_call"/>
    <allow receive_type="signal"/>
    <allow receive_type="method_return"/>
    <allow receive_type="error"/>
  </policy>
</busconfig>
CONF

cat >"$dir/avahi-daemon.conf" <<CONF
[server]
use-ipv4=yes
use-ipv6=no
allow-interfaces=lo
ratelimit-interval-usec=1000000
ratelimit-burst=1000
[wide-area]
enable-wide-area=no
[publish]
publish-hinfo=no
publish-workstation=no
CONF

if ! ip link show lo | grep -q MULTICAST; then
    ip link set lo multicast on \
        || { echo "lan-harness: cannot turn on multicast on lo (needs CAP_NET_ADMIN)" >&2; exit 1; }
    multicast_set=1
fi

dbus-daemon --config-file="$dir/bus.conf" --nofork --nopidfile >"$dir/bus.log" 2>&1 &
bus_pid=$!
for _ in $(seq 1 100); do
    [[ -S "$dir/system_bus_socket" ]] && break
    sleep 0.05
done
[[ -S "$dir/system_bus_socket" ]] || { cat "$dir/bus.log" >&2; echo "lan-harness: the bus did not start" >&2; exit 1; }
export DBUS_SYSTEM_BUS_ADDRESS="unix:path=$dir/system_bus_socket"

# avahi-daemon allows one instance per machine (its pid file is fixed). One that runs on
# another private bus (a concurrent run of this script) cannot be shared.
if avahi-daemon --check 2>/dev/null; then
    echo "lan-harness: another avahi-daemon is running but not on the system bus" \
        "(another run of this script?); try again when it has finished" >&2
    exit 1
fi
rm -f /run/avahi-daemon/pid # left behind by an interrupted run
avahi-daemon -f "$dir/avahi-daemon.conf" --no-chroot --no-drop-root --no-rlimits \
    --no-proc-title >"$dir/avahi.log" 2>&1 &
avahi_pid=$!
ready=0
for _ in $(seq 1 200); do
    if grep -q "Server startup complete" "$dir/avahi.log"; then
        ready=1
        break
    fi
    kill -0 "$avahi_pid" 2>/dev/null || break
    sleep 0.05
done
if ((!ready)); then
    cat "$dir/avahi.log" >&2
    echo "lan-harness: avahi-daemon did not start" >&2
    exit 1
fi
echo "lan-harness: private system bus and avahi-daemon (loopback only) are running"

export CONFAB_TEST_AVAHI=1
status=0
"$@" || status=$?
exit "$status"
