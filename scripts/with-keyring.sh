#!/usr/bin/env bash
# Runs a command inside a private D-Bus session with a real, unlocked gnome-keyring (Secret
# Service), so keychain code is tested against the real thing. Its keyrings live in a temporary
# folder: nothing of the developer's own keyring is touched.
set -euo pipefail
if [ -n "${ECUAPASS_IN_KEYRING:-}" ]; then exec "$@"; fi
# Windows (Credential Manager) and macOS (the login keychain; the CI workflow creates an unlocked one) have their
# keychain in the user's session already: nothing to start.
case "$(uname -s)" in Linux) ;; *) exec "$@" ;; esac
keyring_home=$(mktemp -d)
trap 'rm -rf "$keyring_home"' EXIT
export XDG_DATA_HOME="$keyring_home/data" XDG_RUNTIME_DIR="$keyring_home/run" ECUAPASS_IN_KEYRING=1
mkdir -p "$XDG_DATA_HOME" "$XDG_RUNTIME_DIR" && chmod 700 "$XDG_RUNTIME_DIR"
dbus-run-session -- bash -c '
  eval "$(printf %s "${KEYRING_PASSWORD:-ci-keyring}" | gnome-keyring-daemon --unlock --components=secrets)"
  export GNOME_KEYRING_CONTROL SSH_AUTH_SOCK
  exec "$@"
' _ "$@"
