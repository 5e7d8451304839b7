# Shared by the desktop test harnesses (run-with-keyring.sh, run-with-notification-daemon.sh):
# source it, do not run it.

# harness_require_tools HARNESS TOOL...: returns when every tool is installed; otherwise
# skips the test (exit 77), or fails it when CONFAB_TEST_REQUIRE_DESKTOP=1 (scripts/test.sh).
harness_require_tools() {
    local harness=$1
    shift
    local missing=() tool
    for tool in "$@"; do
        command -v "$tool" >/dev/null 2>&1 || missing+=("$tool")
    done
    ((${#missing[@]})) || return 0
    local message="$harness harness: missing ${missing[*]} (install with scripts/install-deps.sh --test)"
    if [[ "${CONFAB_TEST_REQUIRE_DESKTOP:-0}" == 1 ]]; then
        echo "$message" >&2
        exit 1
    fi
    echo "$message; skipping" >&2
    exit 77
}

# harness_wait_for_bus_name HARNESS DAEMON PID LOG BUS_NAME: waits up to 10 s until BUS_NAME
# has an owner on the session bus; fails (with the daemon's log) when the daemon exits first.
harness_wait_for_bus_name() {
    local harness=$1 daemon=$2 pid=$3 log=$4 name=$5
    for _ in $(seq 1 100); do
        if dbus-send --session --print-reply --dest=org.freedesktop.DBus /org/freedesktop/DBus \
            org.freedesktop.DBus.NameHasOwner "string:$name" 2>/dev/null \
            | grep -q 'boolean true'; then
            return 0
        fi
        if ! kill -0 "$pid" 2>/dev/null; then
            cat "$log" >&2
            echo "$harness harness: $daemon exited" >&2
            exit 1
        fi
        sleep 0.1
    done
}
