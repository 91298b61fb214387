#!/usr/bin/env bash
# Installs what netsift-live and the capture CLI tests need on Debian:
#   libpcap0.8 - the libpcap netsift binds with JNA (required for live capture; reading files never needs it)
#   tshark     - the oracle that reads back the pcapng the tests write (optional: those checks skip without it)
# Set NETSIFT_LIVE_NO_TSHARK=1 to install libpcap only. The live tests also need root or
# CAP_NET_RAW/CAP_NET_ADMIN to capture on lo; without them they skip with a message.
# Retries while another apt/dpkg holds the lock. Safe to run twice.
set -euo pipefail
need=(libpcap0.8)
[ -n "${NETSIFT_LIVE_NO_TSHARK:-}" ] || need+=(tshark)
missing=()
for p in "${need[@]}"; do dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p"); done
if [ ${#missing[@]} -eq 0 ]; then echo "live ci-setup: ${need[*]} already installed"; exit 0; fi
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null 2>&1; then exec sudo -n "$0" "$@"; fi
  echo "live ci-setup: need root to install: ${missing[*]}" >&2; exit 1
fi
export DEBIAN_FRONTEND=noninteractive
# tshark's package asks whether non-root users may capture; answer no without a prompt.
echo "wireshark-common wireshark-common/install-setuid boolean false" | debconf-set-selections 2>/dev/null || true

# install TRIES PACKAGE: apt-get install, retrying while the dpkg lock is busy or the lists are stale.
install() {
  local tries=$1 pkg=$2
  dpkg -s "$pkg" >/dev/null 2>&1 && return 0
  for i in $(seq 1 "$tries"); do
    if apt-get install -y -q --no-install-recommends "$pkg" >/dev/null 2>&1; then
      echo "live ci-setup: installed $pkg"; return 0
    fi
    if ! fuser /var/lib/dpkg/lock-frontend /var/lib/dpkg/lock >/dev/null 2>&1; then
      apt-get update -q >/dev/null 2>&1 || true
    fi
    echo "live ci-setup: apt busy or failing for $pkg, retry $i/$tries in 10s" >&2
    sleep 10
  done
  return 1
}
install 30 libpcap0.8 || { echo "live ci-setup: could not install libpcap0.8" >&2; exit 1; }
if [ -z "${NETSIFT_LIVE_NO_TSHARK:-}" ]; then
  install 6 tshark || echo "live ci-setup: could not install tshark; the tshark read-back checks will skip" >&2
fi
