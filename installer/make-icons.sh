#!/usr/bin/env bash
# Renders resources/icons/hydra.svg into the icon files that are committed next to it:
#   png/hydra-N.png  N = 16 22 24 32 48 64 128 256 512  (Linux hicolor theme, tray, DMG)
#   hydra.ico        16, 20, 24, 32, 40, 48, 64, 256     (Windows exe, installer, shortcuts)
#   hydra.icns       16, 32, 48, 128, 256, 512          (macOS bundle)
# Run it after changing the SVG and commit the results; builds never run it.
# Needs (Debian): librsvg2-bin imagemagick icnsutils
set -euo pipefail
icons="$(cd "$(dirname "$0")/../resources/icons" && pwd)"
svg="$icons/hydra.svg"

for tool in rsvg-convert png2icns; do
    command -v "$tool" >/dev/null || { echo "$tool is missing: apt-get install librsvg2-bin icnsutils" >&2; exit 1; }
done
# ImageMagick 7 calls itself magick; Debian 12 has convert (IM 6). /usr/bin first: some machines
# put a different `convert` earlier on PATH.
if command -v magick >/dev/null; then im=(magick)
elif [ -x /usr/bin/convert ]; then im=(/usr/bin/convert)
else echo "ImageMagick is missing: apt-get install imagemagick" >&2; exit 1
fi

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

render() { # size → $work/N.png, straight from the vector, so small sizes stay sharp
    rsvg-convert --width "$1" --height "$1" --keep-aspect-ratio "$svg" -o "$work/$1.png"
}
for size in 16 20 22 24 32 40 48 64 128 256 512; do render "$size"; done

mkdir -p "$icons/png"
for size in 16 22 24 32 48 64 128 256 512; do
    cp "$work/$size.png" "$icons/png/hydra-$size.png"
done

ico_sizes=(16 20 24 32 40 48 64 256)
ico_inputs=()
for size in "${ico_sizes[@]}"; do ico_inputs+=("$work/$size.png"); done
"${im[@]}" "${ico_inputs[@]}" "$icons/hydra.ico"

png2icns "$icons/hydra.icns" "$work/16.png" "$work/32.png" "$work/48.png" "$work/128.png" \
    "$work/256.png" "$work/512.png" >/dev/null

echo "Wrote $icons/png/hydra-{16..512}.png, hydra.ico, hydra.icns"
