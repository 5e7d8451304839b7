#!/usr/bin/env bash
# Brings translations/*.ts up to date with the strings of app/ (lupdate through the build's
# update_translations target): new strings are added as unfinished, removed ones dropped.
# Then translate the new entries (e.g. with Qt Linguist: linguist translations/confab_de.ts);
# tst_translationfiles fails while confab_de.ts has unfinished entries.
#   scripts/update-translations.sh [build directory]     (default: build)
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"
build_dir=${1:-build}

if [[ ! -f "$build_dir/CMakeCache.txt" ]]; then
    echo "update-translations: configuring $build_dir..."
    cmake -S . -B "$build_dir" -G Ninja -DCMAKE_BUILD_TYPE=Debug
fi
cmake --build "$build_dir" --target update_translations

unfinished=$(grep -c 'type="unfinished"' translations/confab_de.ts || true)
if ((unfinished > 0)); then
    echo "update-translations: translations/confab_de.ts has $unfinished unfinished entries to translate."
else
    echo "update-translations: translations/confab_de.ts is complete."
fi
