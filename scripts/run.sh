#!/usr/bin/env bash
# Installs what is missing, builds Confab (Release, build/release) and starts the desktop
# app `confab`. Arguments go to the app (e.g. --profile NAME, --server URL).
#
# On a first start the app offers "Host a chat on this computer" (its own embedded server,
# SQLite in your data directory, announced on the local network) or "Join a server"; with
# --server URL it goes straight to signing in to that server.
#
#   scripts/run.sh [app options]                  the desktop app
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
    server=build/release/server/confab-server
    [[ -x "$server" ]] || fail "$server was not built"
    log "starting $server $*"
    exec "$server" "$@"
fi

cmake --build --preset release --target confab
app=build/release/app/confab
[[ -x "$app" ]] || fail "$app was not built"
log "starting $app $*"
exec "$app" "$@"
