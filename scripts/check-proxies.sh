#!/usr/bin/env bash
# Runs the reverse-proxy configurations of packaging/ for real: starts confab-server, then
# Debian's nginx and Caddy on 127.0.0.1 with packaging/nginx/confab.conf and
# packaging/caddy/Caddyfile (ports, upstream and certificate paths rewritten for this run;
# a throwaway self-signed certificate from openssl), and runs tst_reverseproxy through each.
# Everything runs in a scratch directory and is stopped and removed on exit.
# Usage: scripts/check-proxies.sh BUILD_DIR    (with confab-server and tst_reverseproxy built)
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
build_dir=$(cd "${1:?usage: scripts/check-proxies.sh BUILD_DIR}" && pwd)
server_bin=$build_dir/server/confab-server
test_bin=$build_dir/tests/tst_reverseproxy

log() { echo "check-proxies: $*"; }
fail() {
    echo "check-proxies: ERROR: $*" >&2
    exit 1
}
[[ -x "$server_bin" ]] || fail "$server_bin is not built."
[[ -x "$test_bin" ]] || fail "$test_bin is not built."
command -v nginx >/dev/null || fail "nginx is not installed (scripts/install-deps.sh --test)."
command -v caddy >/dev/null || fail "caddy is not installed (scripts/install-deps.sh --test)."

scratch=$(mktemp -d /tmp/confab-proxies.XXXXXX)
pids=()
cleanup() {
    for pid in "${pids[@]}"; do
        kill "$pid" 2>/dev/null || true
    done
    for pid in "${pids[@]}"; do
        wait "$pid" 2>/dev/null || true
    done
    rm -rf "$scratch"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

port_in_use() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
free_port() {
    local candidate
    for _ in $(seq 1 50); do
        candidate=$((20000 + RANDOM % 30000))
        port_in_use "$candidate" || {
            echo "$candidate"
            return
        }
    done
    fail "no free port found."
}
wait_for_port() {
    local port=$1 name=$2
    for _ in $(seq 1 100); do
        port_in_use "$port" && return
        sleep 0.1
    done
    fail "$name did not start listening on 127.0.0.1:$port."
}

# --- A throwaway certificate for 127.0.0.1 and localhost ---------------------------------
openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj "/CN=localhost" \
    -addext "subjectAltName=IP:127.0.0.1,DNS:localhost" \
    -keyout "$scratch/key.pem" -out "$scratch/cert.pem" 2>/dev/null \
    || fail "openssl could not make a certificate."
chmod 644 "$scratch/key.pem"

# --- confab-server -----------------------------------------------------------------------
: >"$scratch/server.out"
head -c 48 /dev/urandom | od -An -tx1 | tr -d ' \n' >"$scratch/jwt-secret"
CONFAB_DATA_DIR=$scratch/data "$server_bin" --listen 127.0.0.1:0 \
    --database "sqlite:$scratch/data/confab.db" --jwt-secret-file "$scratch/jwt-secret" \
    >"$scratch/server.out" 2>"$scratch/server.log" &
pids+=($!)
upstream=""
for _ in $(seq 1 100); do
    upstream=$(sed -n 's|^Listening on http://127\.0\.0\.1:\([0-9]*\)$|\1|p' "$scratch/server.out")
    [[ -n "$upstream" ]] && break
    sleep 0.1
done
[[ -n "$upstream" ]] || {
    cat "$scratch/server.log" >&2
    fail "confab-server did not start."
}
log "confab-server on 127.0.0.1:$upstream"

# --- nginx -------------------------------------------------------------------------------
nginx_port=$(free_port)
mkdir -p "$scratch/nginx"
# The site as shipped, with the test's port, upstream and certificate; the port-80
# redirect server and the IPv6 listeners are left out.
sed -e "s|server 127\.0\.0\.1:8080;|server 127.0.0.1:$upstream;|" \
    -e "s|listen 443 ssl http2;|listen 127.0.0.1:$nginx_port ssl http2;|" \
    -e '/listen \[::\]/d' \
    -e "s|/etc/letsencrypt/live/chat.example.org/fullchain.pem|$scratch/cert.pem|" \
    -e "s|/etc/letsencrypt/live/chat.example.org/privkey.pem|$scratch/key.pem|" \
    "$root/packaging/nginx/confab.conf" \
    | awk 'BEGIN { skip = 0 }
        /^server \{/ { block = $0; getline; if ($0 ~ /listen 80;/) { skip = 1; next } else { print block } }
        skip && /^\}/ { skip = 0; next }
        !skip { print }' >"$scratch/nginx/confab.conf"
grep -q "listen 127.0.0.1:$nginx_port ssl" "$scratch/nginx/confab.conf" \
    || fail "could not rewrite the nginx configuration."
cat >"$scratch/nginx/nginx.conf" <<CONF
daemon off;
master_process on;
worker_processes 1;
pid $scratch/nginx/nginx.pid;
error_log $scratch/nginx/error.log warn;
$( [[ "$(id -u)" -eq 0 ]] && echo "user root root;" )
events { worker_connections 64; }
http {
    access_log $scratch/nginx/access.log;
    client_body_temp_path $scratch/nginx/body;
    proxy_temp_path $scratch/nginx/proxy;
    fastcgi_temp_path $scratch/nginx/fastcgi;
    uwsgi_temp_path $scratch/nginx/uwsgi;
    scgi_temp_path $scratch/nginx/scgi;
    include $scratch/nginx/confab.conf;
}
CONF
nginx -t -q -c "$scratch/nginx/nginx.conf" -p "$scratch/nginx" || fail "nginx -t rejected the configuration."
nginx -c "$scratch/nginx/nginx.conf" -p "$scratch/nginx" 2>>"$scratch/nginx/error.log" &
pids+=($!)
wait_for_port "$nginx_port" nginx
log "nginx on https://127.0.0.1:$nginx_port"

# --- Caddy -------------------------------------------------------------------------------
caddy_port=$(free_port)
mkdir -p "$scratch/caddy"
# The site as shipped on the test's address with the test's certificate; no admin endpoint,
# no ACME, no HTTP listener.
sed -e "s|^{\$CONFAB_DOMAIN:chat\.example\.org} {|https://127.0.0.1:$caddy_port {\n\tbind 127.0.0.1\n\ttls $scratch/cert.pem $scratch/key.pem|" \
    -e "s|^{|{\n\tadmin off\n\tauto_https off\n\tdefault_sni localhost\n\tstorage file_system $scratch/caddy/data|" \
    "$root/packaging/caddy/Caddyfile" >"$scratch/caddy/Caddyfile"
grep -q "https://127.0.0.1:$caddy_port" "$scratch/caddy/Caddyfile" \
    || fail "could not rewrite the Caddyfile."
export CONFAB_UPSTREAM=127.0.0.1:$upstream
XDG_DATA_HOME=$scratch/caddy XDG_CONFIG_HOME=$scratch/caddy HOME=$scratch/caddy \
    caddy validate --adapter caddyfile --config "$scratch/caddy/Caddyfile" >/dev/null 2>&1 \
    || fail "caddy validate rejected the configuration."
XDG_DATA_HOME=$scratch/caddy XDG_CONFIG_HOME=$scratch/caddy HOME=$scratch/caddy \
    caddy run --adapter caddyfile --config "$scratch/caddy/Caddyfile" >"$scratch/caddy/caddy.log" 2>&1 &
pids+=($!)
wait_for_port "$caddy_port" caddy
log "Caddy on https://127.0.0.1:$caddy_port"

# --- The test through each ---------------------------------------------------------------
status=0
for proxy in "nginx:$nginx_port" "caddy:$caddy_port"; do
    name=${proxy%%:*}
    port=${proxy##*:}
    log "tst_reverseproxy through $name..."
    if ! CONFAB_TEST_PROXY_URL="https://127.0.0.1:$port" CONFAB_TEST_PROXY_CA="$scratch/cert.pem" \
        QT_QPA_PLATFORM=offscreen "$test_bin"; then
        echo "check-proxies: tst_reverseproxy failed through $name; its log:" >&2
        tail -n 20 "$scratch/$name/"*.log >&2 || true
        status=1
    fi
done
((status == 0)) || fail "a proxy check failed."
log "nginx and Caddy both passed."
