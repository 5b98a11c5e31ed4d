#!/usr/bin/env bash
# A real keychain (see with-keyring.sh) and a virtual X display (Xvfb) for tests that open windows.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
exec "$here/with-keyring.sh" xvfb-run -a -s '-screen 0 1280x1024x24' "$@"
