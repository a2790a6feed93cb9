#!/usr/bin/env bash
# Installs what `npm test` and `npm start` need beyond Node: npm packages (npm ci when
# node_modules is missing or older than the lock file), Java 17 for the Apex gates, and
# Debian's Chromium for the browser tests. apt-get is used only when a tool is missing.
set -euo pipefail
cd "$(dirname "$0")/../.."

need_chromium=0
for arg in "$@"; do
    [ "$arg" = "--with-chromium" ] && need_chromium=1
done

apt_install() {
    if [ "$(id -u)" != "0" ]; then
        echo "ensureTools: missing $*; install it (apt-get install -y $*) and run again." >&2
        exit 1
    fi
    echo "ensureTools: installing $* with apt-get"
    if [ -z "${KEYSTONE_APT_UPDATED:-}" ]; then
        DEBIAN_FRONTEND=noninteractive apt-get update -qq
        export KEYSTONE_APT_UPDATED=1
    fi
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$@" >/dev/null
}

if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
    echo "ensureTools: npm ci"
    npm ci --no-audit --no-fund
fi

if ! java -version >/dev/null 2>&1; then
    apt_install openjdk-17-jre-headless
fi
echo "ensureTools: $(java -version 2>&1 | head -n 1)"

if [ "$need_chromium" = "1" ]; then
    if [ ! -x /usr/bin/chromium ]; then
        apt_install chromium
    fi
    echo "ensureTools: $(/usr/bin/chromium --version 2>/dev/null | head -n 1)"
fi
