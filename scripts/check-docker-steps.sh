#!/usr/bin/env bash
# Proves the Docker image's steps without a Docker engine: runs packaging/docker/build-steps.sh
# as the Dockerfile does, but into a scratch prefix and root (package installs only
# simulated), starts the installed confab-server with the image's configuration file and
# runs the image's HEALTHCHECK command against it. Also checks that the Dockerfile calls
# every step and that docker-compose.yml and the Caddyfile it mounts parse.
# Usage: scripts/check-docker-steps.sh BUILD_DIR   (a configured build directory to reuse)
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
build_dir=$(cd "${1:?usage: scripts/check-docker-steps.sh BUILD_DIR}" && pwd)
steps=$root/packaging/docker/build-steps.sh
log() { echo "check-docker-steps: $*"; }
fail() {
    echo "check-docker-steps: ERROR: $*" >&2
    exit 1
}

for step in build-deps "build /src /build /opt/confab" runtime-deps \
    "runtime-setup / /opt/confab" healthcheck; do
    grep -q "build-steps.sh.* $step" "$root/packaging/docker/Dockerfile" \
        || grep -q "\"$step\"" "$root/packaging/docker/Dockerfile" \
        || fail "the Dockerfile does not run the step '$step'."
done
grep -q '^USER confab$' "$root/packaging/docker/Dockerfile" || fail "the image does not run as confab."
grep -q '^HEALTHCHECK' "$root/packaging/docker/Dockerfile" || fail "the image has no HEALTHCHECK."

python3 - "$root/packaging/docker/docker-compose.yml" <<'PY' || fail "docker-compose.yml is not valid."
import sys, yaml
compose = yaml.safe_load(open(sys.argv[1]))
services = compose["services"]
assert {"postgres", "confab", "caddy"} <= set(services), services.keys()
assert services["confab"]["build"]["dockerfile"] == "packaging/docker/Dockerfile"
assert "ports" not in services["confab"], "confab-server must only be reached through Caddy"
PY
CONFAB_DOMAIN=chat.example.org CONFAB_UPSTREAM=confab:8080 \
    caddy adapt --adapter caddyfile --config "$root/packaging/caddy/Caddyfile" >/dev/null 2>&1 \
    || fail "the Caddyfile does not adapt with the compose file's variables."

scratch=$(mktemp -d /tmp/confab-docker-steps.XXXXXX)
server_pid=""
cleanup() {
    if [[ -n "$server_pid" ]]; then
        kill "$server_pid" 2>/dev/null || true
        wait "$server_pid" 2>/dev/null || true
    fi
    rm -rf "$scratch"
}
trap cleanup EXIT

log "build-deps and runtime-deps (simulated package installs)..."
CONFAB_APT_SIMULATE=1 bash "$steps" build-deps || fail "build-deps: packages do not resolve."
CONFAB_APT_SIMULATE=1 bash "$steps" runtime-deps || fail "runtime-deps: packages do not resolve."

log "build into $scratch/prefix (reusing $build_dir)..."
bash "$steps" build "$root" "$build_dir" "$scratch/prefix" >"$scratch/build.log" 2>&1 \
    || { tail -n 30 "$scratch/build.log" >&2; fail "the build step failed."; }
[[ -x "$scratch/prefix/bin/confab-server" ]] || fail "the build step installed no confab-server."

log "runtime-setup into $scratch/root..."
bash "$steps" runtime-setup "$scratch/root" "$scratch/prefix" >/dev/null || fail "runtime-setup failed."
config=$scratch/root/etc/confab/confab-server.conf
[[ -f "$config" ]] || fail "runtime-setup wrote no configuration file."

log "starting the installed server with the image's configuration..."
: >"$scratch/server.out"
# The image listens on all of the container's interfaces; here only on 127.0.0.1.
# As in the image: the configuration through CONFAB_CONFIG, the data directory through
# CONFAB_DATA_DIR.
CONFAB_CONFIG=$config CONFAB_DATA_DIR=$scratch/root/var/lib/confab \
    "$scratch/prefix/bin/confab-server" --listen 127.0.0.1:0 >"$scratch/server.out" 2>"$scratch/server.log" &
server_pid=$!
port=""
for _ in $(seq 1 100); do
    port=$(sed -n 's|^Listening on http://127\.0\.0\.1:\([0-9]*\)$|\1|p' "$scratch/server.out")
    [[ -n "$port" ]] && break
    sleep 0.1
done
[[ -n "$port" ]] || { cat "$scratch/server.log" >&2; fail "the installed server did not start."; }
bash "$steps" healthcheck "http://127.0.0.1:$port" || fail "the HEALTHCHECK failed on a running server."
[[ -f "$scratch/root/var/lib/confab/confab.db" && -f "$scratch/root/var/lib/confab/jwt-secret" ]] \
    || fail "the data directory holds no database or generated secret."
kill "$server_pid"
wait "$server_pid" || fail "the server did not stop cleanly on SIGTERM."
server_pid=""
if bash "$steps" healthcheck "http://127.0.0.1:$port" 2>/dev/null; then
    fail "the HEALTHCHECK passed with no server running."
fi
log "the image's steps work."
