#!/usr/bin/env bash
# Runs a command with the project's pinned Node and pnpm on PATH, installing them
# (from the npm registry, into .toolchain/) and the workspace dependencies first
# when they are missing or stale. Usage: scripts/toolchain.sh <command> [args…]
set -euo pipefail

NODE_VERSION=24.21.0
PNPM_VERSION=10.34.9

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
tools="$root/.toolchain"
bin="$tools/node_modules/.bin"

if [ "$("$bin/node" --version 2>/dev/null)" != "v$NODE_VERSION" ] ||
   [ "$("$bin/pnpm" --version 2>/dev/null)" != "$PNPM_VERSION" ]; then
  echo "toolchain: installing node@$NODE_VERSION and pnpm@$PNPM_VERSION into .toolchain/" >&2
  mkdir -p "$tools"
  npm install --prefix "$tools" --no-save --no-audit --no-fund --loglevel=error \
    "node@$NODE_VERSION" "pnpm@$PNPM_VERSION" >&2
fi
export PATH="$bin:$PATH"

# Install workspace dependencies when the lockfile changed since the last install.
stamp="$root/node_modules/.pnpm-lock.stamp"
if [ ! -f "$stamp" ] || ! cmp -s "$root/pnpm-lock.yaml" "$stamp"; then
  (cd "$root" && pnpm install --frozen-lockfile --reporter=append-only >&2)
  cp "$root/pnpm-lock.yaml" "$stamp"
fi

exec "$@"
