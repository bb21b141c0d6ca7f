#!/usr/bin/env bash
# Install everything the app, its build and its tests need. Every step checks
# first and is skipped when already done, so a second run takes seconds.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/env.sh   # PATH: ~/.cargo/bin and the npm tools
say() { printf '[setup] %s\n' "$*" >&2; }
SUDO=""; [ "$(id -u)" = 0 ] || SUDO="sudo"

# --- Debian packages: PostgreSQL, Chromium + driver, CJK fonts, brotli, node
need_pkgs=()
command -v initdb >/dev/null 2>&1 || ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || need_pkgs+=(postgresql)
[ -x /usr/bin/chromium ] || need_pkgs+=(chromium)
[ -x /usr/bin/chromedriver ] || need_pkgs+=(chromium-driver)
[ -d /usr/share/fonts/opentype/noto ] && ls /usr/share/fonts/opentype/noto/NotoSansCJK* >/dev/null 2>&1 || need_pkgs+=(fonts-noto-cjk)
command -v brotli >/dev/null 2>&1 || need_pkgs+=(brotli)
command -v npm >/dev/null 2>&1 || need_pkgs+=(nodejs npm)
command -v pkg-config >/dev/null 2>&1 || need_pkgs+=(pkg-config)
if [ ${#need_pkgs[@]} -gt 0 ]; then
  say "installing Debian packages: ${need_pkgs[*]}"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${need_pkgs[@]}" >/dev/null
fi

# --- Rust: pinned nightly with a wasm32 std (built offline when rustup can't)
scripts/toolchain-wasm32.sh

# --- cargo-leptos 0.3.11 (needs rustc >= 1.96, hence the pinned nightly)
if ! cargo leptos --version 2>/dev/null | grep -q '0.3.11'; then
  say "installing cargo-leptos 0.3.11 (about 12 minutes on 2 cores)"
  cargo install cargo-leptos --version 0.3.11 -j2
fi

# --- wasm-bindgen-cli at exactly the version in Cargo.lock
wb=$(awk '/^name = "wasm-bindgen"$/{getline; gsub(/version = |"/,""); print; exit}' Cargo.lock)
if ! wasm-bindgen --version 2>/dev/null | grep -q " $wb\$"; then
  say "installing wasm-bindgen-cli $wb"
  cargo install wasm-bindgen-cli --version "$wb" -j2
fi

# --- npm: Playwright (driving Debian's Chromium) and binaryen's wasm-opt
if [ ! -x end2end/node_modules/.bin/wasm-opt ] || [ ! -d end2end/node_modules/playwright-core ] \
   || [ end2end/package-lock.json -nt end2end/node_modules/.stamp ]; then
  say "installing end-to-end npm packages"
  (cd end2end && npm ci --no-audit --no-fund --loglevel=error && touch node_modules/.stamp)
fi
say "ready"
