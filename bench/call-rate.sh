#!/usr/bin/env bash
# Benchmark: the highest call rate at which SIPp completes basic bridged calls (caller → Sentral → member,
# RTP both ways, TALK_MS of talk) with zero failed calls, on this machine with SIPp on the same box.
#
#   bench/call-rate.sh [RATES...]          default rates: 25 50 75 100 125 150 200 250 300
#   env: TALK_MS (5000), STEP_SECONDS (20: each rate runs RATE*STEP_SECONDS calls),
#        GREETING=1: the number answers with the 5.2 s welcome greeting, the caller then waits with hold music
#        until the member answers (the "greeting → queue → member" flow); TALK_MS then defaults to 10000
#        (counted from Sentral's 200, so it includes the greeting)
#        REALTIME=10: media.realtimePriority 10 (media threads under SCHED_FIFO; needs root or CAP_SYS_NICE)
#
# Starts its own Sentral (bench config below, SIP 127.0.0.1:25060) and stops it at the end; stops
# climbing after the first rate with failures. Appends the run to bench/results/call-rate.txt.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
rates=("${@:-25 50 75 100 125 150 200 250 300}"); rates=(${rates[*]})
greeting=${GREETING:-0}
if [ "$greeting" = 1 ]; then talk=${TALK_MS:-10000}; number_extra=", greeting: welcome"; flow="greeting → hold music → member"
else talk=${TALK_MS:-5000}; number_extra=""; flow="caller → Sentral → member"; fi
step=${STEP_SECONDS:-20}
work="$(mktemp -d)"; results="$work/results.txt"; log="$here/bench/results/call-rate.txt"
jar="$here/server/target/sentral.jar"
[ -f "$jar" ] || (cd "$here" && mvn -B -q -ntp -DskipTests package)

cat > "$work/bench.yaml" <<YAML
sip: {bindAddress: 127.0.0.1, port: 25060}
media: {address: 127.0.0.1, rtpPortMin: 20000, rtpPortMax: 59999, realtimePriority: ${REALTIME:-0}}
shutdown: {drainSeconds: 2}
http: {bindAddress: 127.0.0.1, port: 25080}
store: {url: "jdbc:h2:file:$work/store"}  # its own database: one call event per call is written, as in production
numbers: [{number: "100", huntPlan: bench$number_extra}]
huntPlans:
  - id: bench
    ringTimeoutSeconds: 20
    members: [{name: sipp, uri: "sip:bench@127.0.0.1:25071", maxCalls: 100000}]  # one SIPp UAS stands in for every phone
YAML
java -Xms512m -Xmx2g -jar "$jar" run --config "$work/bench.yaml" > "$work/sentral.log" 2>&1 &
pid=$!
trap 'kill $pid 2>/dev/null || true; wait $pid 2>/dev/null || true' EXIT
for _ in $(seq 1 60); do grep -q "Sentral ready" "$work/sentral.log" && break; sleep 0.5; done
grep -q "Sentral ready" "$work/sentral.log" || { cat "$work/sentral.log"; exit 1; }
# Warm-up (JIT): 200 calls at a gentle rate, not reported.
"$here/sipp-scenarios/load-test.sh" -n 200 -r 20 -d 1000 -s 100 -p 25060 -m 25071 -o "$work/warmup" >/dev/null || true

ticks=$(getconf CLK_TCK)
cpu_of() { awk '{print $14 + $15}' "/proc/$1/stat"; }
machine_busy() { awk '/^cpu /{print $2+$3+$4+$7+$8, $2+$3+$4+$5+$6+$7+$8}' /proc/stat; }
{
  echo "# Sentral call-rate benchmark — $(date -u +%Y-%m-%dT%H:%MZ)"
  echo "# machine: $(nproc) cores, $(awk '/MemTotal/{printf "%.0f GiB", $2/1048576}' /proc/meminfo), $(. /etc/os-release; echo "$PRETTY_NAME"), $(java -version 2>&1 | head -1)"
  echo "# calls: $flow (SIPp both, same box), ${talk} ms from answer to BYE, G.711 RTP both ways; $step s per rate; media.realtimePriority ${REALTIME:-0}"
  printf "%-6s %-7s %-9s %-7s %-8s %-9s %-11s %-12s\n" rate calls completed failed retrans peak_conc sentral_cpu machine_cpu
} > "$results"
best=0
for rate in "${rates[@]}"; do
  calls=$(( rate * step ))
  c0=$(cpu_of $pid); read -r busy0 total0 < <(machine_busy); t0=$(date +%s.%N)
  set +e
  "$here/sipp-scenarios/load-test.sh" -n "$calls" -r "$rate" -d "$talk" -s 100 -p 25060 -m 25071 -o "$work/r$rate" > "$work/r$rate.txt" 2>&1
  set -e
  c1=$(cpu_of $pid); read -r busy1 total1 < <(machine_busy); t1=$(date +%s.%N)
  line=$(python3 - "$work/r$rate/caller.csv" "$c0" "$c1" "$t0" "$t1" "$ticks" "$busy0" "$total0" "$busy1" "$total1" "$rate" "$calls" <<'PY'
import csv, sys
f, c0, c1, t0, t1, ticks, b0, tt0, b1, tt1, rate, calls = sys.argv[1:]
rows = list(csv.reader(open(f), delimiter=';'))
h = rows[0]; data = [dict(zip(h, r)) for r in rows[1:]]
last = data[-1]
peak = max(int(d["CurrentCall"]) for d in data)
cpu = (float(c1) - float(c0)) / float(ticks) / (float(t1) - float(t0)) * 100
mach = (float(b1) - float(b0)) / (float(tt1) - float(tt0)) * 100
print(f'{rate:<6} {calls:<7} {last["SuccessfulCall(C)"]:<9} {int(calls) - int(last["SuccessfulCall(C)"]):<7} {last["Retransmissions(C)"]:<8} {peak:<9} {cpu:>5.0f}%{"":<5} {mach:>5.0f}%')
PY
)
  echo "$line" | tee -a "$results"
  failed=$(echo "$line" | awk '{print $4}'); completed=$(echo "$line" | awk '{print $3}')
  if [ "$failed" != "0" ] || [ "$completed" != "$calls" ]; then break; fi
  best=$rate
done
echo "# highest rate with zero failures: $best calls/s (sentral_cpu: 100% = one core; machine_cpu: both cores, SIPp included)" | tee -a "$results"
{ cat "$results"; echo; } >> "$log"
