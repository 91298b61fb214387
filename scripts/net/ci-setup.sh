#!/usr/bin/env bash
# Installs what the netsift-net and netsift net-CLI integration tests need on Debian:
#   dnsmasq-base  - the real DNS server the DNS client tests start on 127.0.0.x
#   openssl       - certificate tooling (the tests themselves use the JDK's keytool)
#   bind9-dnsutils- dig, the oracle DnsClientDnsmasqTest compares answers with (optional)
# Without them those tests skip with a message instead of failing. Retries while another
# apt/dpkg holds the lock. Safe to run twice.
set -euo pipefail
pkgs=(dnsmasq-base openssl bind9-dnsutils)
missing=()
for p in "${pkgs[@]}"; do dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p"); done
if [ ${#missing[@]} -eq 0 ]; then echo "ci-setup: ${pkgs[*]} already installed"; exit 0; fi
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null 2>&1; then exec sudo -n "$0" "$@"; fi
  echo "ci-setup: need root to install: ${missing[*]}" >&2; exit 1
fi
export DEBIAN_FRONTEND=noninteractive
for i in $(seq 1 30); do
  if apt-get install -y -q --no-install-recommends "${missing[@]}" >/dev/null 2>&1; then
    echo "ci-setup: installed ${missing[*]}"; exit 0
  fi
  # Lock busy (unattended-upgrades, another job) or stale package lists: refresh and wait.
  if ! fuser /var/lib/dpkg/lock-frontend /var/lib/dpkg/lock >/dev/null 2>&1; then
    apt-get update -q >/dev/null 2>&1 || true
  fi
  echo "ci-setup: apt busy or failing, retry $i/30 in 10s" >&2
  sleep 10
done
echo "ci-setup: could not install ${missing[*]}" >&2
exit 1
