#!/usr/bin/env bash
# Package the desktop app as an unpacked Linux folder on THIS machine (tests / CI), with the provisioned Electron
# 25.1.1 test runtime (docs/architecture.md §8: the electron binary cannot be downloaded here).
#
#   bash scripts/package-linux-dir.sh            # or: npm run package:dir
#   -> dist/linux-unpacked/ecuapass-desktop      (last stdout line: absolute path of the executable)
#
# Environment:
#   SKIP_BUILD=1        reuse out/ (skip `npm run build`)
#   LINUX_TARGETS=...   electron-builder Linux targets (default: dir). E.g. "dir deb AppImage".
#   ECUAPASS_PACKAGE_RUNTIME=installed
#                       package the runtime the installers ship (the `electron` devDependency that `npm ci`
#                       downloaded, e.g. on the CI runners) instead of the provisioned 25.1.1 test runtime.
# Logs go to stderr; stdout's last line is the executable.
set -euo pipefail

here="$(cd -- "$(dirname -- "${BASH_SOURCE[0]}")" && pwd -P)"
repo="$(dirname -- "$here")"
cd -- "$repo"

readonly ELECTRON_VERSION='25.1.1'
readonly EXECUTABLE='ecuapass-desktop'
log() { printf '[package-linux-dir] %s\n' "$*" >&2; }
start=$SECONDS

runtime_flags=()
if [[ "${ECUAPASS_PACKAGE_RUNTIME:-}" != installed ]]; then
  runtime="$(bash "$here/provision-electron.sh" | tail -1)"
  [[ -x "$runtime/electron" ]] || { log "ERROR: no Electron runtime in '$runtime'"; exit 1; }
  # The real folder: were .cache/electron-<v> a symlink (a worktree sharing another's runtime), `cp -al` would copy
  # the link and the rm below would delete the loader and marker of the SHARED runtime.
  runtime="$(cd -- "$runtime" && pwd -P)"

  # electron-builder copies an unpacked electronDist folder verbatim. The provisioned runtime carries a test loader in
  # resources/app and a .provisioned marker: stage a clean copy (hard links, so it costs nothing) without them.
  dist_runtime="$repo/.cache/electron-$ELECTRON_VERSION-dist"
  rm -rf -- "$dist_runtime"
  cp -al -- "$runtime" "$dist_runtime" 2>/dev/null || cp -a -- "$runtime" "$dist_runtime"
  rm -rf -- "$dist_runtime/resources/app" "$dist_runtime/.provisioned"
  runtime_flags=(-c.electronDist="$dist_runtime" -c.electronVersion="$ELECTRON_VERSION")
fi

if [[ "${SKIP_BUILD:-}" != 1 ]]; then
  log 'npm run build'
  npm run build >&2
fi
for f in out/main/index.js out/main/keychain-host.js out/preload/index.js out/renderer/index.html; do
  [[ -f "$f" ]] || { log "ERROR: $f missing (run npm run build)"; exit 1; }
done

read -r -a targets <<<"${LINUX_TARGETS:-dir}"
log "electron-builder --linux ${targets[*]} (${runtime_flags[*]:-the installed electron package})"
rm -rf -- dist/linux-unpacked
npx --no-install electron-builder --linux "${targets[@]}" --x64 "${runtime_flags[@]}" --publish never >&2

exe="$repo/dist/linux-unpacked/$EXECUTABLE"
[[ -x "$exe" ]] || { log "ERROR: $exe was not produced"; exit 1; }
log "done in $((SECONDS - start)) s: dist/linux-unpacked $(du -sh dist/linux-unpacked | cut -f1), app.asar $(du -h dist/linux-unpacked/resources/app.asar | cut -f1)"
printf '%s\n' "$exe"
