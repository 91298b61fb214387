#!/usr/bin/env bash
# Runs every test: installs what the tests need on a fresh Debian machine, then `./mvnw -B verify`.
# This is the README's test command and what CI runs.
set -euo pipefail
cd "$(dirname "$0")/.."
apt_install() {
  # Install Debian packages if missing; retry while another apt holds the dpkg lock.
  local missing=()
  for p in "$@"; do dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p"); done
  [ ${#missing[@]} -eq 0 ] && return 0
  if [ "$(id -u)" -ne 0 ]; then echo "test.sh: please install: ${missing[*]}" >&2; return 1; fi
  for i in 1 2 3 4 5 6 7 8 9 10; do
    if DEBIAN_FRONTEND=noninteractive apt-get install -y -q "${missing[@]}" >/dev/null 2>&1; then return 0; fi
    apt-get update -q >/dev/null 2>&1 || true
    sleep 5
  done
  echo "test.sh: could not install ${missing[*]}" >&2; return 1
}
java -version 2>&1 | grep -q 'version "17' || apt_install openjdk-17-jdk-headless
# Each module with integration tests brings its own installer (dnsmasq for the DNS client, ...).
for setup in scripts/*/ci-setup.sh; do
  [ -x "$setup" ] || continue
  "$setup" || echo "test.sh: $setup failed; the tests that need it will say so" >&2
done
./mvnw -B verify "$@"
