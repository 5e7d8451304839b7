#!/usr/bin/env bash
# The steps of the Docker image, as one script so that they also run (and are tested)
# outside Docker:
#   build-steps.sh build-deps                       Debian packages to build Confab
#   build-steps.sh build SRC BUILD_DIR PREFIX       build confab-server, install it to PREFIX
#                                                   (an already configured BUILD_DIR is reused)
#   build-steps.sh runtime-deps                     Debian packages confab-server runs with
#   build-steps.sh runtime-setup ROOT PREFIX        the runtime layout under ROOT: the service
#                                                   user (when ROOT is /), the data directory
#                                                   and the configuration file
#   build-steps.sh healthcheck URL                  exit 0 when URL/api/health answers ok
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
step=${1:-}
shift || true
export DEBIAN_FRONTEND=noninteractive

# CONFAB_APT_SIMULATE=1 only resolves the packages (apt-get -s), as the tests do outside
# Docker; CONFAB_IMAGE_BUILD=1 (the Dockerfile) also drops the package lists afterwards.
apt_install() {
    if [[ "${CONFAB_APT_SIMULATE:-}" == 1 ]]; then
        apt-get install -s -q --no-install-recommends "$@" >/dev/null
        return
    fi
    apt-get update -q
    apt-get install -y -q --no-install-recommends "$@"
    if [[ "${CONFAB_IMAGE_BUILD:-}" == 1 ]]; then
        rm -rf /var/lib/apt/lists/*
    fi
}

case "$step" in
    build-deps)
        apt_install ca-certificates cmake ninja-build g++ pkg-config \
            qt6-base-dev qt6-websockets-dev qt6-httpserver-dev qt6-tools-dev \
            qt6-tools-dev-tools qt6-l10n-tools qcoro-qt6-dev qtkeychain-qt6-dev \
            libsodium-dev libjwt-dev
        ;;
    build)
        src=${1:?build needs SRC BUILD_DIR PREFIX}
        build_dir=${2:?build needs SRC BUILD_DIR PREFIX}
        prefix=${3:?build needs SRC BUILD_DIR PREFIX}
        if [[ ! -f "$build_dir/CMakeCache.txt" ]]; then
            cmake -S "$src" -B "$build_dir" -G Ninja -DCMAKE_BUILD_TYPE=Release \
                -DCONFAB_BUILD_TESTS=OFF -DCONFAB_BUILD_BENCH=OFF
        fi
        cmake --build "$build_dir" --parallel "$(nproc)" --target confab-server
        cmake --install "$build_dir" --component server --prefix "$prefix"
        # The image has no use for the packaging extras (unit, manual, docs).
        rm -rf "$prefix/share" "$prefix/lib/systemd"
        ;;
    runtime-deps)
        apt_install ca-certificates curl libqt6core6 libqt6network6 libqt6websockets6 \
            libqt6httpserver6 libqt6sql6 libqt6sql6-sqlite libqt6sql6-psql libqt6gui6 \
            libqt6concurrent6 libsodium23 libjwt0
        ;;
    runtime-setup)
        root=${1:?runtime-setup needs ROOT PREFIX}
        prefix=${2:?runtime-setup needs ROOT PREFIX}
        if [[ "$root" == / ]] && ! id confab >/dev/null 2>&1; then
            useradd --system --uid 10001 --user-group --home-dir /var/lib/confab \
                --shell /usr/sbin/nologin confab
        fi
        install -d -m 0750 "$root/var/lib/confab"
        install -d -m 0755 "$root/etc/confab"
        install -m 0644 "$here/confab-server.conf" "$root/etc/confab/confab-server.conf"
        if [[ "$root" == / ]]; then
            chown confab:confab /var/lib/confab
        fi
        "$prefix/bin/confab-server" --version
        ;;
    healthcheck)
        url=${1:?healthcheck needs URL}
        curl --fail --silent --show-error --max-time 4 "$url/api/health" | grep -q '"ok"'
        ;;
    *)
        sed -n '2,13s/^# \{0,1\}//p' "$0" >&2
        exit 2
        ;;
esac
