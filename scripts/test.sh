#!/usr/bin/env bash
# Runs every check and test of the repository on a fresh machine: formatting, lints, the whole
# test suite (SQLite always; PostgreSQL when DONDOC_TEST_DATABASE_URL is set). README's test
# command and .ci/run both call this script.
set -euo pipefail
cd "$(dirname "$0")/.."

# Rust components the checks need (rustup is the machine's toolchain manager).
if command -v rustup >/dev/null 2>&1; then
  rustup component list --installed 2>/dev/null | grep -q '^rustfmt' || rustup component add rustfmt
  rustup component list --installed 2>/dev/null | grep -q '^clippy' || rustup component add clippy
fi
# The corpus scorer and the reader tests use Python 3 from the system.
command -v python3 >/dev/null 2>&1 || { apt-get update -qq && apt-get install -y -qq python3; }

cargo fmt --all -- --check
cargo clippy --workspace --all-targets --locked -- -D warnings

if command -v cargo-nextest >/dev/null 2>&1 || cargo nextest --version >/dev/null 2>&1; then
  cargo nextest run --workspace --locked --no-fail-fast
  # nextest does not run doc tests.
  cargo test --workspace --locked --doc
else
  cargo test --workspace --locked --no-fail-fast
fi

# The browser walk through the web application (installs Chromium and playwright-core if missing).
scripts/browser-test.sh
