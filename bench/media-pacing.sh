#!/usr/bin/env bash
# Benchmark: N concurrent players streaming G.711 to loopback receivers, with the inter-packet interval at
# the receiver compared to 20 ms (p50, p99, max deviation), packets/s, process CPU, loss and heap per stream.
#
#   bench/media-pacing.sh [N ...]        default: 500 1000 2000 4000;  env SECONDS_PER_N (default 10)
#   REALTIME=10 bench/media-pacing.sh    media threads (and the receiver) under SCHED_FIFO 10, as with
#                                        media.realtimePriority: 10 (needs root or CAP_SYS_NICE)
#   WIRE=1 bench/media-pacing.sh         also capture 5 s on lo with dumpcap and measure the intervals the
#                                        kernel saw (wire_* columns; needs dumpcap and tshark, and root)
#
# Appends to bench/results/media-pacing.txt. Uses loopback ports from 40000 up.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$here"
mvn -B -q -ntp -pl media -am install -DskipTests
mvn -B -q -ntp -pl media org.codehaus.mojo:exec-maven-plugin:3.5.0:java \
  -Dexec.classpathScope=test -Dexec.mainClass=dev.sentral.media.bench.PacingBenchmark \
  -Dexec.args="${*:-500 1000 2000 4000}" -Dseconds="${SECONDS_PER_N:-10}" -Dloops="${LOOPS:-$(nproc)}" -Drealtime="${REALTIME:-0}" -Dwire="$([ "${WIRE:-0}" = 1 ] && echo true || echo false)" \
  -Dresults="$here/bench/results/media-pacing.txt"
