#!/usr/bin/env bash
# Builds the Debian packages confab and confab-server with CPack.
#   scripts/package.sh              a packaging build (build/package): Debian's hardening
#                                   flags from dpkg-buildflags, no tests; packages in
#                                   build/package/packages
#   scripts/package.sh BUILD_DIR    packages an existing build (e.g. build/test) as it is
# Then checks them with scripts/check-packages.sh unless --no-check is given.
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"

check=1
build_dir=""
for arg in "$@"; do
    case "$arg" in
        --no-check) check=0 ;;
        -h | --help)
            sed -n '2,7s/^# \{0,1\}//p' "$0"
            exit 0
            ;;
        *) build_dir=$arg ;;
    esac
done

log() { echo "package: $*"; }

if [[ -z "$build_dir" ]]; then
    build_dir=build/package
    export DEB_BUILD_MAINT_OPTIONS=hardening=+bindnow
    launcher=()
    if command -v ccache >/dev/null 2>&1; then
        launcher=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache)
    fi
    log "configuring a packaging build in $build_dir (flags from dpkg-buildflags)..."
    cmake -S . -B "$build_dir" -G Ninja -DCMAKE_BUILD_TYPE=None -DCMAKE_INSTALL_PREFIX=/usr \
        -DCONFAB_BUILD_TESTS=OFF -DCONFAB_BUILD_BENCH=OFF "${launcher[@]}" \
        -DCMAKE_CXX_FLAGS="$(dpkg-buildflags --get CXXFLAGS) $(dpkg-buildflags --get CPPFLAGS)" \
        -DCMAKE_EXE_LINKER_FLAGS="$(dpkg-buildflags --get LDFLAGS)" >/dev/null
else
    # The packages install under /usr and their configuration under /etc.
    cmake -S . -B "$build_dir" -DCMAKE_INSTALL_PREFIX=/usr >/dev/null
fi
log "building confab and confab-server in $build_dir..."
cmake --build "$build_dir" --parallel 2 --target confab confab-server confab_packaging_files

out="$build_dir/packages"
rm -rf "$out"
mkdir -p "$out"
log "running cpack..."
(cd "$build_dir" && cpack -G DEB -B "$root/$out" >/dev/null)
rm -rf "$out/_CPack_Packages"
ls -1 "$out"/*.deb

if ((check)); then
    bash scripts/check-packages.sh "$out"
fi
