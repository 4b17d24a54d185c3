#!/usr/bin/env bash
# torchat-bench/run-all.sh [quick] [STAGE...]: every benchmark in docs/PERFORMANCE.md, one after the other, on this
# machine (about 40 minutes; "quick" shortens each for a smoke run; STAGEs pick some: jmh control delivery tui
# history files footprint tmux flood). Output goes to torchat-bench/results/DATE-TIME/ (or $OUT), one file per benchmark;
# nothing else should run meanwhile: the figures are only as quiet as the machine.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

quick=
if [ "${1:-}" = quick ]; then
  quick=quick
  shift
fi
stages=" $* "
want() { [ "$stages" = "  " ] || [[ "$stages" == *" $1 "* ]]; }
mvn -B -q -DskipTests package
# bin/torchatd's first start trains its class-data archive; do that now, not inside a measurement.
work=$(mktemp -d "${TMPDIR:-/tmp}/torchat-bench.XXXXXX")
trap 'rm -rf "$work"' EXIT
TORCHAT_HOME="$work/warm" bin/torchatd -d --socks 127.0.0.1:9 "$((20000 + RANDOM % 20000))" >/dev/null
kill "$(cat "$work/warm/torchatd.pid")"

out="${OUT:-torchat-bench/results/$(date +%Y-%m-%d-%H%M)}"
mkdir -p "$out"
BENCH=torchat-bench/target/torchat-bench.jar
run() { # NAME COMMAND...: runs it, keeping its output
  local name=$1
  shift
  echo "== $name: $*" | tee "$out/$name.txt"
  "$@" 2>&1 | grep --line-buffered -v -E '^[0-9:. ]+ (INFO|DEBUG|WARN) ' | tee -a "$out/$name.txt"
}
{
  echo "date: $(date -u '+%Y-%m-%d %H:%M UTC')"
  echo "commit: $(git rev-parse --short HEAD)"
  echo "cpus: $(nproc); $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2-)"
  echo "memory: $(free -g | awk '/Mem:/ {print $2}') GB"
  java -version 2>&1 | head -1
  uptime
} >>"$out/machine.txt"

if [ "$quick" = quick ]; then
  jmh=(-f 1 -wi 1 -i 2 -w 1 -r 1); secs=2; rounds=1; sizes=10000; tui=50; msgs=300; fp=1; mb=2
else
  jmh=(-f 2 -wi 3 -i 5 -w 2 -r 2); secs=5; rounds=3; sizes=10000,100000,1000000; tui=200; msgs=3000; fp=3; mb=20
fi

want jmh && run jmh java -jar "$BENCH" "${jmh[@]}"

# Control requests, one connection each: the daemon as bin/torchatd runs it (no Tor), then the baseline server.
if want control; then
port=$((20000 + RANDOM % 20000))
mkdir -p "$work/load"
echo "retrylimit: 60" >"$work/load/torchat.conf" # SENDs go to a random address: give up on them soon
TORCHAT_HOME="$work/load" bin/torchatd -d --socks 127.0.0.1:9 "$port" >/dev/null
# Where the time goes at 64 clients (first: SEND leaves deliveries behind): the daemon's CPU split (user/system),
# the whole machine's, and the daemon's hottest Java frames (JFR samples; socket events off: they look up names).
pid=$(cat "$work/load/torchatd.pid")
{
  read -r -a m0 < <(head -1 /proc/stat)
  d0=$(awk '{print $14, $15}' "/proc/$pid/stat")
  jcmd "$pid" JFR.start duration=12s filename="$work/control.jfr" settings=profile \
    jdk.SocketRead#enabled=false jdk.SocketWrite#enabled=false >/dev/null
  java -cp "$BENCH" org.torchat.bench.ControlLoad "$port" 10 1 HOST 64 | tail -1
  d1=$(awk '{print $14, $15}' "/proc/$pid/stat")
  read -r -a m1 < <(head -1 /proc/stat)
  sleep 3
  echo "daemon CPU during the run (ticks of 10 ms): user+system before $d0, after $d1"
  echo "machine: user $((m1[1] - m0[1])), system $((m1[3] - m0[3])), idle $((m1[4] - m0[4])), softirq $((m1[7] - m0[7])) ticks"
  echo "daemon's hottest frames (JFR samples, top of stack):"
  jfr print --events jdk.ExecutionSample --stack-depth 1 "$work/control.jfr" | grep -A1 'stackTrace = \[' \
    | grep -v -e stackTrace -e '^--' | sed 's/line:.*//' | sort | uniq -c | sort -rn | head -15
} 2>&1 | tee "$out/control-profile.txt"
run control-load java -cp "$BENCH" org.torchat.bench.ControlLoad "$port" "$secs" "$rounds" HOST,GET_PEERS,UPDATE,SEND 1,8,64,256
kill "$pid"
java -Xmx64m -XX:+UseSerialGC -cp "$BENCH" org.torchat.bench.BaselineServer "$((port + 2))" >/dev/null &
baseline=$!
sleep 1
run control-baseline java -cp "$BENCH" org.torchat.bench.ControlLoad "$((port + 2))" "$secs" "$rounds" HOST 1,8,64,256
kill "$baseline"
fi

want delivery && run delivery java -cp "$BENCH" org.torchat.bench.DeliveryBench "$msgs" 10 4 "$rounds"
# The same with C1 only, as bin/torchatd runs the daemon: what the leaner JIT costs on the message path.
want delivery && run delivery-c1 java -XX:TieredStopAtLevel=1 -cp "$BENCH" org.torchat.bench.DeliveryBench "$msgs" 10 4 "$rounds"
# Groups (issue 16): 3, 5 and 10 members on loopback: send to stored at all, bytes per byte, offline member, storage.
if [ "$quick" = quick ]; then group=(3,5 10 100); else group=(3,5,10 100 100); fi
want groups && run groups java -cp "$BENCH" org.torchat.bench.GroupBench "${group[@]}"
want tui && run tui-latency java -cp "$BENCH" org.torchat.bench.TuiLatency "$tui" "$rounds"
bin_options="$(grep -v '^#' bin/lib/torchatd-java-options | tr '\n' ' ') MALLOC_ARENA_MAX=2"
cds="-XX:SharedArchiveFile=torchat-daemon/target/torchatd.jsa -Xlog:cds=off -Xlog:cds+dynamic=off"
# shellcheck disable=SC2086 # options are words
want history && run history java -Xmx1g -cp "$BENCH" org.torchat.bench.HistoryBench "$sizes" 1000 $bin_options $cds
if want files; then
  run file-transfer java -cp "$BENCH" org.torchat.bench.FileTransferBench "$mb" "$rounds"
fi

# Hostile peers: a contact's messages while strangers flood the receiver at 10x and 100x their budget (10 minutes each).
if [ "$quick" = quick ]; then flood=(0.5 20 10,100); else flood=(10 120 10,100); fi
# shellcheck disable=SC2086 # options are words
want flood && run flood java -cp "$BENCH" org.torchat.bench.FloodBench "${flood[@]}" $bin_options $cds

# JVM options: what bin/torchatd used before the performance issue, and now, with and without two of its parts.
want footprint && run footprint java -cp "$BENCH" org.torchat.bench.Footprint "$fp" \
  "before=-Xms16m -Xmx128m -XX:+UseSerialGC" \
  "bin=$bin_options $cds" \
  "bin+C2=${bin_options/-XX:TieredStopAtLevel=1/} $cds" \
  "bin-CDS=$bin_options"
# The terminal client for real: bin/torchat in tmux against two daemons (start to first full screen, message to
# screen, resident memory), as the suite's TuiInTmuxIT measures it.
want tmux && for round in $(seq 1 "$rounds"); do
  run "tui-tmux-$round" bash -c "mvn -B -o -pl torchat-daemon -am verify -Dit.test=TuiInTmuxIT -Dtest=none \
    -Dsurefire.failIfNoSpecifiedTests=false -Dfailsafe.failIfNoSpecifiedTests=false | grep 'TuiInTmuxIT:'"
done
echo "results in $out"
