#!/usr/bin/env bash
# Live HLS benchmark: glass-to-glass latency in Chromium (WebSocket, LL-HLS and plain HLS, taking turns) and N
# Low-Latency HLS viewers polling with blocking reload, on one Kino origin. See ../README.md, "HLS output".
set -euo pipefail
STEPS=${STEPS:-100,400,1000}     # LL-HLS viewers per load step
STEP_SECONDS=${STEP_SECONDS:-20} # measured seconds per step (after a 3 s ramp)
ROUNDS=${ROUNDS:-3}              # latency rounds; each round measures every mode once
LAT_SECONDS=${LAT_SECONDS:-15}   # seconds of frames sampled per mode and round
GOP=${GOP:-2}                    # the publisher's keyframe interval in seconds (Kino runs with its defaults)

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO=$(cd "$HERE/../../.." && pwd)
WORK=$HERE/.work
LOGS=$WORK/logs
log() { echo "[hls] $*" >&2; }
die() { log "ERROR: $*"; exit 1; }
for tool in ffmpeg mvn curl python3 chromium; do command -v "$tool" >/dev/null || die "$tool not found"; done
rm -rf "$WORK"; mkdir -p "$LOGS" "$WORK/media"
ulimit -n 65536 2>/dev/null || ulimit -n "$(ulimit -Hn)"
PIDS=()
cleanup() { local p; for p in "${PIDS[@]}"; do kill -TERM -- "-$p" 2>/dev/null || kill -TERM "$p" 2>/dev/null || true; done; wait 2>/dev/null || true; }
trap cleanup EXIT
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
newest_java() {  # the newest JDK >= 21 under /usr/lib/jvm (as the launcher picks it), else java on the PATH
  local best=java best_v=0 c v
  for c in /usr/lib/jvm/*; do
    [[ -x $c/bin/java && -f $c/release ]] || continue
    v=$(sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$c/release")
    [[ -n $v ]] && ((v >= 21 && v > best_v)) && { best=$c/bin/java; best_v=$v; }
  done
  echo "$best"
}
JAVA=$(newest_java)
ticks() { awk '{ print $14 + $15 }' "/proc/$1/stat"; }  # utime + stime of PID, in clock ticks

log "classpath (Playwright for the latency probe) from the test scope"
(cd "$REPO" && mvn -B -q -o dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile="$WORK/cp.txt") > "$LOGS/cp.log" 2>&1 ||
  die "mvn dependency:build-classpath failed, see $LOGS/cp.log"
CP=$(cat "$WORK/cp.txt")

port=$(free_port); ingest=$(free_port)
log "kino (the launcher builds it on first use)"
KINO_LIVE_TCP="$ingest=lat:flv:public" KINO_LIVE_RTMP= KINO_TORRENT_HOST=127.0.0.1 KINO_TORRENT_PORT=0 \
  KINO_HTTP_MAX_CONNECTIONS_PER_ADDRESS=0 KINO_TORRENT_DHT=false setsid "$REPO/kino" serve --media "$WORK/media" --data "$WORK/data" \
  --host 127.0.0.1 --port "$port" > "$LOGS/kino.log" 2>&1 &
PIDS+=($!)
for _ in $(seq 600); do grep -q "listening on http://127.0.0.1:$port" "$LOGS/kino.log" && break; sleep 0.5; done
grep -q "listening on" "$LOGS/kino.log" || die "kino did not start, see $LOGS/kino.log"
java=${PIDS[0]} # the launcher execs the JVM
[[ $(cat "/proc/$java/comm") == java ]] || java=$(pgrep -n -x java -P "$java")

# the publisher draws its wall clock (10 ms units, 24 bits) into each frame, as boxes along the top
f="settb=1/1000000,setpts=RTCTIME,drawbox=x=0:y=0:w=384:h=16:color=black:t=fill"
for k in $(seq 0 23); do f="$f,drawbox=x=$((k * 16)):y=0:w=16:h=16:color=white:t=fill:enable='mod(floor(t*100/$((1 << k)))\,2)'"; done
f="$f,settb=1/25,setpts=N"
setsid ffmpeg -hide_banner -loglevel error -re -f lavfi -i testsrc2=size=640x360:rate=25 -f lavfi -i sine=sample_rate=48000 \
  -vf "$f" -c:v libx264 -preset veryfast -tune zerolatency -g $((25 * GOP)) -b:v 2M -pix_fmt yuv420p -c:a aac -f flv \
  "tcp://127.0.0.1:$ingest" > "$LOGS/publisher.log" 2>&1 &
PIDS+=($!)
for _ in $(seq 60); do curl -s "http://127.0.0.1:$port/api/streams" | grep -q '"live":true' && break; sleep 0.5; done
sleep 5 # two GOPs, so a new muxer has a whole segment from the hub's cache
first=$(curl -s -o "$WORK/first.m3u8" -w '%{time_total}' "http://127.0.0.1:$port/live/lat/index.m3u8")
grep -q '#EXTINF' "$WORK/first.m3u8" && whole=yes || whole=no
echo "FIRST playlist_s=$first whole_segment=$whole" | tee "$LOGS/first.txt"

log "latency: $ROUNDS rounds of ws, ll, plain, $LAT_SECONDS s each"
"$JAVA" -cp "$CP" "$HERE/Latency.java" "http://127.0.0.1:$port" lat "$ROUNDS" "$LAT_SECONDS" ws ll plain | tee "$LOGS/latency.txt"

IFS=, read -ra steps <<< "$STEPS"
for n in "${steps[@]}"; do
  log "load: $n LL-HLS viewers"
  t0=$(ticks "$java"); s0=$(date +%s.%N)
  "$JAVA" -cp "$CP" "$HERE/HlsLoad.java" "http://127.0.0.1:$port/live/lat/index.m3u8" "$n" "$STEP_SECONDS" > "$LOGS/load-$n.txt" 2>&1
  t1=$(ticks "$java"); s1=$(date +%s.%N)
  cpu=$(python3 -c "print(round(100 * ($t1 - $t0) / $(getconf CLK_TCK) / ($s1 - $s0), 1))")
  rss=$(awk '/VmRSS/ { print int($2 / 1024) }' "/proc/$java/status")
  echo "$(grep '^STEP' "$LOGS/load-$n.txt") server_cpu=$cpu server_rss_mb=$rss load=$(cut -d' ' -f1 /proc/loadavg)" | tee -a "$LOGS/steps.txt"
done
