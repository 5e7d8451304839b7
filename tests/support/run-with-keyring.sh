#!/usr/bin/env bash
# Runs a test under a private D-Bus session bus with an unlocked gnome-keyring Secret
# Service, so that QtKeychain stores secrets for real (also as root, with no display):
#   tests/support/run-with-keyring.sh <test binary> [test arguments]
# The keyring lives in a temporary directory, unlocked with a random password fed on
# stdin; the test sees CONFAB_TEST_SECRET_SERVICE=1. Everything started here is stopped
# on exit. Without gnome-keyring-daemon or dbus-run-session the test is skipped (exit
# code 77), unless CONFAB_TEST_REQUIRE_DESKTOP=1 (scripts/test.sh) makes it an error.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/harness-lib.sh"

if [[ "${1:-}" == "--inside-bus" ]]; then
    shift
    # --foreground keeps the daemon our child, so that it is stopped with certainty.
    od -An -N16 -tx1 /dev/urandom | tr -d ' \n' \
        | gnome-keyring-daemon --foreground --unlock --components=secrets \
            >"$CONFAB_HARNESS_DIR/keyring.log" 2>&1 &
    keyring_pid=$!
    trap 'kill "$keyring_pid" 2>/dev/null || true; wait "$keyring_pid" 2>/dev/null || true' EXIT
    harness_wait_for_bus_name keyring gnome-keyring-daemon "$keyring_pid" \
        "$CONFAB_HARNESS_DIR/keyring.log" org.freedesktop.secrets
    set +e
    CONFAB_TEST_SECRET_SERVICE=1 "$@"
    status=$?
    set -e
    exit "$status"
fi

harness_require_tools keyring gnome-keyring-daemon dbus-run-session dbus-send

harness=$(mktemp -d /tmp/confab-keyring.XXXXXX)
trap 'rm -rf "$harness"' EXIT
mkdir -m 700 "$harness/runtime" "$harness/data" "$harness/config"
export XDG_RUNTIME_DIR="$harness/runtime"
export XDG_DATA_HOME="$harness/data" # the keyring file goes here, not into the user's home
export XDG_CONFIG_HOME="$harness/config"
export CONFAB_HARNESS_DIR="$harness"
set +e
dbus-run-session -- bash "${BASH_SOURCE[0]}" --inside-bus "$@"
status=$?
set -e
exit "$status"
