# Sourced: environment for running the release binary directly.
export LEPTOS_OUTPUT_NAME=civic-bank
export LEPTOS_SITE_ROOT="$ROOT/target/site"
export LEPTOS_SITE_PKG_DIR=pkg
export LEPTOS_HASH_FILES=true
export LEPTOS_ENV=PROD
export CIVIC_MEDIA_DIR="${CIVIC_MEDIA_DIR:-$ROOT/.data/media}"
