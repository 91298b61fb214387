#!/usr/bin/env bash
# Records what tshark 4.0 shows for the application protocols whose tests read
# netsift-core/src/test/resources/apps/expected/FILE.tsv.gz (SyslogDissectorTest, ...): every
# field of the protocol with a value in FILE, per packet (scripts/golden/record-fields.sh).
#
# Usage: scripts/apps/make-expectations.sh
# Env:   NETSIFT_CORPUS  corpus directory (default: ../shared/corpus beside the checkout)
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/../.." && pwd)
corpus=$(cd "${NETSIFT_CORPUS:-$root/../shared/corpus}" && pwd)
out="$root/netsift-core/src/test/resources/apps/expected"
record() { "$root/scripts/golden/record-fields.sh" "$out" "$1" "$corpus/$2"; }
record syslog ndpi__syslog.pcap
record mqtt zeek__mqtt.pcap
record resp zeek__redis__pubsub.pcap
record "mbtcp modbus" zeek__modbus__modbusSmall.pcap
record pgsql zeek__postgresql__greenhouse-app.pcap
