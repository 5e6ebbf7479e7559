# PUBLISH=rtmp mode of run.sh (sourced by it after the common setup; not run on its own).
#
# One H.264 High + AAC stream, published with ffmpeg -c copy: over RTMP to Kino (WebSocket fMP4 out) and to
# Node-Media-Server (WebSocket-FLV out), and as FLV over raw TCP to the tutorial relay (its viewers get the FLV
# bytes as they came). The servers take turns step by step: for every N, each server that has not failed yet is
# started alone with its own publisher, measured for one step, and stopped; the order rotates from step to step.

SERVERS=${ONLY:-kino,nms,relay}
RESULTS=$WORK/results-rtmp.md

# ---------- the stream: H.264 High + AAC, encoded once, published in real time with -c copy ----------
if [[ ! -s $SOURCE ]]; then
  log "encoding the 60 s test source (H.264 High 1280x720 30 fps ~1.9 Mbit/s, 2 B-frames, keyframe every 2 s + AAC 128 kbit/s 48 kHz); takes about half a minute"
  ffmpeg -hide_banner -loglevel error -y -f lavfi -i testsrc2=size=1280x720:rate=30 \
    -f lavfi -i sine=frequency=440:sample_rate=48000 -t 60 \
    -c:v libx264 -profile:v high -preset veryfast -b:v 1900k -minrate 1900k -maxrate 1900k -bufsize 1900k \
    -x264-params nal-hrd=cbr -g 60 -keyint_min 60 -sc_threshold 0 -bf 2 -pix_fmt yuv420p \
    -c:a aac -b:a 128k -ar 48000 -ac 2 -f flv "$SOURCE.tmp" && mv "$SOURCE.tmp" "$SOURCE"
fi

PUBLISHER_PID=
publish_to() {  # publish_to URL LOGNAME: ffmpeg at real time, looping the source, FLV to an RTMP or TCP URL
  setsid ffmpeg -hide_banner -loglevel info -nostats -nostdin -re -stream_loop -1 -i "$SOURCE" -c copy \
    -t $((MAX_SECONDS + 120)) -f flv "$1" > "$LOGS/publisher-$2.log" 2>&1 &
  PUBLISHER_PID=$!; PIDS+=("$PUBLISHER_PID")
}

turn_client() {  # turn_client LABEL N URL SERVER_PID FORMAT [extra args]: one step; 0 if it passed (FLV: ~30 records/s per viewer, hence 3 GB)
  local label=$1 n=$2 url=$3 pid=$4 format=$5 out; shift 5
  out=$LOGS/$label-$n.txt
  "$JAVA_HOME/bin/java" -XX:+UseSerialGC -Xms64m -Xmx3g --enable-native-access=ALL-UNNAMED \
    --sun-misc-unsafe-memory-access=allow -jar "$CLIENT_JAR" \
    --url "$url" --label "$label" --format "$format" --steps "$n" --step-seconds "$STEP_SECONDS" --late "$LATE_JOINS" \
    --retries "$RETRIES" --max-seconds "$MAX_SECONDS" --loops "$CLIENT_LOOPS" \
    --server-pid "$pid" --publisher-pid "$PUBLISHER_PID" --deflate "$DEFLATE" "$@" \
    > "$out" 2> >(tee -a "$LOGS/$label-client.log" >&2) || true
  cat "$out" >> "$LOGS/$label-steps.txt"
  alive "$PUBLISHER_PID" || log "WARNING: the publisher (ffmpeg) had exited before the end of the $label turn at N=$n, see $LOGS/publisher-$label-$n.log"
  grep -q '^RESULT .*first_fail=none' "$out"
}

turn_relay() {  # turn_relay N
  local http ingest pid
  http=$(free_port); ingest=$(free_port)
  HOST=127.0.0.1 HTTP_PORT=$http INGEST_PORT=$ingest setsid node "$HERE/node-relay/relay.js" > "$LOGS/relay-$1.log" 2>&1 &
  pid=$!; PIDS+=("$pid")
  wait_for "$LOGS/relay-$1.log" "listening on" "$pid" 30
  log "relay (node $(node --version), ws) on port $http (pid $pid), FLV in on tcp://127.0.0.1:$ingest"
  publish_to "tcp://127.0.0.1:$ingest" "relay-$1"
  local rc=0; turn_client relay "$1" "ws://127.0.0.1:$http/live/stream/ws" "$pid" flv || rc=1
  cleanup; return $rc
}

turn_nms() {  # turn_nms N
  local http rtmp pid data=$WORK/nms-data
  http=$(free_port); rtmp=$(free_port)
  rm -rf "$data"; mkdir -p "$data"
  HOST=127.0.0.1 RTMP_PORT=$rtmp HTTP_PORT=$http DATA=$data setsid node "$HERE/nms/server.js" > "$LOGS/nms-$1.log" 2>&1 &
  pid=$!; PIDS+=("$pid")
  wait_for "$LOGS/nms-$1.log" "Rtmp Server listening on port 127.0.0.1:$rtmp" "$pid" 30
  wait_for "$LOGS/nms-$1.log" "HTTP server listening on port 127.0.0.1:$http" "$pid" 30
  log "node-media-server $NMS_VERSION on ws://127.0.0.1:$http (pid $pid), rtmp://127.0.0.1:$rtmp/live"
  publish_to "rtmp://127.0.0.1:$rtmp/live/bench" "nms-$1"
  local rc=0; turn_client nms "$1" "ws://127.0.0.1:$http/live/bench.flv" "$pid" flv || rc=1
  cleanup; return $rc
}

turn_kino() {  # turn_kino N
  [[ -x $KINO ]] || die "Kino launcher not found at $KINO (set KINO=...)"
  local port rtmp data=$WORK/kino-data jar=$WORK/kino-cookies pid java cookie key
  port=$(free_port); rtmp=$(free_port)
  key=$(python3 -c 'import secrets; print(secrets.token_hex(12))')  # 24 characters (Kino wants 16 or more)
  rm -rf "$data" "$jar"; mkdir -p "$data" "$WORK/media"
  printf 'secretpass\n' | timeout "$START_TIMEOUT" "$KINO" user add bench --data "$data" > "$LOGS/kino-user.log" 2>&1 ||
    die "kino user add failed, see $LOGS/kino-user.log"
  KINO_HTTP_MAX_CONNECTIONS_PER_ADDRESS=0 KINO_LIVE_RTMP="127.0.0.1:$rtmp" KINO_LIVE_STREAMS="bench=$key" KINO_LIVE_TCP= setsid "$KINO" serve \
    --media "$WORK/media" --data "$data" --host 127.0.0.1 --port "$port" > "$LOGS/kino-$1.log" 2>&1 &
  pid=$!; PIDS+=("$pid")
  wait_for "$LOGS/kino-$1.log" "listening on http://127.0.0.1:$port" "$pid" "$START_TIMEOUT"
  wait_for "$LOGS/kino-$1.log" "live ingest: rtmp://127.0.0.1:$rtmp" "$pid" 30
  java=$(jvm_of "$pid")
  cookie=$(kino_login "$port" "$jar")
  log "kino on port $port (java pid $java), rtmp://127.0.0.1:$rtmp/live"
  publish_to "rtmp://127.0.0.1:$rtmp/live/bench?key=$key" "kino-$1"
  local rc=0; turn_client kino "$1" "ws://127.0.0.1:$port/live/bench/ws" "$java" fmp4 --cookie "$cookie" --expect-json || rc=1
  cleanup; return $rc
}

NMS_VERSION=$(node -p 'require(process.argv[1]).version' "$HERE/nms/node_modules/node-media-server/package.json")
WS_VERSION=$(node -p 'require(process.argv[1]).version' "$HERE/node-relay/node_modules/ws/package.json")
IFS=, read -r -a STEP_LIST <<< "$STEPS"
IFS=, read -r -a ORDER <<< "$SERVERS"
declare -A OUT=()  # server -> "" (still in), "failed at N", "invalid at N", "time"
if [[ -z ${REPORT_ONLY:-} ]]; then
  for s in "${ORDER[@]}"; do rm -f "$LOGS/$s-steps.txt" "$LOGS/$s-client.log" "$LOGS/$s"-[0-9]*.txt "$LOGS/$s"-[0-9]*.log; done
  for ((k = 0; k < ${#STEP_LIST[@]}; k++)); do  # bounded: |STEPS| x |servers| turns, each bounded in time
    n=${STEP_LIST[k]}
    for ((j = 0; j < ${#ORDER[@]}; j++)); do
      s=${ORDER[(j + k) % ${#ORDER[@]}]}  # the order rotates from step to step
      [[ -z ${OUT[$s]:-} ]] || continue
      if ((SECONDS + STEP_SECONDS * (RETRIES + 1) + 150 > RUN_SECONDS)); then
        log "$s N=$n: not started, the run would pass RUN_SECONDS=$RUN_SECONDS"; OUT[$s]=time; continue
      fi
      log "turn: $s, N=$n (load average $(cut -d' ' -f1-3 /proc/loadavg), ${SECONDS} s into the run)"
      if "turn_$s" "$n"; then continue; fi
      if grep -q '^RESULT .*error=' "$LOGS/$s-$n.txt" 2>/dev/null || ! grep -q '^RESULT ' "$LOGS/$s-$n.txt" 2>/dev/null; then
        OUT[$s]="invalid at $n"
      else
        OUT[$s]="failed at $n"
      fi
    done
  done
  for s in "${ORDER[@]}"; do echo "${OUT[$s]:-}" > "$LOGS/$s-outcome.txt"; done
  {
    echo "load=$LOAD"; echo "date=$(date -u '+%Y-%m-%d %H:%M UTC')"; echo "order=$SERVERS"
    echo "kino=$(git -C "$HERE" rev-parse --short HEAD 2>/dev/null || echo '?')"
    echo "jdk=$("$JAVA_HOME/bin/java" -version 2>&1 | head -1 | tr -d '"' | tr ' ' '_')"
    echo "node=$(node --version)"; echo "nms=$NMS_VERSION"; echo "ws=$WS_VERSION"
    echo "ffmpeg=$(ffmpeg -version | head -1 | cut -d' ' -f3)"
  } > "$LOGS/run-info.txt"
fi

# ---------- report ----------
python3 - "$LOGS" "$STEP_SECONDS" "$SERVERS" <<'PY' | tee "$RESULTS"
import os, sys
logs, secs, servers = sys.argv[1], sys.argv[2], sys.argv[3].split(",")
info = dict(l.rstrip("\n").split("=", 1) for l in open(os.path.join(logs, "run-info.txt")) if "=" in l)
what = {"kino": "Kino (RTMP in, WebSocket fMP4 out)", "nms": f"Node-Media-Server {info['nms']} (RTMP in, WebSocket-FLV out)",
        "relay": f"Node relay (ws {info['ws']}; FLV over TCP in, WebSocket out)"}
steps, results = {}, {}
for s in servers:
    steps[s], results[s] = [], []
    path = os.path.join(logs, s + "-steps.txt")
    for line in (open(path) if os.path.exists(path) else []):
        if line.startswith(("STEP ", "RESULT ")):
            kv = dict(p.split("=", 1) for p in line.split()[1:])
            (steps[s] if line.startswith("STEP ") else results[s]).append(kv)
print(f"## Live benchmark, RTMP publisher, {info['date']}, {os.cpu_count()} cores, load average {info['load']} at start")
print()
print(f"One H.264 High + AAC stream (720p30, ~2 Mbit/s, 2 B-frames, keyframe every 2 s), published with ffmpeg {info['ffmpeg']} "
      f"-c copy; each step holds N viewers for {secs} s. The servers take turns at every N, one at a time (order "
      f"{info['order']}, rotating). Kino {info['kino']} on {info['jdk'].replace('_', ' ')}, node {info['node']}.")
print("A unit is what the pass criterion counts: an fMP4 fragment (Kino; at most 200 ms) or one video frame, i.e. FLV video tag (NMS, relay).")
print("Lag = arrival at a viewer minus the estimated arrival of the unit's end at the server (media clock); first-frame lag")
print("is the same from the unit's start. Pass = at least 99% of the units reached every one of the N viewers within 1 s.")
print()
print("| Server | unit | N | load | pass | % units at all viewers ≤ 1 s | % deliveries ≤ 1 s | lag p50 / p99 / max ms "
      "| first-frame lag p50 / p99 ms | join p50 / p99 ms | handshake p50 / p99 ms | late join p50 / max ms | server CPU % "
      "| CPU per viewer µs/s | server RSS MB | client CPU % | msgs/s per viewer | Mbit/s per viewer |")
print("|---|---|---:|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
for s in servers:
    for k in steps[s]:
        retry = " (retry)" if k["attempt"] != "0" else ""
        drop = f", {k['closed_by_server']} closed by server" if k["closed_by_server"] != "0" else ""
        conn = "" if k["connected"] == k["n"] else f", {k['connected']} connected"
        per = float(k["server_cpu"]) / 100 * 1e6 / int(k["n"])
        print(f"| {s} | {k['unit']} | {k['n']}{retry} | {k['load']} | {k['pass']}{conn}{drop} | {k['pct_frag_all_viewers_1s']} "
              f"| {k['pct_deliveries_1s']} | {k['lag_p50_ms']} / {k['lag_p99_ms']} / {k['lag_max_ms']} "
              f"| {k['start_lag_p50_ms']} / {k['start_lag_p99_ms']} | {k['join_p50_ms']} / {k['join_p99_ms']} "
              f"| {k['handshake_p50_ms']} / {k['handshake_p99_ms']} | {k['late_join_p50_ms']} / {k['late_join_max_ms']} "
              f"| {k['server_cpu']} | {per:.1f} | {k['server_rss_mb']} | {k['client_cpu']} | {k['msgs_per_viewer_s']} "
              f"| {k['mbit_per_viewer_s']} |")
print()
for s in servers:
    outcome = open(os.path.join(logs, s + "-outcome.txt")).read().strip() if os.path.exists(os.path.join(logs, s + "-outcome.txt")) else "?"
    passed = [int(k["n"]) for k in steps[s] if k["pass"] == "yes"]
    idle = ", ".join(dict.fromkeys(k["server_idle_cpu"] for k in steps[s])) or "-"
    tail = {"": "passed every step", "time": "stopped by the run's time bound"}.get(outcome, outcome)
    if outcome.startswith("invalid"):
        tail = f"**{outcome}: the stream stopped or the client gave no result; not a measurement**"
    print(f"- {what[s]}: largest N passing **{max(passed) if passed else 0}** ({tail}); "
          f"server CPU with only the probe connected: {idle} % of a core")
PY
