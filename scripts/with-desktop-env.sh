#!/usr/bin/env bash
# A real keychain (see with-keyring.sh) and a virtual X display (Xvfb) for tests that open windows.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
# Windows and macOS runners have a desktop session of their own: no virtual display there.
case "$(uname -s)" in Linux) ;; *) exec "$here/with-keyring.sh" "$@" ;; esac
exec "$here/with-keyring.sh" xvfb-run -a -s '-screen 0 1280x1024x24' "$@"
