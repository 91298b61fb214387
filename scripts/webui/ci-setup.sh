#!/usr/bin/env bash
# Installs what the web UI's browser tests (netsift-server WebUiTest) need on Debian:
#   chromium + chromium-driver - headless Chromium driven by Selenium (/usr/bin/chromium, /usr/bin/chromedriver)
# Without them WebUiTest skips with a loud message, unless CI_REQUIRE_BROWSER=1, which makes it fail.
# Retries while another apt/dpkg holds the lock (other ci-setup scripts may run at the same time).
# Safe to run twice.
set -euo pipefail
pkgs=(chromium chromium-driver)
missing=()
for p in "${pkgs[@]}"; do dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p"); done
if [ ${#missing[@]} -eq 0 ]; then echo "webui ci-setup: ${pkgs[*]} already installed"; exit 0; fi
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null 2>&1; then exec sudo -n "$0" "$@"; fi
  echo "webui ci-setup: need root to install: ${missing[*]}" >&2; exit 1
fi
export DEBIAN_FRONTEND=noninteractive
locked() {
  for l in /var/lib/dpkg/lock-frontend /var/lib/dpkg/lock /var/lib/apt/lists/lock; do
    if command -v fuser >/dev/null 2>&1 && fuser "$l" >/dev/null 2>&1; then return 0; fi
  done
  return 1
}
for i in $(seq 1 30); do
  if apt-get install -y -q --no-install-recommends "${missing[@]}" >/dev/null 2>&1; then
    echo "webui ci-setup: installed ${missing[*]}"
    exit 0
  fi
  # a free lock means the failure was something else (stale lists most often): refresh them
  locked || apt-get update -q >/dev/null 2>&1 || true
  echo "webui ci-setup: apt busy or failing for ${missing[*]}, retry $i/30 in 10s" >&2
  sleep 10
done
echo "webui ci-setup: could not install ${missing[*]}" >&2
exit 1
