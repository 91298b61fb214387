#!/usr/bin/env bash
# Kept for old habits and links: the whole-process comparison now lives in the bench harness,
# netsift-bench/bench.sh (same arguments: [BIG.pcap] [RUNS], plus a benchmark subset; see
# netsift-bench/README.md). It writes only its own section of BENCHMARKS.md.
exec "$(cd "$(dirname "$0")/../.." && pwd)/netsift-bench/bench.sh" "$@"
