#!/usr/bin/env bash
# Bounded load test against a running Sentral: one SIPp member (answers everything, echoes RTP) and one
# SIPp caller generating calls, both on loopback. Prints SIPp's end-of-run summary of each side.
#
#   sipp-scenarios/load-test.sh [-n CALLS] [-r RATE] [-d TALK_MS] [-s NUMBER] [-p SENTRAL_PORT] [-m MEMBER_PORT] [-o DIR]
#
# Defaults match config/example.yaml: the main number +4570102000 at 127.0.0.1:5060, member Alice at :5071.
# -o keeps SIPp's statistics (caller.csv, member.csv, …) in DIR. Both processes stop by themselves: after CALLS calls, or at the latest after a global timeout (then with an error).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
calls=100 rate=10 talk=5000 number=+4570102000 port=5060 member_port=5071 out=""
while getopts "n:r:d:s:p:m:o:h" opt; do
  case $opt in
    n) calls=$OPTARG ;; r) rate=$OPTARG ;; d) talk=$OPTARG ;; s) number=$OPTARG ;;
    p) port=$OPTARG ;; m) member_port=$OPTARG ;; o) out=$OPTARG ;;
    *) sed -n '2,9p' "$0"; exit 2 ;;
  esac
done
case "$calls" in ''|*[!0-9]*) echo "-n must be a number" >&2; exit 2 ;; esac
[ "$calls" -le 1000000 ] || { echo "-n is capped at 1000000 calls" >&2; exit 2; }
[ -n "$out" ] || out="$(mktemp -d)"
mkdir -p "$out"
limit=$(( calls / rate + talk / 1000 + 60 ))   # seconds: generation time + talk time + slack
echo "load test: $calls calls at $rate/s, ${talk} ms talk, to $number at 127.0.0.1:$port (max ${limit}s); files in $out"

# The member may see more than CALLS calls: a BYE retransmitted to an earlier run's member counts as a (failed)
# call in SIPp. So it takes up to twice as many, and is told to stop (SIGUSR1) once the caller is done.
timeout --kill-after=10 $(( limit + 30 )) sipp -sf "$here/member.xml" -i 127.0.0.1 -p "$member_port" -mp 17000 -rtp_echo -set answer_delay 0 -m $(( calls * 2 )) \
     -nostdin -timeout "${limit}s" -timeout_error -trace_stat -stf "$out/member.csv" -fd 1 \
     -trace_err -error_file "$out/member-errors.log" -trace_screen -screen_file "$out/member-screen.log" \
     >/dev/null 2>&1 &
member=$!
sleep 0.5
set +e
timeout --kill-after=10 $(( limit + 30 )) sipp -sf "$here/caller.xml" -s "$number" -i 127.0.0.1 -mp 16000 -m "$calls" -r "$rate" -l $(( rate * (talk / 1000 + 5) )) \
     -d "$talk" -nostdin -timeout "${limit}s" -timeout_error -trace_stat -stf "$out/caller.csv" -fd 1 \
     -trace_err -error_file "$out/caller-errors.log" -trace_screen -screen_file "$out/caller-screen.log" \
     "127.0.0.1:$port" >/dev/null 2>&1
caller_rc=$?
pkill -USR1 -P $member 2>/dev/null || true   # the member sipp is the child of timeout
wait $member
member_rc=$?
set -e
summary() { # file: prints the cumulative counters of SIPp's last statistics row
  python3 - "$1" <<'PY'
import csv, sys
rows = list(csv.reader(open(sys.argv[1]), delimiter=';'))
d = dict(zip(rows[0], rows[-1]))
keys = ["TotalCallCreated", "SuccessfulCall(C)", "FailedCall(C)", "FailedUnexpectedMessage(C)",
        "FailedMaxUDPRetrans(C)", "Retransmissions(C)", "OutOfCallMsgs(C)"]
print("  " + ", ".join(f"{k}={d.get(k, '?')}" for k in keys))
PY
}
echo "caller (exit $caller_rc):"; summary "$out/caller.csv"
echo "member (exit $member_rc):"; summary "$out/member.csv"
# The caller's statistics decide: every call it made completed end to end (the member's may include strays).
[ "$caller_rc" -eq 0 ]
