#!/usr/bin/env bash
# Benchmark: the hunt engine alone (no SIP, no sockets), virtual time, one thread: CALLS calls queued or
# ringing across PLANS plans while INPUTS inputs (answers, rejections, hang-ups, arrivals, time) are fed.
# Reports inputs/s, decisions/s and bytes allocated per decision. Appends to bench/results/routing.txt.
#
#   bench/routing.sh [CALLS PLANS INPUTS]      default: 10000 1000 1000000 (bounded: at most 60 s)
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$here"
mvn -B -q -ntp -pl routing -am install -DskipTests
mvn -B -q -ntp -pl routing org.codehaus.mojo:exec-maven-plugin:3.5.0:java \
  -Dexec.classpathScope=test -Dexec.mainClass=dev.sentral.routing.bench.RoutingBenchmark \
  -Dexec.args="${*:-10000 1000 1000000}" -Dresults="$here/bench/results/routing.txt"
