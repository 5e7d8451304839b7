#!/usr/bin/env bash
# Builds confab-server and confab-bench (Release, build/release), then measures the server
# with every benchmark scenario and prints a results table; the JSON goes to
# bench/results/<UTC time>.json. See docs/performance.md.
#
#   bench/run.sh                 the full set (minutes; wants an otherwise idle machine)
#   bench/run.sh --quick         tiny numbers, about a minute: checks that everything works
#   bench/run.sh [--quick] -- ARGS   extra confab-bench options (confab-bench --help)
#
# PostgreSQL is measured too when CONFAB_BENCH_POSTGRES_URL names a role with CREATEDB,
# e.g. postgres://confab:confab@127.0.0.1:5432/postgres; each scenario makes and drops its
# own database there.
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"

quick=0
extra=()
while (($#)); do
    case "$1" in
        --quick) quick=1 ;;
        --) shift; extra=("$@"); break ;;
        -h | --help)
            sed -n '2,13s/^# \{0,1\}//p' "$0"
            exit 0
            ;;
        *)
            echo "bench/run.sh: unknown argument: $1 (try --help)" >&2
            exit 2
            ;;
    esac
    shift
done

bash scripts/install-deps.sh

echo "bench: configuring and building (Release, build/release)..."
cmake --preset release >/dev/null
nice -n 5 cmake --build --preset release --target confab-server confab-bench confab

# Every WebSocket is a file descriptor in the server; go as high as this account may.
ulimit -n "$(ulimit -Hn)" 2>/dev/null || true
echo "bench: open-file limit $(ulimit -n)"

databases=sqlite
postgres_args=()
if [[ -n "${CONFAB_BENCH_POSTGRES_URL:-}" ]]; then
    databases=sqlite,postgres
    postgres_args=(--postgres-url "$CONFAB_BENCH_POSTGRES_URL")
else
    echo "bench: CONFAB_BENCH_POSTGRES_URL is not set: measuring SQLite only"
fi

if ((quick)); then
    sizes=(--scenarios idle,fanout,saturation,history,reconnect,logins,durability,client
        --idle-steps 200 --fanout-sets 5x10@50,1x100@10 --duration 3
        --saturation-set 5x10 --saturation-rates 50,100,200
        --history-messages 20000 --history-samples 50 --reconnect-clients 500
        --login-burst 20 --login-chat 5x10@50 --durability-rate 200
        --client-conversations 20 --client-messages 1000 --client-settle-ms 1000)
else
    # The issue's steps, plus the most connections this machine's open-file limit allows
    # when that is below 50,000 (steps above the limit are reported as skipped).
    idle_steps=1000,10000
    most=$(( ($(ulimit -n) - 1000) / 1000 * 1000 ))
    if ((most > 10000 && most < 50000)); then
        idle_steps+=",$most"
    fi
    idle_steps+=",50000,100000"
    sizes=(--scenarios idle,fanout,saturation,history,reconnect,logins,durability,client
        --idle-steps "$idle_steps"
        --fanout-sets 20x50@200,1x1000@20,1x10000@2 --duration 10
        --saturation-set 20x50 --saturation-rates 100,200,400,700,1000,1500,2000,2500,3000,4000
        --history-messages 1000000 --history-samples 200 --reconnect-clients 10000
        --login-burst 200 --login-chat 20x50@100 --durability-rate 20000
        --client-conversations 100 --client-messages 10000 --client-settle-ms 3000)
fi

mkdir -p bench/results
json="bench/results/$(date -u +%Y%m%dT%H%M%SZ).json"
echo "bench: writing $json"
exec build/release/bench/confab-bench --server build/release/server/confab-server \
    --client build/release/app/confab \
    --databases "$databases" "${postgres_args[@]}" "${sizes[@]}" --json "$json" "${extra[@]}"
