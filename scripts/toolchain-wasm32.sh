#!/usr/bin/env bash
# Make the pinned nightly usable for wasm32-unknown-unknown without internet.
#
# With internet, rustup reads rust-toolchain.toml and installs the target.
# Here rustup cannot download, so: alias the installed nightly under its dated
# name, fetch Debian sid's rust-src (std sources matching rustc 1.97) into a
# private cache (nothing is installed into the system), build std for wasm32
# once with -Zbuild-std and drop the rlibs into the sysroot.
# Does nothing when the target already compiles.
set -euo pipefail

NIGHTLY_DATE=2026-05-19
RUST_SRC_VERSION=1.97.1+dfsg1-1
HOST=x86_64-unknown-linux-gnu
TOOLCHAINS="${RUSTUP_HOME:-$HOME/.rustup}/toolchains"
CACHE="${XDG_CACHE_HOME:-$HOME/.cache}/civic-bank-toolchain"

say() { printf '[toolchain] %s\n' "$*" >&2; }

pinned="$TOOLCHAINS/nightly-$NIGHTLY_DATE-$HOST"
if [ ! -e "$pinned" ]; then
  if [ -d "$TOOLCHAINS/nightly-$HOST" ] && \
     "$TOOLCHAINS/nightly-$HOST/bin/rustc" --version | grep -q "$NIGHTLY_DATE"; then
    ln -s "nightly-$HOST" "$pinned"
    say "aliased installed nightly as nightly-$NIGHTLY_DATE"
  else
    say "trying rustup for nightly-$NIGHTLY_DATE"
    rustup toolchain install "nightly-$NIGHTLY_DATE" --profile minimal \
      --target wasm32-unknown-unknown || { say "no nightly-$NIGHTLY_DATE available"; exit 1; }
  fi
fi
rustc_bin="$pinned/bin/rustc"

wasm_std_works() {
  local dir; dir=$(mktemp -d)
  printf '#![no_std]\n' > "$dir/p.rs"
  local rc=0
  "$rustc_bin" --crate-type rlib --target wasm32-unknown-unknown -o "$dir/p.rlib" "$dir/p.rs" \
    >/dev/null 2>&1 || rc=$?
  rm -rf "$dir"; return $rc
}
if wasm_std_works; then say "wasm32-unknown-unknown ready"; exit 0; fi

# rustup first: on a machine with internet this is all that is needed.
if rustup target add --toolchain "nightly-$NIGHTLY_DATE" wasm32-unknown-unknown >/dev/null 2>&1 \
   && wasm_std_works; then
  say "wasm32-unknown-unknown installed by rustup"; exit 0
fi

say "rustup cannot provide wasm32 std; building it from Debian's rust-src"
mkdir -p "$CACHE"
src="$CACHE/rust-src"
if [ ! -f "$src/usr/src/rustc-1.97.1/library/Cargo.lock" ]; then
  lists="$CACHE/apt-lists"; mkdir -p "$lists/partial"
  echo "deb http://deb.debian.org/debian sid main" > "$CACHE/sources.list"
  apt_opts=(-o "Dir::Etc::SourceList=$CACHE/sources.list" -o "Dir::Etc::SourceParts=/dev/null"
            -o "Dir::State::Lists=$lists" -o "Dir::Cache=$CACHE/apt-cache")
  mkdir -p "$CACHE/apt-cache/archives/partial"
  apt-get "${apt_opts[@]}" update -qq
  rm -f "$CACHE"/rust-src_*.deb
  (cd "$CACHE" && apt-get "${apt_opts[@]}" download "rust-src=$RUST_SRC_VERSION")
  rm -rf "$src"; dpkg-deb -x "$CACHE"/rust-src_*.deb "$src"
fi

sysroot=$("$rustc_bin" --print sysroot)
mkdir -p "$sysroot/lib/rustlib/src"
ln -sfn "$src/usr/src/rustc-1.97.1" "$sysroot/lib/rustlib/src/rust"

work=$(mktemp -d); mkdir -p "$work/src"
cat > "$work/Cargo.toml" <<'TOML'
[package]
name = "wasm-std-seed"
version = "0.0.0"
edition = "2024"
[lib]
crate-type = ["cdylib"]
[profile.release]
panic = "abort"
TOML
echo 'pub fn seed() -> usize { std::vec![0u8; 3].len() }' > "$work/src/lib.rs"
(cd "$work" && RUSTC="$rustc_bin" "$pinned/bin/cargo" build --quiet --release \
  --target wasm32-unknown-unknown -Zbuild-std=std,panic_abort)
libdir="$sysroot/lib/rustlib/wasm32-unknown-unknown/lib"
mkdir -p "$libdir"
cp "$work"/target/wasm32-unknown-unknown/release/deps/*.rlib "$libdir/"
rm -rf "$work"
wasm_std_works || { say "wasm32 std still unusable after building it"; exit 1; }
say "wasm32-unknown-unknown std installed into $libdir"
