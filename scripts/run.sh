#!/usr/bin/env bash
# Installs what is missing, builds Confab (Release, build/release) and starts it.
# Until the desktop app can host a server it starts confab-server (and builds the app
# beside it, build/release/app/confab); arguments are passed on to the server
# (see README.md, e.g. `scripts/run.sh --listen 127.0.0.1:0`).
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"

bash scripts/install-deps.sh

echo "run: configuring and building (Release, build/release)..."
cmake --preset release
cmake --build --preset release --target confab-server confab

server=build/release/server/confab-server
if [[ ! -x "$server" ]]; then
    echo "run: $server was not built" >&2
    exit 1
fi
echo "run: starting $server $*"
exec "$server" "$@"
