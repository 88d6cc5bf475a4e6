#!/usr/bin/env bash
# `npm run setup`: everything a fresh Debian/Ubuntu machine needs to build and test Gloss.
#   1. Debian packages the tests use: chromium (Playwright drives it; we never download a browser)
#      and libxml2-utils (xmllint validates exports against their XML schemas)
#   2. npm ci, without Electron's binary download (our machines cannot reach it); npm runs only
#      the install scripts package.json allows (better-sqlite3 builds its native module)
#   3. npm run build
# Safe to run again: each step is skipped when it is already done. Works as root, with sudo, or
# without either (then it says what to install and goes on with the rest).
set -euo pipefail
cd "$(dirname "$0")/.."

say() { printf '\n==> %s\n' "$*"; }
warn() { printf 'setup: warning: %s\n' "$*" >&2; }

node -e 'process.exit(Number(process.versions.node.split(".")[0]) >= 20 ? 0 : 1)' 2>/dev/null ||
  { echo "setup: Gloss needs Node.js 20 or newer (found: $(node -v 2>/dev/null || echo none))." >&2; exit 1; }

# --- 1. Debian packages -------------------------------------------------------------------------
missing=()
[ -x "${CHROMIUM_PATH:-/usr/bin/chromium}" ] || missing+=(chromium)
command -v xmllint >/dev/null 2>&1 || missing+=(libxml2-utils)
# better-sqlite3 compiles from source when no prebuilt binary can be fetched.
for tool in make g++ python3; do
  command -v "$tool" >/dev/null 2>&1 || { missing+=(build-essential python3); break; }
done

apt_note=''
if [ ${#missing[@]} -gt 0 ]; then
  say "Debian packages needed: ${missing[*]}"
  as_root=()
  if [ "$(id -u)" -ne 0 ]; then
    if command -v sudo >/dev/null 2>&1; then
      as_root=(sudo)
    else
      as_root=(unavailable)
    fi
  fi
  if ! command -v apt-get >/dev/null 2>&1; then
    apt_note="apt-get is not available; install ${missing[*]} with your package manager."
  elif [ "${as_root[0]:-}" = unavailable ]; then
    apt_note="not root and no sudo; as root run: apt-get update && apt-get install -y ${missing[*]}"
  elif ! { ${as_root[@]+"${as_root[@]}"} apt-get update &&
    ${as_root[@]+"${as_root[@]}"} env DEBIAN_FRONTEND=noninteractive \
      apt-get install -y --no-install-recommends "${missing[@]}"; }; then
    apt_note="apt-get could not install ${missing[*]}; install them and run npm run setup again."
  fi
  [ -z "$apt_note" ] || warn "$apt_note"
else
  say 'Debian packages: chromium and xmllint are installed'
fi

# --- 2. npm packages ----------------------------------------------------------------------------
# node-gyp would download Node's headers; Debian's nodejs ships them in /usr/include/node.
if [ -z "${npm_config_nodedir:-}" ] && [ -f /usr/include/node/node.h ] &&
  [ "$(npm config get nodedir 2>/dev/null || true)" = "undefined" ]; then
  export npm_config_nodedir=/usr
fi
export ELECTRON_SKIP_BINARY_DOWNLOAD=1

# A stamp of what was installed: npm ci (which empties node_modules first) runs again only when
# the manifest or the lock file changed, or when the native module does not load.
stamp=node_modules/.gloss-setup-stamp
wanted="$(cat package.json package-lock.json | sha256sum | cut -d' ' -f1) node-$(node -v)"
if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$wanted" ] &&
  node -e "new (require('better-sqlite3'))(':memory:').close()" >/dev/null 2>&1; then
  say 'npm packages: up to date'
else
  say 'Installing npm packages (npm ci)'
  npm ci --no-audit --no-fund
  node -e "new (require('better-sqlite3'))(':memory:').close()" ||
    { echo 'setup: better-sqlite3 did not build; see the npm output above.' >&2; exit 1; }
  printf '%s' "$wanted" >"$stamp"
fi

# --- 3. build -----------------------------------------------------------------------------------
say 'Building (npm run build)'
npm run --silent build -- --quiet
echo 'out/ is built.'

if [ -n "$apt_note" ]; then
  warn "$apt_note"
  warn 'npm test needs Chromium for its end-to-end tests.'
fi
say 'Gloss is set up. Run the tests with: npm test'
