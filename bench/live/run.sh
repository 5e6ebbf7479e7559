#!/usr/bin/env bash
# Live benchmark: Kino against the tutorial-style Node relay, one 2 Mbit/s WebM stream, viewers stepped up.
# PUBLISH=rtmp: one H.264/AAC stream over RTMP to Kino and Node-Media-Server, and as FLV over TCP to the relay,
# the servers taking turns step by step (see "RTMP publisher" in README.md).
# Usage: bash bench/live/run.sh        (see README.md for the knobs)
set -euo pipefail

PUBLISH=${PUBLISH:-webm}              # webm: WebM over raw TCP (Kino, relay); rtmp: see above

STEPS=${STEPS:-50,100,200,400,800,1600,3200}  # viewer counts, in order; a server stops at its first failing step
STEP_SECONDS=${STEP_SECONDS:-20}      # measured window of each step
LATE_JOINS=${LATE_JOINS:-10}          # viewers who join during each window (join time only)
RETRIES=${RETRIES:-1}                 # a failing step is run again this many times before it counts as failed
MAX_SECONDS=${MAX_SECONDS:-480}       # bound on one server's turn of the client
CLIENT_LOOPS=${CLIENT_LOOPS:-2}       # event loops of the load client
ONLY=${ONLY:-}                        # "node" or "kino" to run one side only (PUBLISH=rtmp: a list of kino,nms,relay)
KINO=${KINO:-}                        # Kino launcher (default: <repo>/kino)
START_TIMEOUT=${START_TIMEOUT:-600}   # seconds; Kino builds itself on first use
DEFLATE=${DEFLATE:-true}             # viewers offer permessage-deflate, as every browser does (false: they do not)
KINO_JFR=${KINO_JFR:-}                # 1: record a Java Flight Recording of Kino's turn in .work/logs/kino.jfr
RUN_SECONDS=${RUN_SECONDS:-2700}      # PUBLISH=rtmp: bound on the whole run; a turn that would not fit is not started

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
KINO=${KINO:-$(cd "$HERE/../.." && pwd)/kino}
WORK=$HERE/.work
LOGS=$WORK/logs
SOURCE=$WORK/source-60s.webm
[[ $PUBLISH == webm || $PUBLISH == rtmp ]] || { echo "[live] ERROR: PUBLISH must be webm or rtmp" >&2; exit 1; }
if [[ $PUBLISH == rtmp ]]; then
  LOGS=$WORK/logs-rtmp
  SOURCE=$WORK/source-60s.flv
fi

log() { echo "[live] $*" >&2; }
die() { log "ERROR: $*"; exit 1; }
for tool in ffmpeg node npm mvn curl python3; do
  command -v "$tool" >/dev/null || die "$tool not found (apt-get install ffmpeg nodejs npm maven curl python3)"
done
if [[ $PUBLISH == webm ]]; then
  [[ $ONLY == "" || $ONLY == node || $ONLY == kino ]] || die "ONLY must be node, kino or empty"
else
  [[ $ONLY =~ ^((kino|nms|relay)(,(kino|nms|relay))*)?$ ]] || die "ONLY must be a list of kino, nms, relay (or empty)"
fi
mkdir -p "$WORK" "$LOGS"
[[ -n ${REPORT_ONLY:-} ]] || rm -f "$LOGS"/publisher-*.log "$LOGS"/kino.jfr
LOAD=$(cut -d' ' -f1-3 /proc/loadavg)
awk -v l="${LOAD%% *}" -v c="$(nproc)" 'BEGIN { exit !(l > c / 2) }' &&
  log "WARNING: load average is $LOAD before the run; other work on this machine will skew the figures"
# every viewer is a socket in the client and one in the server
ulimit -n 65536 2>/dev/null || ulimit -n "$(ulimit -Hn)"
(( $(ulimit -n) >= 8192 )) || die "ulimit -n is $(ulimit -n); 3,200 viewers need more than 6,400 descriptors"

# ---------- processes ----------
PIDS=()  # what runs now (setsid makes each a process group leader)
alive() { local s; s=$(ps -o stat= -p "$1" 2>/dev/null) && [[ $s != Z* ]]; }
stop() {  # TERM, wait up to 15 s, then KILL the process group setsid gave it
  local pid=$1
  alive "$pid" || { wait "$pid" 2>/dev/null || true; return 0; }
  kill -TERM "$pid" 2>/dev/null || true
  for _ in $(seq 150); do alive "$pid" || break; sleep 0.1; done
  alive "$pid" && kill -KILL -- "-$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
}
cleanup() { local p; for p in "${PIDS[@]}"; do stop "$p"; done; PIDS=(); }
trap cleanup EXIT
trap 'exit 130' INT TERM

free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'
}
wait_for() {  # wait_for FILE PATTERN PID SECONDS
  local i
  for ((i = 0; i < $4 * 10; i++)); do
    grep -q "$2" "$1" 2>/dev/null && return 0
    alive "$3" || die "process $3 exited, see $1"; sleep 0.1
  done
  die "'$2' did not show in $1 within $4 s"
}

# ---------- JDK (the newest >= 21, as the Kino launcher picks it) ----------
jvm_of() {  # jvm_of PID: the launcher execs java, so PID is the JVM; otherwise its java child
  local java=$1
  [[ $(cat "/proc/$1/comm") == java ]] || java=$(pgrep -n -x java -P "$1") || die "no java process under $1"
  echo "$java"
}
kino_login() {  # kino_login PORT COOKIE_JAR: logs the bench user in; prints the session cookie
  local code cookie
  code=$(curl -s -o /dev/null -w '%{http_code}' -c "$2" -H 'Content-Type: application/json' \
    -d '{"username":"bench","password":"secretpass"}' "http://127.0.0.1:$1/api/login")
  [[ $code == 200 ]] || die "kino login answered $code"
  cookie=$(awk '$6 == "kino_session" { print $6 "=" $7 }' "$2")
  [[ -n $cookie ]] || die "no kino_session cookie after login"
  echo "$cookie"
}
find_jdk() {
  local best="" best_v=0 c v
  for c in "${KINO_JAVA_HOME:-}" "${JAVA_HOME:-}" /usr/lib/jvm/*; do
    [[ -n $c && -x $c/bin/javac && -f $c/release ]] || continue
    v=$(sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$c/release")
    [[ -n $v ]] && ((v >= 21 && v > best_v)) && { best=$c; best_v=$v; }
  done
  [[ -n $best ]] || die "no JDK 21 or newer found (set KINO_JAVA_HOME)"
  echo "$best"
}
export JAVA_HOME=$(find_jdk)
export MAVEN_OPTS=${MAVEN_OPTS:---sun-misc-unsafe-memory-access=allow}

# ---------- build the client and the relay ----------
CLIENT_JAR=$HERE/client/target/live-client.jar
if [[ ! -f $CLIENT_JAR || -n $(find "$HERE/client/pom.xml" "$HERE/client/src" -newer "$CLIENT_JAR" -print -quit) ]]; then
  log "building the load client (mvn package, JDK $JAVA_HOME)"
  (cd "$HERE/client" && mvn -B -ntp -q package) > "$LOGS/client-build.log" 2>&1 || { tail -n 30 "$LOGS/client-build.log" >&2; die "client build failed"; }
fi
if [[ ! -d $HERE/node-relay/node_modules/ws ]]; then
  log "installing the relay's dependencies (npm ci)"
  (cd "$HERE/node-relay" && npm ci --no-audit --no-fund) > "$LOGS/npm.log" 2>&1 || die "npm ci failed, see $LOGS/npm.log"
fi
if [[ $PUBLISH == rtmp && ! -d $HERE/nms/node_modules/node-media-server ]]; then
  log "installing Node-Media-Server (npm ci)"
  (cd "$HERE/nms" && npm ci --no-audit --no-fund) > "$LOGS/npm-nms.log" 2>&1 || die "npm ci failed, see $LOGS/npm-nms.log"
fi
# Kino's other listeners stay on loopback and quiet: no DHT, the BitTorrent port on 127.0.0.1 (any free one), and
# (PUBLISH=webm) no RTMP, which is otherwise on by default on 0.0.0.0:1935.
export KINO_TORRENT_HOST=127.0.0.1 KINO_TORRENT_PORT=0 KINO_TORRENT_DHT=false

[[ $PUBLISH == rtmp ]] && { source "$HERE/rtmp.sh"; exit 0; }

# ---------- the stream: a test pattern encoded once, published in real time with -c copy ----------
# Encoding VP8 720p30 live costs about 90% of a core, which on 2 cores would take as much CPU as the servers; the
# publisher copies a pre-encoded minute in a loop instead (same bytes on the wire, about 1% of a core).
if [[ ! -s $SOURCE ]]; then
  log "encoding the 60 s test source (VP8 1280x720 30 fps ~1.9 Mbit/s + Opus 96 kbit/s, keyframe every 2 s); takes about a minute"
  ffmpeg -hide_banner -loglevel error -y -f lavfi -i testsrc2=size=1280x720:rate=30 \
    -f lavfi -i sine=frequency=440:sample_rate=48000 -t 60 \
    -c:v libvpx -deadline realtime -cpu-used 8 -b:v 1900k -minrate 1900k -maxrate 1900k -bufsize 1900k \
    -g 60 -keyint_min 60 -c:a libopus -b:a 96k -f webm "$SOURCE.tmp" && mv "$SOURCE.tmp" "$SOURCE"
fi
PUBLISHER_PID=
publish() {  # publish TCP_PORT: ffmpeg at real time, looping the source, to a raw TCP ingest
  setsid ffmpeg -hide_banner -loglevel info -nostats -nostdin -re -stream_loop -1 -i "$SOURCE" -c copy \
    -t $((MAX_SECONDS + 120)) -f webm "tcp://127.0.0.1:$1" > "$LOGS/publisher-$1.log" 2>&1 &
  PUBLISHER_PID=$!; PIDS+=("$PUBLISHER_PID")
}

client() {  # client LABEL URL SERVER_PID [extra args]
  local label=$1 url=$2 pid=$3; shift 3
  "$JAVA_HOME/bin/java" -XX:+UseSerialGC -Xms64m -Xmx1g --enable-native-access=ALL-UNNAMED \
    --sun-misc-unsafe-memory-access=allow -jar "$CLIENT_JAR" \
    --url "$url" --label "$label" --steps "$STEPS" --step-seconds "$STEP_SECONDS" --late "$LATE_JOINS" \
    --retries "$RETRIES" --max-seconds "$MAX_SECONDS" --loops "$CLIENT_LOOPS" \
    --server-pid "$pid" --publisher-pid "$PUBLISHER_PID" --deflate "$DEFLATE" "$@" \
    > "$LOGS/$label-steps.txt" 2> >(tee "$LOGS/$label-client.log" >&2) || true
  grep -q '^RESULT ' "$LOGS/$label-steps.txt" || die "the client gave no result for $label, see $LOGS/$label-client.log"
  alive "$PUBLISHER_PID" || log "WARNING: the publisher (ffmpeg) had exited before the end of the $label turn, see $LOGS/publisher-*.log"
}

run_node() {
  local http ingest pid
  http=$(free_port); ingest=$(free_port)
  HOST=127.0.0.1 HTTP_PORT=$http INGEST_PORT=$ingest setsid node "$HERE/node-relay/relay.js" > "$LOGS/node.log" 2>&1 &
  pid=$!; PIDS+=("$pid")
  wait_for "$LOGS/node.log" "listening on" "$pid" 30
  log "node $(node --version) relay on port $http (pid $pid), ingest tcp://127.0.0.1:$ingest"
  publish "$ingest"
  client node "ws://127.0.0.1:$http/live/stream/ws" "$pid"
  cleanup
}

run_kino() {
  [[ -x $KINO ]] || die "Kino launcher not found at $KINO (set KINO=...)"
  local port ingest data=$WORK/kino-data jar=$WORK/kino-cookies pid java cookie
  port=$(free_port); ingest=$(free_port)
  rm -rf "$data" "$jar"; mkdir -p "$data" "$WORK/media"
  log "kino: creating user (the first use builds Kino with Maven)"
  printf 'secretpass\n' | timeout "$START_TIMEOUT" "$KINO" user add bench --data "$data" > "$LOGS/kino-user.log" 2>&1 ||
    die "kino user add failed, see $LOGS/kino-user.log"
  local opts=${KINO_JAVA_OPTS:-}  # empty: the launcher's defaults
  [[ -n $KINO_JFR ]] && opts="${opts:--XX:+UseSerialGC -Xms16m -Xmx256m -XX:MaxHeapFreeRatio=40 -XX:MaxDirectMemorySize=128m} -XX:StartFlightRecording=filename=$LOGS/kino.jfr,settings=profile,dumponexit=true"
  KINO_JAVA_OPTS=$opts KINO_HTTP_MAX_CONNECTIONS_PER_ADDRESS=0 KINO_LIVE_TCP="$ingest=bench:webm" KINO_LIVE_RTMP= setsid "$KINO" serve --media "$WORK/media" --data "$data" --host 127.0.0.1 \
    --port "$port" > "$LOGS/kino.log" 2>&1 &
  pid=$!; PIDS+=("$pid")
  wait_for "$LOGS/kino.log" "listening on http://127.0.0.1:$port" "$pid" "$START_TIMEOUT"
  java=$(jvm_of "$pid")
  cookie=$(kino_login "$port" "$jar")
  log "kino on port $port (java pid $java), ingest tcp://127.0.0.1:$ingest"
  publish "$ingest"
  client kino "ws://127.0.0.1:$port/live/bench/ws" "$java" --cookie "$cookie" --expect-json
  cleanup
}

if [[ -z ${REPORT_ONLY:-} ]]; then
  [[ $ONLY == kino ]] || run_node
  [[ $ONLY == node ]] || run_kino
else
  LOAD="$REPORT_ONLY"  # the table again from the logs of the last run; REPORT_ONLY holds that run's load average
fi

# ---------- report ----------
python3 - "$LOGS" "$LOAD" "$STEP_SECONDS" "$ONLY" <<'PY' | tee "$WORK/results.md"
import os, sys, time
logs, load, secs, only = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4]
servers = [s for s in ("node", "kino") if not only or s == only]
steps, result = {}, {}
for s in servers:
    steps[s] = []
    for line in open(os.path.join(logs, s + "-steps.txt")):
        kv = dict(p.split("=", 1) for p in line.split()[1:])
        (steps[s].append(kv) if line.startswith("STEP ") else result.__setitem__(s, kv))
print(f"## Live benchmark, {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}, {os.cpu_count()} cores, "
      f"load average {load} at start")
print()
print(f"One WebM stream (VP8 720p30 + Opus, ~2 Mbit/s, keyframe every 2 s); each step holds N viewers for {secs} s.")
print("Lag = arrival at a viewer minus the estimated arrival of the same Cluster at the server (media clock);")
print("pass = at least 99% of the Clusters reached every one of the N viewers within 1 s.")
print()
print("| Server | N | load | pass | % Clusters at all viewers ≤ 1 s | % deliveries ≤ 1 s | lag p50 / p99 / max ms "
      "| spread p99 ms | join p50 / p99 ms | handshake p50 / p99 ms | late join p50 / max ms | server CPU % | server RSS MB | client CPU % | msgs/s per viewer |")
print("|---|---:|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
for s in servers:
    for k in steps[s]:
        retry = " (retry)" if k["attempt"] != "0" else ""
        drop = f", {k['closed_by_server']} closed by server" if k["closed_by_server"] != "0" else ""
        conn = "" if k["connected"] == k["n"] else f", {k['connected']} connected"
        print(f"| {s} | {k['n']}{retry} | {k['load']} | {k['pass']}{conn}{drop} | {k['pct_frag_all_viewers_1s']} "
              f"| {k['pct_deliveries_1s']} | {k['lag_p50_ms']} / {k['lag_p99_ms']} / {k['lag_max_ms']} "
              f"| {k['rel_p99_ms']} | {k['join_p50_ms']} / {k['join_p99_ms']} | {k['handshake_p50_ms']} / {k['handshake_p99_ms']} "
              f"| {k['late_join_p50_ms']} / {k['late_join_max_ms']} | {k['server_cpu']} | {k['server_rss_mb']} "
              f"| {k['client_cpu']} | {k['msgs_per_viewer_s']} |")
print()
for s in servers:
    if steps[s]:
        print(f"- {s}: server CPU with only the probe connected (warm-up): {steps[s][0]['server_idle_cpu']} % of a core")
mp = {s: int(result.get(s, {}).get("max_pass", "0")) for s in servers}
for s in servers:
    r = result.get(s, {})
    tail = {"none": "passed every step", None: ""}.get(r.get("first_fail"), f"first failing step N={r.get('first_fail')}")
    if r.get("error") == "stream_stopped":
        tail = "**the publisher stopped during a step; this turn is not valid**"
    if r.get("stopped") == "time":
        failed = [k["n"] for k in steps[s] if k["pass"] != "yes"]
        tail = "stopped by the time bound" + (f" after N={failed[-1]} failed" if failed else "")
        if r.get("failed"):
            tail += f"; the watchdog ended it while N={r['failed']} was running (that step did not pass)"
    print(f"- Largest N passing, {s}: **{mp[s]}** ({tail})")
if len(servers) == 2:
    ratio = f"{mp['kino'] / mp['node']:.2f}" if mp["node"] else "-"
    capped = any(result.get(s, {}).get("first_fail") == "none" for s in servers)
    print(f"- Ratio Kino/Node: **{ratio}**" + (" (a server passed every step: the ratio is a bound, not a measurement)" if capped else ""))
PY
