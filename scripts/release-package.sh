#!/usr/bin/env bash
# Builds the installers of ONE operating system in the release workflow (.github/workflows/release.yml), signed when
# the signing secrets are there and visibly unsigned when they are not (a ::warning:: in the run, a line in the
# release notes). docs/ci.md lists the secrets.
#
#   bash scripts/release-package.sh win|mac|linux
#
#   win    NSIS (per user; /allusers per machine) + MSI, x64. Authenticode: Azure Trusted Signing when
#          AZURE_CLIENT_ID/AZURE_CLIENT_SECRET/AZURE_TENANT_ID + AZURE_SIGN_ENDPOINT/AZURE_SIGN_ACCOUNT/
#          AZURE_SIGN_PROFILE/WIN_PUBLISHER_NAME are set, else a .pfx in WIN_CSC_LINK/WIN_CSC_KEY_PASSWORD
#          (win.signtoolOptions of electron-builder.yml), else unsigned.
#   mac    dmg + zip, x64 and arm64. Developer ID .p12 in CSC_LINK/CSC_KEY_PASSWORD (hardened runtime, entitlements);
#          notarization (@electron/notarize) with APPLE_API_KEY_P8 (the .p8 text)/APPLE_API_KEY_ID/APPLE_API_ISSUER.
#   linux  AppImage, deb, rpm, x64 (not signed: SHA256SUMS and the SBOM are published beside them).
# Writes dist/release-notes-<os>.md (the signing status) and, in GitHub Actions, `signed=yes|no` to $GITHUB_OUTPUT.
set -euo pipefail
platform="${1:?usage: release-package.sh win|mac|linux}"
cd "$(dirname "$0")/.."
mkdir -p dist
notes="dist/release-notes-$platform.md"
: >"$notes"
signed=yes
unsigned() {
  signed=no
  echo "::warning title=Unsigned release::$*"
  echo "- **UNSIGNED:** $*" >>"$notes"
}

# Native modules (keytar has prebuilds; @vscode/policy-watcher is compiled) rebuilt per target arch.
args=(--publish never -c.npmRebuild=true)
case "$platform" in
  win)
    args+=(--win --x64)
    if [[ -n "${AZURE_CLIENT_SECRET:-}" && -n "${AZURE_SIGN_ENDPOINT:-}" && -n "${AZURE_SIGN_ACCOUNT:-}" && -n "${AZURE_SIGN_PROFILE:-}" && -n "${WIN_PUBLISHER_NAME:-}" ]]; then
      args+=(
        -c.win.azureSignOptions.endpoint="$AZURE_SIGN_ENDPOINT"
        -c.win.azureSignOptions.codeSigningAccountName="$AZURE_SIGN_ACCOUNT"
        -c.win.azureSignOptions.certificateProfileName="$AZURE_SIGN_PROFILE"
        -c.win.azureSignOptions.publisherName="$WIN_PUBLISHER_NAME"
      )
      echo "- Windows: signed with Azure Trusted Signing ($WIN_PUBLISHER_NAME)." >>"$notes"
    elif [[ -n "${WIN_CSC_LINK:-}" ]]; then
      [[ -n "${WIN_PUBLISHER_NAME:-}" ]] && args+=(-c.win.signtoolOptions.publisherName="$WIN_PUBLISHER_NAME")
      echo "- Windows: Authenticode-signed (signtool, SHA-256, RFC 3161 timestamp)." >>"$notes"
    else
      unsigned "Windows installers are not Authenticode-signed (no WIN_CSC_LINK, no Azure Trusted Signing secrets): SmartScreen warns, and electron-updater cannot check a publisher."
    fi
    ;;
  mac)
    args+=(--mac --x64 --arm64)
    if [[ -n "${CSC_LINK:-}" ]]; then
      if [[ -n "${APPLE_API_KEY_P8:-}" && -n "${APPLE_API_KEY_ID:-}" && -n "${APPLE_API_ISSUER:-}" ]]; then
        key="${RUNNER_TEMP:-/tmp}/AuthKey_${APPLE_API_KEY_ID}.p8"
        printf '%s\n' "$APPLE_API_KEY_P8" >"$key"
        export APPLE_API_KEY="$key"
        echo "- macOS: signed with a Developer ID (hardened runtime) and notarized." >>"$notes"
      else
        args+=(-c.mac.notarize=false)
        unsigned "macOS app signed but NOT notarized (no APPLE_API_KEY_P8/APPLE_API_KEY_ID/APPLE_API_ISSUER): Gatekeeper blocks it on first open."
      fi
    else
      # Never pick up some other identity of the runner's keychains.
      export CSC_IDENTITY_AUTO_DISCOVERY=false
      args+=(-c.mac.notarize=false)
      unsigned "macOS app is not signed nor notarized (no CSC_LINK): Gatekeeper blocks it, and the updater (Squirrel.Mac) needs a signed app."
    fi
    ;;
  linux)
    args+=(--linux --x64)
    echo "- Linux: AppImage, deb and rpm are not signed; check them against SHA256SUMS." >>"$notes"
    ;;
  *)
    echo "unknown platform: $platform (win, mac or linux)" >&2
    exit 2
    ;;
esac

npx --no-install electron-builder "${args[@]}"
if [[ -n "${GITHUB_OUTPUT:-}" ]]; then echo "signed=$signed" >>"$GITHUB_OUTPUT"; fi
