#!/usr/bin/env bash
# Runs a test under a private D-Bus session bus with a real notification daemon (dunst on
# a private Xvfb display), so that desktop notifications are delivered and recorded:
#   tests/support/run-with-notification-daemon.sh <test binary> [test arguments]
# The test finds out through CONFAB_TEST_NOTIFICATION_DAEMON=dunst. Everything started
# here is stopped on exit. Without dunst, Xvfb or dbus-run-session the test is skipped
# (exit code 77), unless CONFAB_TEST_REQUIRE_DESKTOP=1 (scripts/test.sh), which makes it
# an error.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/harness-lib.sh"

if [[ "${1:-}" == "--inside-bus" ]]; then
    # Second stage, inside dbus-run-session: start dunst, wait for its bus name, run.
    shift
    dunst -verbosity warn >"$CONFAB_HARNESS_DIR/dunst.log" 2>&1 &
    dunst_pid=$!
    trap 'kill "$dunst_pid" 2>/dev/null || true; wait "$dunst_pid" 2>/dev/null || true' EXIT
    harness_wait_for_bus_name notification dunst "$dunst_pid" "$CONFAB_HARNESS_DIR/dunst.log" \
        org.freedesktop.Notifications
    set +e
    CONFAB_TEST_NOTIFICATION_DAEMON=dunst "$@"
    status=$?
    set -e
    exit "$status"
fi

harness_require_tools notification dunst dunstctl Xvfb dbus-run-session dbus-send

harness=$(mktemp -d /tmp/confab-notify.XXXXXX)
xvfb_pid=""
cleanup() {
    if [[ -n "$xvfb_pid" ]]; then
        kill "$xvfb_pid" 2>/dev/null || true
        wait "$xvfb_pid" 2>/dev/null || true
    fi
    rm -rf "$harness"
}
trap cleanup EXIT

# Xvfb picks a free display number itself and writes it to fd 3.
Xvfb -displayfd 3 -nolisten tcp -screen 0 1280x800x24 3>"$harness/display" \
    >"$harness/xvfb.log" 2>&1 &
xvfb_pid=$!
for _ in $(seq 1 100); do
    [[ -s "$harness/display" ]] && break
    if ! kill -0 "$xvfb_pid" 2>/dev/null; then
        cat "$harness/xvfb.log" >&2
        echo "notification harness: Xvfb exited" >&2
        exit 1
    fi
    sleep 0.1
done
[[ -s "$harness/display" ]] || { echo "notification harness: Xvfb gave no display" >&2; exit 1; }

mkdir -m 700 "$harness/runtime" "$harness/config"
export DISPLAY=":$(head -n1 "$harness/display")"
export XDG_RUNTIME_DIR="$harness/runtime"
export XDG_CONFIG_HOME="$harness/config" # dunst's own defaults, not the user's dunstrc
export CONFAB_HARNESS_DIR="$harness"
set +e
dbus-run-session -- bash "${BASH_SOURCE[0]}" --inside-bus "$@"
status=$?
set -e
exit "$status"
