#!/usr/bin/env bash
# Installs what is missing, builds Confab (Release, build/release) and starts the desktop
# app `confab`. Arguments go to the app (e.g. --profile NAME, --server URL).
#
# When no server is configured yet (no --server, and none remembered in the profile's
# settings), it first starts a local confab-server on 127.0.0.1 (a free port, reused on the
# next run when still free) with its default SQLite database in your data directory, passes
# its address to the app with --server, and stops it when the app exits.
#
#   scripts/run.sh [app options]                  the desktop app (and a local server if needed)
#   scripts/run.sh --server-only [server options] only confab-server, e.g. --listen 127.0.0.1:0
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"

log() { echo "run: $*"; }
fail() {
    echo "run: ERROR: $*" >&2
    exit 1
}

server_only=0
if [[ "${1:-}" == "--server-only" ]]; then
    server_only=1
    shift
fi

bash scripts/install-deps.sh

log "configuring and building (Release, build/release)..."
cmake --preset release
if ((server_only)); then
    cmake --build --preset release --target confab-server
else
    cmake --build --preset release --target confab-server confab
fi

server=build/release/server/confab-server
app=build/release/app/confab
[[ -x "$server" ]] || fail "$server was not built"

if ((server_only)); then
    log "starting $server $*"
    exec "$server" "$@"
fi
[[ -x "$app" ]] || fail "$app was not built"

# --- Is a server configured? -------------------------------------------------------------
profile=default
server_given=0
args=("$@")
for ((i = 0; i < ${#args[@]}; ++i)); do
    case "${args[i]}" in
        --server | --server=*) server_given=1 ;;
        --profile) profile=${args[i + 1]:-default} ;;
        --profile=*) profile=${args[i]#--profile=} ;;
    esac
done

config_home=${XDG_CONFIG_HOME:-$HOME/.config}
data_home=${XDG_DATA_HOME:-$HOME/.local/share}
settings_name=Confab
[[ "$profile" != default ]] && settings_name="Confab-$profile"
settings_file="$config_home/Confab/$settings_name.conf"
state_dir="$data_home/Confab"
state_file="$state_dir/local-server-$profile"

remembered=""
if [[ -f "$settings_file" ]]; then
    remembered=$(sed -n 's/^serverAddress=//p' "$settings_file" | head -n1)
fi
last_local=""
[[ -f "$state_file" ]] && last_local=$(head -n1 "$state_file")

# A remembered address that is the local server of an earlier run is not "configured":
# that server is gone, and it is started again below.
if ((server_given)) || [[ -n "$remembered" && "$remembered" != "$last_local" ]]; then
    log "starting $app $*"
    exec "$app" "$@"
fi

# --- A local server for this run ---------------------------------------------------------
port_in_use() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

listen_port=0
if [[ "$last_local" =~ ^http://127\.0\.0\.1:([0-9]+)$ ]] && ! port_in_use "${BASH_REMATCH[1]}"; then
    listen_port=${BASH_REMATCH[1]}
fi

server_log=$(mktemp /tmp/confab-run-server.XXXXXX)
server_pid=""
stop_server() {
    if [[ -n "$server_pid" ]] && kill -0 "$server_pid" 2>/dev/null; then
        log "stopping the local server (pid $server_pid)..."
        kill "$server_pid" 2>/dev/null || true
        wait "$server_pid" 2>/dev/null || true
    fi
    rm -f "$server_log"
}
trap stop_server EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

log "no server configured: starting a local confab-server (SQLite in your data directory)..."
"$server" --listen "127.0.0.1:$listen_port" >"$server_log" 2>&1 &
server_pid=$!

url=""
for _ in $(seq 1 300); do
    url=$(sed -n 's/^Listening on \(http:\/\/[^ ]*\).*$/\1/p' "$server_log" | head -n1)
    [[ -n "$url" ]] && break
    if ! kill -0 "$server_pid" 2>/dev/null; then
        cat "$server_log" >&2
        server_pid=""
        fail "the local server exited."
    fi
    sleep 0.1
done
[[ -n "$url" ]] || {
    cat "$server_log" >&2
    fail "the local server did not say where it listens."
}
mkdir -p "$state_dir"
echo "$url" >"$state_file"
log "local server listening on $url"

log "starting $app --server $url $*"
set +e
"$app" --server "$url" "$@"
status=$?
set -e
exit "$status"
