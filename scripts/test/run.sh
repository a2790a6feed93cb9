#!/usr/bin/env bash
# `npm test`: installs what the checks need on a fresh machine, then runs every offline check.
set -euo pipefail
cd "$(dirname "$0")/../.."
if [ -d e2e ]; then
    bash scripts/setup/ensureTools.sh --with-chromium
else
    bash scripts/setup/ensureTools.sh
fi
exec node --import tsx scripts/test/runAll.ts "$@"
