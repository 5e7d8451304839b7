#!/usr/bin/env bash
# Installs what is missing, builds Confab (Debug, build/test), checks formatting and runs
# the whole test suite against SQLite and a throwaway PostgreSQL cluster, then checks the
# packages and deployment files built from it (scripts/package.sh, check-proxies.sh,
# check-docker-steps.sh).
#
# The PostgreSQL cluster is created for this run only: initdb into a temporary directory
# under /tmp, listening on 127.0.0.1 on a free port, with its Unix socket inside that
# directory. It runs as the `postgres` user when this script runs as root (PostgreSQL
# refuses root), otherwise as the current user. It is stopped and deleted on exit, also
# on failure or interrupt. The machine's own clusters are not touched.
#
# Tests find it through CONFAB_TEST_POSTGRES_URL
# (postgres://confab_test:<password>@127.0.0.1:<port>/postgres, a role with CREATEDB).
# The tests run inside scripts/lan-harness.sh: a private system bus and a loopback-only
# avahi-daemon for the LAN discovery tests (tst_lan), which fail when discovery does not work.
# Exits non-zero when formatting is off, the build fails, any test fails, or no test exists.
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"

build_dir=build/test
jobs=2
failures=()

log() { echo "test: $*"; }
fail() {
    echo "test: ERROR: $*" >&2
    exit 1
}

bash scripts/install-deps.sh --test

# --- Formatting --------------------------------------------------------------------------
log "checking formatting (clang-format --dry-run -Werror)..."
mapfile -d '' sources < <(find . \( -path ./.git -o -path './build*' -o -path ./.cache \) -prune \
    -o -type f \( -name '*.cpp' -o -name '*.h' \) -print0 | sort -z)
if ((${#sources[@]} > 0)) && ! clang-format --dry-run -Werror "${sources[@]}"; then
    echo "test: formatting differs from .clang-format in the files above;" \
        "fix with: clang-format -i <file>" >&2
    failures+=("clang-format")
else
    log "formatting OK (${#sources[@]} files)."
fi

# --- Build -------------------------------------------------------------------------------
log "configuring and building (Debug, $build_dir)..."
cmake -S . -B "$build_dir" -G Ninja -DCMAKE_BUILD_TYPE=Debug
cmake --build "$build_dir" --parallel "$jobs"

test_count=$(ctest --test-dir "$build_dir" -N | sed -n 's/^Total Tests: *//p')
if [[ -z "$test_count" || "$test_count" -eq 0 ]]; then
    fail "ctest found no tests in $build_dir; a run without tests must not pass."
fi
log "$test_count tests registered."

# --- Throwaway PostgreSQL ----------------------------------------------------------------
pg_bindir=""
for dir in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V -r); do
    if [[ -x "$dir/initdb" && -x "$dir/pg_ctl" ]]; then
        pg_bindir=$dir
        break
    fi
done
if [[ -z "$pg_bindir" ]] && command -v initdb >/dev/null 2>&1; then
    pg_bindir=$(dirname "$(command -v initdb)")
fi
[[ -n "$pg_bindir" ]] || fail "PostgreSQL server binaries (initdb, pg_ctl) not found."

pg_dir=""
pg_started=0
pg_user=$(id -un)
as_pg=()
if [[ "$(id -u)" -eq 0 ]]; then
    pg_user=postgres
    getent passwd postgres >/dev/null || fail "running as root but there is no 'postgres' user."
    as_pg=(runuser -u postgres --)
fi

stop_postgres() {
    # Also when pg_ctl gave up waiting: a postmaster.pid means a server may be running.
    if ((pg_started)) || [[ -n "$pg_dir" && -f "$pg_dir/data/postmaster.pid" ]]; then
        log "stopping the test PostgreSQL cluster..."
        (cd "$pg_dir" && "${as_pg[@]}" "$pg_bindir/pg_ctl" -D "$pg_dir/data" -m fast -w -t 30 \
            stop >/dev/null 2>&1) \
            || (cd "$pg_dir" && "${as_pg[@]}" "$pg_bindir/pg_ctl" -D "$pg_dir/data" -m immediate \
                -w stop >/dev/null 2>&1) \
            || echo "test: WARNING: could not stop PostgreSQL in $pg_dir" >&2
        pg_started=0
    fi
    if [[ -n "$pg_dir" && -d "$pg_dir" ]]; then
        rm -rf "$pg_dir"
    fi
}
trap stop_postgres EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

pg_dir=$(mktemp -d /tmp/confab-pg.XXXXXX)
mkdir -p "$pg_dir/sock"
if ((${#as_pg[@]})); then
    chown -R postgres: "$pg_dir"
fi
chmod 700 "$pg_dir"

log "creating a throwaway PostgreSQL cluster ($("$pg_bindir/postgres" --version)) as $pg_user in $pg_dir..."
if ! (cd "$pg_dir" && "${as_pg[@]}" "$pg_bindir/initdb" -D "$pg_dir/data" -U postgres \
    --auth-local=trust --auth-host=scram-sha-256 --encoding=UTF8 --locale=C --no-sync \
    >"$pg_dir/initdb.log" 2>&1); then
    cat "$pg_dir/initdb.log" >&2
    fail "initdb failed."
fi

port_in_use() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

pg_port=""
for attempt in 1 2 3 4 5 6 7 8; do
    candidate=$((20000 + RANDOM % 30000))
    port_in_use "$candidate" && continue
    if (cd "$pg_dir" && "${as_pg[@]}" "$pg_bindir/pg_ctl" -D "$pg_dir/data" -l "$pg_dir/postgres.log" \
        -w -t 60 -o "-p $candidate -k $pg_dir/sock -c listen_addresses=127.0.0.1 \
            -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200" \
        start >/dev/null 2>&1); then
        pg_port=$candidate
        pg_started=1
        break
    fi
    log "PostgreSQL did not start on port $candidate (attempt $attempt), trying another port..."
done
if [[ -z "$pg_port" ]]; then
    tail -n 30 "$pg_dir/postgres.log" >&2 || true
    fail "could not start the test PostgreSQL cluster."
fi
log "PostgreSQL is listening on 127.0.0.1:$pg_port."

pg_password=$(od -An -N24 -tx1 /dev/urandom | tr -d ' \n')
# The password goes through stdin, never the command line.
(cd "$pg_dir" && "${as_pg[@]}" "$pg_bindir/psql" -X -q -v ON_ERROR_STOP=1 -h "$pg_dir/sock" \
    -p "$pg_port" -U postgres -d postgres) <<SQL || fail "could not create the test role."
CREATE ROLE confab_test LOGIN CREATEDB PASSWORD '$pg_password';
SQL

export CONFAB_TEST_POSTGRES_URL="postgres://confab_test:${pg_password}@127.0.0.1:${pg_port}/postgres"
if ! PGPASSWORD=$pg_password PGCONNECT_TIMEOUT=10 "$pg_bindir/psql" -X -q -At -h 127.0.0.1 \
    -p "$pg_port" -U confab_test -d postgres -c 'SELECT 1' >/dev/null; then
    fail "the test role cannot log in over 127.0.0.1."
fi
log "exported CONFAB_TEST_POSTGRES_URL=postgres://confab_test:***@127.0.0.1:$pg_port/postgres"

# --- Tests -------------------------------------------------------------------------------
export QT_QPA_PLATFORM=offscreen
# The desktop harnesses (tests/support/run-with-*.sh) must run here, never skip.
export CONFAB_TEST_REQUIRE_DESKTOP=1
log "running ctest (-j$jobs)..."
if ! bash scripts/lan-harness.sh \
    ctest --test-dir "$build_dir" --output-on-failure --no-tests=error -j"$jobs"; then
    failures+=("ctest")
fi

# --- Packages, deployment files -----------------------------------------------------------
# The .deb packages of this build (lintian, desktop-file-validate, appstreamcli, the
# extracted binaries, systemd-analyze verify), nginx and Caddy in front of a real server,
# and the Docker image's steps outside Docker.
log "packaging checks (scripts/package.sh $build_dir)..."
if ! bash scripts/package.sh "$build_dir"; then
    failures+=("packages")
fi
log "reverse proxies (scripts/check-proxies.sh)..."
if ! bash scripts/check-proxies.sh "$build_dir"; then
    failures+=("proxies")
fi
log "Docker image steps (scripts/check-docker-steps.sh)..."
if ! bash scripts/check-docker-steps.sh "$build_dir"; then
    failures+=("docker-steps")
fi

if ((${#failures[@]})); then
    echo "test: FAILED: ${failures[*]}" >&2
    exit 1
fi
log "all checks passed."
