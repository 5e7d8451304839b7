#!/usr/bin/env bash
# Checks the .deb files in DIR (made by scripts/package.sh) as a distribution would and as an
# operator would use them:
#   lintian (no error, no warning; the remaining informational tags are explained in
#   packaging/README.md), desktop-file-validate, appstreamcli validate, then dpkg -x into a
#   scratch root, `confab-server --version` and `confab --version` from there, and
#   `systemd-analyze verify` of the unit as installed.
# Usage: scripts/check-packages.sh DIR
set -euo pipefail

dir=${1:?usage: scripts/check-packages.sh DIR}
log() { echo "check-packages: $*"; }
fail() {
    echo "check-packages: ERROR: $*" >&2
    exit 1
}

desktop_deb=$(ls "$dir"/confab_*.deb 2>/dev/null | head -n1)
server_deb=$(ls "$dir"/confab-server_*.deb 2>/dev/null | head -n1)
[[ -f "$desktop_deb" ]] || fail "no confab_*.deb in $dir"
[[ -f "$server_deb" ]] || fail "no confab-server_*.deb in $dir"

log "lintian $(basename "$desktop_deb") $(basename "$server_deb")..."
lintian --fail-on error,warning --tag-display-limit 0 --display-info "$desktop_deb" "$server_deb" \
    2> >(grep -v 'running with root privileges is not recommended' >&2) \
    || fail "lintian reported errors or warnings (above)."

scratch=$(mktemp -d /tmp/confab-packages.XXXXXX)
trap 'rm -rf "$scratch"' EXIT
dpkg -x "$desktop_deb" "$scratch/root"
dpkg -x "$server_deb" "$scratch/root"
root=$scratch/root

log "desktop-file-validate and appstreamcli validate..."
desktop-file-validate "$root"/usr/share/applications/*.desktop || fail "desktop-file-validate failed."
appstreamcli validate --no-net --pedantic "$root"/usr/share/metainfo/*.metainfo.xml \
    || fail "appstreamcli validate failed."
for size in 16 32 48 64 128 256; do
    [[ -f "$root/usr/share/icons/hicolor/${size}x${size}/apps/org.confab.Confab.png" ]] \
        || fail "the ${size}x${size} icon is missing."
done

log "running the extracted binaries..."
# The binaries need only Debian's own libraries (the packages depend on them); the Qt
# platform plugin of the desktop app must not need a display here.
version=$(dpkg-deb -f "$server_deb" Version)
server_version=$("$root/usr/bin/confab-server" --version) || fail "confab-server --version failed."
[[ "$server_version" == "confab-server $version" ]] \
    || fail "confab-server --version printed \"$server_version\", not version $version."
desktop_version=$(QT_QPA_PLATFORM=offscreen "$root/usr/bin/confab" --version 2>/dev/null) \
    || fail "confab --version failed."
[[ "$desktop_version" == *" $version" ]] \
    || fail "confab --version printed \"$desktop_version\", not version $version."
log "  $server_version; $desktop_version"

log "systemd-analyze verify of the installed unit..."
unit=$root/usr/lib/systemd/system/confab-server.service
[[ -f "$unit" ]] || fail "the systemd unit is not in the package."
[[ -f "$root/etc/confab/confab-server.conf" ]] || fail "the configuration file is not in /etc/confab."
# verify checks that ExecStart exists and that the Documentation= man page opens: point both
# at the scratch root.
mkdir -p "$scratch/units"
sed "s|/usr/bin/confab-server|$root/usr/bin/confab-server|" "$unit" >"$scratch/units/confab-server.service"
MANPATH=$root/usr/share/man SYSTEMD_LOG_LEVEL=notice \
    systemd-analyze verify "$scratch/units/confab-server.service" \
    || fail "systemd-analyze verify failed."
log "all package checks passed."
