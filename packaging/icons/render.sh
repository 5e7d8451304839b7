#!/usr/bin/env bash
# Renders confab.svg into the PNG sizes the desktop packages install (hicolor/<N>x<N>/apps).
# Run after editing the SVG; the PNGs are committed so that builds need no SVG renderer.
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
for size in 16 32 48 64 128 256; do
    rsvg-convert --width "$size" --height "$size" --output "$here/confab-$size.png" "$here/confab.svg"
done

# The Windows icon: an ICO file whose entries are the PNGs themselves (allowed since Vista).
python3 - "$here" <<'PY'
import struct, sys, pathlib
here = pathlib.Path(sys.argv[1])
sizes = [16, 32, 48, 256]
images = [(here / f"confab-{s}.png").read_bytes() for s in sizes]
offset = 6 + 16 * len(sizes)
header = struct.pack("<HHH", 0, 1, len(sizes))
entries = b""
for size, data in zip(sizes, images):
    entries += struct.pack("<BBBBHHII", size % 256, size % 256, 0, 0, 1, 32, len(data), offset)
    offset += len(data)
(here.parent / "windows" / "confab.ico").write_bytes(header + entries + b"".join(images))
PY
