#!/usr/bin/env bash
# Installs, with apt-get, the Debian/Ubuntu packages Confab needs to build and run.
#   scripts/install-deps.sh          build and run dependencies
#   scripts/install-deps.sh --test   also what the test suite needs (PostgreSQL, clang-format,
#                                    the packaging checks: lintian, nginx, Caddy, …, and
#                                    avahi-daemon, avahi-utils, dbus for the LAN tests,
#                                    the desktop harnesses: a session bus, Xvfb with the
#                                    dunst notification daemon, gnome-keyring)
# Idempotent: when every package is already installed it only asks dpkg-query and
# returns, without network access. Uses sudo only when not run as root.
set -euo pipefail

packages=(
    cmake ninja-build g++ pkg-config
    qt6-base-dev qt6-websockets-dev qt6-httpserver-dev
    libqt6sql6-sqlite libqt6sql6-psql
    qt6-tools-dev qt6-tools-dev-tools qt6-l10n-tools
    qcoro-qt6-dev qtkeychain-qt6-dev
    libsodium-dev libjwt-dev libssl-dev sqlite3
    qt6-qpa-plugins fonts-dejavu-core
    qt6-image-formats-plugins
    libavahi-compat-libdnssd-dev
)
# Packaging checks (scripts/package.sh, check-packages.sh, check-proxies.sh,
# check-docker-steps.sh): dpkg-dev and file for CPack's dependency list, lintian,
# desktop-file-utils and appstream for the desktop files, systemd for systemd-analyze (man-db
# to open the unit's man page), nginx and caddy to run the proxy configurations, openssl
# for a throwaway certificate, curl for the image's health check, python3-yaml for the
# compose file. avahi-daemon, avahi-utils and dbus for the LAN discovery tests
# (scripts/lan-harness.sh). dbus-daemon, dbus-bin, xvfb, dunst and gnome-keyring for the desktop
# harnesses (real notifications and the keychain).
test_packages=(postgresql clang-format
    dpkg-dev file lintian desktop-file-utils appstream systemd man-db
    nginx caddy openssl curl python3-yaml
    avahi-daemon avahi-utils dbus
    dbus-daemon dbus-bin xvfb dunst gnome-keyring)

for arg in "$@"; do
    case "$arg" in
        --test) packages+=("${test_packages[@]}") ;;
        -h | --help)
            sed -n '2,10s/^# \{0,1\}//p' "$0"
            exit 0
            ;;
        *)
            echo "install-deps: unknown argument: $arg" >&2
            exit 2
            ;;
    esac
done

missing=()
for pkg in "${packages[@]}"; do
    status=$(dpkg-query -W -f='${db:Status-Status}' "$pkg" 2>/dev/null || true)
    if [[ "$status" != "installed" ]]; then
        missing+=("$pkg")
    fi
done

if ((${#missing[@]} == 0)); then
    echo "install-deps: all ${#packages[@]} packages already installed."
    exit 0
fi

if ! command -v apt-get >/dev/null 2>&1; then
    echo "install-deps: apt-get not found; install these packages by hand: ${missing[*]}" >&2
    exit 1
fi

as_root=()
if [[ "$(id -u)" -ne 0 ]]; then
    if ! command -v sudo >/dev/null 2>&1; then
        echo "install-deps: not root and sudo is not installed; run as root or install: ${missing[*]}" >&2
        exit 1
    fi
    as_root=(sudo)
fi

echo "install-deps: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
"${as_root[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update -q
"${as_root[@]}" env DEBIAN_FRONTEND=noninteractive \
    apt-get install -y -q --no-install-recommends "${missing[@]}" </dev/null
echo "install-deps: done."
