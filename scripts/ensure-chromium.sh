#!/usr/bin/env bash
# Makes sure a Chromium is available for the browser tests (@web/test-runner drives it through
# puppeteer-core, which downloads no browser). Order: $CHROME_PATH if set, else Debian's
# /usr/bin/chromium; when neither exists and we are root on a Debian-like system, installs
# Debian's `chromium` package with apt-get. Prints the path of the browser on stdout.
# Usage: scripts/ensure-chromium.sh   (exit 0 and a path, or exit 1 and a reason on stderr)
set -euo pipefail

say() { echo "ensure-chromium: $*" >&2; }

if [ -n "${CHROME_PATH:-}" ]; then
  if [ -x "$CHROME_PATH" ]; then
    echo "$CHROME_PATH"
    exit 0
  fi
  say "CHROME_PATH=$CHROME_PATH is not an executable file; unset it or point it at a Chromium or Chrome binary."
  exit 1
fi

default=/usr/bin/chromium
if [ -x "$default" ]; then
  echo "$default"
  exit 0
fi

if [ "$(id -u)" -ne 0 ]; then
  say "no Chromium at $default. Install Debian's package (sudo apt-get install -y chromium)"
  say "or set CHROME_PATH to a Chromium or Chrome binary, then run the tests again."
  exit 1
fi
if ! command -v apt-get >/dev/null 2>&1; then
  say "no Chromium at $default and no apt-get to install it; set CHROME_PATH to a Chromium or Chrome binary."
  exit 1
fi

say "no Chromium at $default; installing Debian's chromium package (about a minute)"
export DEBIAN_FRONTEND=noninteractive
# Bounded: a stuck mirror must not hang the test run forever.
if ! timeout 300 apt-get update -qq -o DPkg::Lock::Timeout=120 >&2 ||
   ! timeout 600 apt-get install -y -qq -o DPkg::Lock::Timeout=120 --no-install-recommends chromium >&2; then
  say "apt-get could not install chromium; install it by hand or set CHROME_PATH."
  exit 1
fi
if [ ! -x "$default" ]; then
  say "the chromium package installed no $default; set CHROME_PATH to the browser binary."
  exit 1
fi
say "installed $("$default" --version 2>/dev/null | grep -i chrom | head -n 1 || echo chromium)"
echo "$default"
