#!/usr/bin/env bash
# Generate every icon format the installers need from the ONE source, assets/icon.svg.
#
#   assets/icons/icon.png            512x512 (generic; also the window icon)
#   assets/icons/png/<N>x<N>.png     16 … 512 (Linux: electron-builder's icon-set folder, hicolor theme sizes)
#   assets/icons/icon.ico            Windows, multi-size 16 … 256
#   assets/icons/icon.icns           macOS, 16 … 1024
#
# The generated files are committed, so packaging never needs these tools. Re-run after editing icon.svg.
# Tools (Debian): apt-get install -y librsvg2-bin imagemagick icnsutils
#   rsvg-convert (librsvg2-bin)  SVG -> PNG at each size (renders each size from the vector, crisper than downscaling)
#   convert      (imagemagick)   PNGs -> .ico
#   png2icns     (icnsutils)     PNGs -> .icns
set -euo pipefail

here="$(cd -- "$(dirname -- "${BASH_SOURCE[0]}")" && pwd -P)"
repo="$(dirname -- "$here")"
src="$repo/assets/icon.svg"
out="$repo/assets/icons"

die() { printf '[make-icons] ERROR: %s\n' "$*" >&2; exit 1; }
[[ -f "$src" ]] || die "missing $src"
for tool in rsvg-convert convert png2icns; do
  command -v "$tool" >/dev/null || die "missing tool $tool (apt-get install -y librsvg2-bin imagemagick icnsutils)"
done
# Debian images sometimes carry a stub `convert`; make sure it is ImageMagick.
convert -version 2>/dev/null | grep -q ImageMagick || die '`convert` is not ImageMagick (apt-get install -y imagemagick)'

tmp="$(mktemp -d)"
trap 'rm -rf -- "$tmp"' EXIT

render() { # size -> $tmp/<size>.png
  rsvg-convert --width "$1" --height "$1" --keep-aspect-ratio --format png --output "$tmp/$1.png" "$src"
}
for size in 16 24 32 48 64 128 256 512 1024; do render "$size"; done

rm -rf -- "$out"
mkdir -p -- "$out/png"

# PNGs (metadata stripped so that regenerating gives byte-identical files).
strip_png() { convert "$1" -strip -define png:exclude-chunks=date,time "PNG32:$2"; }
strip_png "$tmp/512.png" "$out/icon.png"
for size in 16 24 32 48 64 128 256 512; do strip_png "$tmp/$size.png" "$out/png/${size}x${size}.png"; done

# Windows .ico: every size Explorer / the taskbar / the installer use; 256 is stored PNG-compressed.
convert "$tmp/16.png" "$tmp/24.png" "$tmp/32.png" "$tmp/48.png" "$tmp/64.png" "$tmp/128.png" "$tmp/256.png" \
  -strip "$out/icon.ico"

# macOS .icns (png2icns picks the icns type from each PNG's size).
png2icns "$out/icon.icns" "$tmp/16.png" "$tmp/32.png" "$tmp/48.png" "$tmp/128.png" "$tmp/256.png" "$tmp/512.png" \
  "$tmp/1024.png" >/dev/null

printf '[make-icons] wrote:\n' >&2
(cd "$repo" && ls -l assets/icons assets/icons/png) >&2
