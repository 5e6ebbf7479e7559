#!/usr/bin/env bash
# Torrent streaming benchmark: Kino against webtorrent-cli's and peerflix's HTTP streaming servers on the
# same rate-capped local swarm (one aria2c seeder + opentracker on 127.0.0.1), in one run.
# Usage: bash bench/torrent/run.sh        (see README.md for the knobs)
set -euo pipefail

CLIENTS=${CLIENTS:-"webtorrent peerflix kino"}  # which clients, in this order
RUNS=${RUNS:-3}                       # fresh-state runs per client and phase; the table shows medians
SEED_RATE=${SEED_RATE:-2M}            # the seeder's upload cap (aria2c syntax: 2M = 2 MiB/s)
PIECE_EXP=${PIECE_EXP:-18}            # piece size 2^18 = 256 KiB (mktorrent -l)
VIDEO_SECONDS=${VIDEO_SECONDS:-80}    # length of the test video
VIDEO_KBPS=${VIDEO_KBPS:-3800}        # its H.264 bitrate (AAC adds 128 kbit/s)
READER_RATE=${READER_RATE:-}          # bytes/s of the streaming reader; default: the media's own bitrate
STEP_TIMEOUT=${STEP_TIMEOUT:-60}      # seconds allowed for each latency step
DL_TIMEOUT=${DL_TIMEOUT:-300}         # seconds allowed for a whole download
WEBTORRENT_UTP=${WEBTORRENT_UTP:-0}   # 1 = let webtorrent try uTP first (costs ~40 s against aria2c)
KINO=${KINO:-}                        # Kino launcher (default: <repo>/kino)
START_TIMEOUT=${START_TIMEOUT:-600}   # seconds; Kino builds itself on first use
# Kino's torrent settings, as environment variables of `kino serve`. The peer port is added as
# KINO_TORRENT_PORT_VAR=<free port>; add anything else the engine needs to KINO_TORRENT_ENV.
KINO_TORRENT_PORT_VAR=${KINO_TORRENT_PORT_VAR:-KINO_TORRENT_PORT}
KINO_TORRENT_ENV=${KINO_TORRENT_ENV:-"KINO_TORRENT_DHT=false KINO_TORRENT_HOST=127.0.0.1 KINO_TORRENT_ALLOW_PRIVATE_TRACKERS=true"}
KINO_FILE_PATH=${KINO_FILE_PATH:-'/torrents/{infohash}/files/0'}  # Kino's URL of the file's bytes

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
KINO=${KINO:-$(cd "$HERE/../.." && pwd)/kino}
NODE_DIR=$HERE/node
WORK=$HERE/.work
MEDIA=$WORK/media
FILE_NAME=test.mp4
FILE=$MEDIA/$FILE_NAME
LOGS=$WORK/logs
MIB=1048576

log() { echo "[torrent] $*" >&2; }
die() { log "ERROR: $*"; exit 1; }
for tool in node npm aria2c opentracker mktorrent ffmpeg ffprobe curl python3; do
  command -v "$tool" >/dev/null ||
    die "$tool not found (apt-get install nodejs npm aria2 opentracker mktorrent ffmpeg curl python3)"
done
for c in $CLIENTS; do [[ $c == webtorrent || $c == peerflix || $c == kino ]] || die "unknown client '$c'"; done
[[ " $CLIENTS " != *" kino "* ]] || command -v jq >/dev/null || die "jq not found (apt-get install jq)"
rm -rf "$LOGS" "$WORK/clients"
mkdir -p "$MEDIA" "$LOGS" "$WORK/clients" "$WORK/swarm"
LOAD=$(cut -d' ' -f1-3 /proc/loadavg)
awk -v l="${LOAD%% *}" -v c="$(nproc)" 'BEGIN { exit !(l > c / 2) }' &&
  log "WARNING: load average is $LOAD before the run; other work on this machine will skew the figures"

# ---------- processes ----------
PIDS=()  # every long-running process we started; setsid makes each a process group leader
alive() { local s; s=$(ps -o stat= -p "$1" 2>/dev/null) && [[ $s != Z* ]]; }
stop() {  # TERM the process group, wait up to 10 s, then KILL it
  local pid=$1
  if alive "$pid"; then
    kill -TERM -- "-$pid" 2>/dev/null || kill -TERM "$pid" 2>/dev/null || true
    for _ in $(seq 100); do alive "$pid" || break; sleep 0.1; done
    alive "$pid" && { kill -KILL -- "-$pid" 2>/dev/null || kill -KILL "$pid" 2>/dev/null || true; }
  fi
  wait "$pid" 2>/dev/null || true
}
spawn() {  # spawn LOGFILE CMD... : start in its own process group, remember it; sets SPAWNED
  local out=$1; shift
  setsid "$@" > "$out" 2>&1 < /dev/null &
  SPAWNED=$!; PIDS+=("$SPAWNED")
}
cleanup() { local p; for p in "${PIDS[@]}"; do stop "$p"; done; PIDS=(); }
trap cleanup EXIT
trap 'exit 130' INT TERM

free_port() {  # a port free for both TCP and UDP on 127.0.0.1
  python3 -c '
import socket
while True:
    t = socket.socket(); t.bind(("127.0.0.1", 0)); p = t.getsockname()[1]
    u = socket.socket(type=socket.SOCK_DGRAM)
    try:
        u.bind(("127.0.0.1", p)); print(p); break
    except OSError:
        pass
'
}
now() { date +%s.%N; }
secs() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", b - a }'; }
rss_mb() { awk '/^VmHWM:/ { printf "%.0f", $2 * 1024 / 1e6 }' "/proc/$1/status" 2>/dev/null || echo; }

# ---------- the anchors, from npm (nothing vendored; node_modules is git-ignored) ----------
if [[ ! -d $NODE_DIR/node_modules/webtorrent-cli || ! -d $NODE_DIR/node_modules/peerflix ||
      $NODE_DIR/package-lock.json -nt $NODE_DIR/node_modules/.package-lock.json ]]; then
  log "installing webtorrent-cli and peerflix from npm (npm ci --ignore-scripts)"
  (cd "$NODE_DIR" && npm ci --ignore-scripts --no-audit --no-fund) > "$LOGS/npm.log" 2>&1 ||
    die "npm ci failed, see $LOGS/npm.log"
fi
WT_CMD=(node --require "$NODE_DIR/bench-preload.cjs" --import "$NODE_DIR/webtorrent-hooks.mjs"
  "$NODE_DIR/node_modules/webtorrent-cli/bin/cmd.js")
PF_CMD=(node --require "$NODE_DIR/bench-preload.cjs" "$NODE_DIR/node_modules/peerflix/app.js")

# ---------- the test file: H.264/AAC MP4 with moov at the end (made once) ----------
if [[ ! -f $FILE ]]; then
  log "encoding $FILE (${VIDEO_SECONDS} s of testsrc2 720p at ${VIDEO_KBPS} kbit/s; about a minute)"
  ffmpeg -v error -y -f lavfi -i "testsrc2=size=1280x720:rate=25" -f lavfi -i "sine=frequency=440:sample_rate=48000" \
    -t "$VIDEO_SECONDS" -c:v libx264 -preset veryfast -b:v "${VIDEO_KBPS}k" -maxrate "$((VIDEO_KBPS * 105 / 100))k" \
    -bufsize "$((VIDEO_KBPS * 2))k" -g 50 -pix_fmt yuv420p -c:a aac -b:a 128k "$MEDIA/tmp.mp4"
  mv "$MEDIA/tmp.mp4" "$FILE"
fi
SIZE=$(stat -c %s "$FILE")
DURATION=$(ffprobe -v error -show_entries format=duration -of csv=p=0 "$FILE")
MOOV_AT=$(python3 -c '
import struct, sys
d = open(sys.argv[1], "rb").read(); i = 0
while i < len(d):
    n, t = struct.unpack(">I4s", d[i:i + 8])
    if n == 1: n = struct.unpack(">Q", d[i + 8:i + 16])[0]
    if t == b"moov": print(i); break
    i += n
' "$FILE")
[[ -n $MOOV_AT ]] || die "no moov box in $FILE"
READER_RATE=${READER_RATE:-$(awk -v s="$SIZE" -v d="$DURATION" 'BEGIN { printf "%d", s / d }')}
SEEK_AT=$((SIZE * 8 / 10))
log "$FILE_NAME: $SIZE bytes, ${DURATION} s, moov at byte $MOOV_AT; reader at $READER_RATE B/s"

# ---------- the swarm: opentracker + one aria2c seeder, both restarted for every client run ----------
TRACKER_PID= SEEDER_PID= TRACKER_PORT= SEED_PORT= INFOHASH= MAGNET=
stop_swarm() {
  [[ -z $SEEDER_PID ]] || stop "$SEEDER_PID"
  [[ -z $TRACKER_PID ]] || stop "$TRACKER_PID"
  SEEDER_PID= TRACKER_PID=
}
start_swarm() {  # start_swarm TAG
  local tag=$1 dir=$WORK/swarm
  stop_swarm
  TRACKER_PORT=$(free_port); SEED_PORT=$(free_port)
  # The info dict does not hold the announce URL, so the infohash stays the same from run to run.
  rm -f "$dir/test.torrent"
  mktorrent -l "$PIECE_EXP" -d -a "http://127.0.0.1:$TRACKER_PORT/announce" -o "$dir/test.torrent" "$FILE" > /dev/null
  INFOHASH=$(aria2c -S "$dir/test.torrent" | awk '/^Info Hash:/ { print tolower($3) }')
  [[ ${#INFOHASH} == 40 ]] || die "no infohash for $dir/test.torrent"
  # opentracker from Debian only tracks whitelisted infohashes. Run as root it chroots to -d and
  # drops to -u, so the whitelist path is relative to the chroot.
  mkdir -p "$dir/tracker"; echo "$INFOHASH" > "$dir/tracker/whitelist.txt"
  echo "access.whitelist whitelist.txt" > "$dir/tracker/opentracker.conf"
  spawn "$LOGS/opentracker-$tag.log" opentracker -i 127.0.0.1 -p "$TRACKER_PORT" -P "$TRACKER_PORT" \
    -d "$dir/tracker" -u nobody -f "$dir/tracker/opentracker.conf"
  TRACKER_PID=$SPAWNED
  spawn "$LOGS/aria2c-$tag.out" aria2c --no-conf=true --enable-rpc=false -d "$MEDIA" \
    --seed-ratio=0 --enable-dht=false --enable-dht6=false --bt-enable-lpd=false --enable-peer-exchange=false \
    --check-integrity=true --bt-seed-unverified=true --max-overall-upload-limit="$SEED_RATE" \
    --listen-port="$SEED_PORT" --interface=127.0.0.1 --disable-ipv6=true \
    --summary-interval=0 --console-log-level=warn --log="$LOGS/aria2c-$tag.log" --log-level=info \
    "$dir/test.torrent"
  SEEDER_PID=$SPAWNED
  # Ready once the tracker lists the seeder as complete (a scrape shows "complete 1").
  local hash_q scrape i
  hash_q=$(python3 -c 'import sys, urllib.parse; print(urllib.parse.quote(bytes.fromhex(sys.argv[1])))' "$INFOHASH")
  for ((i = 0; i < 300; i++)); do
    scrape=$(curl -s --max-time 2 "http://127.0.0.1:$TRACKER_PORT/scrape?info_hash=$hash_q" | tr -d '\0' || true)
    [[ $scrape == *completei1e* ]] && break
    alive "$SEEDER_PID" || die "aria2c exited, see $LOGS/aria2c-$tag.*"
    alive "$TRACKER_PID" || die "opentracker exited, see $LOGS/opentracker-$tag.log"
    sleep 0.1
  done
  [[ $scrape == *completei1e* ]] || die "the seeder did not show up on the tracker in 30 s"
  local tr; tr=$(python3 -c 'import sys, urllib.parse; print(urllib.parse.quote(sys.argv[1], safe=""))' \
    "http://127.0.0.1:$TRACKER_PORT/announce")
  MAGNET="magnet:?xt=urn:btih:$INFOHASH&dn=$FILE_NAME&tr=$tr&x.pe=127.0.0.1:$SEED_PORT"
}

# ---------- clients: each start_<client> sets CLIENT_PID, T0 (magnet added), URL, CURL_AUTH ----------
# and knows how to tell "metadata" and "100 % downloaded". Fresh state directory every time.
CLIENT_PID= T0= URL= LAUNCH= STATE= CURL_AUTH=() FF_AUTH=()
KINO_OK=1 KINO_WHY= KINO_PORT= KINO_JAR=

anchor_t0() {  # the time the anchor opened its first server socket, written by bench-preload.cjs
  local i
  for ((i = 0; i < STEP_TIMEOUT * 20; i++)); do
    [[ -s $STATE/t0 ]] && { T0=$(cat "$STATE/t0"); return 0; }
    alive "$CLIENT_PID" || return 1; sleep 0.05
  done
  return 1
}

start_webtorrent() {
  local port; port=$(free_port)
  LAUNCH=$(now)
  spawn "$STATE/client.log" env KINO_BENCH_T0_FILE="$STATE/t0" KINO_BENCH_WEBTORRENT_UTP="$WEBTORRENT_UTP" \
    HOME="$STATE" TMPDIR="$STATE" "${WT_CMD[@]}" download "$MAGNET" --quiet -p "$port" \
    --torrent-port "$(free_port)" -o "$STATE/out" --on-done "touch $STATE/done"
  CLIENT_PID=$SPAWNED
  URL="http://127.0.0.1:$port/webtorrent/$INFOHASH/$FILE_NAME"
  CURL_AUTH=(); FF_AUTH=()
}
start_peerflix() {
  local port; port=$(free_port)
  LAUNCH=$(now)
  # peerflix ignores x.pe in magnets; -e gives it the same peer.
  spawn "$STATE/client.log" env KINO_BENCH_T0_FILE="$STATE/t0" HOME="$STATE" TMPDIR="$STATE" \
    "${PF_CMD[@]}" "$MAGNET" --no-dht -e "127.0.0.1:$SEED_PORT" -p "$port" --hostname 127.0.0.1 \
    -x "$(free_port)" -f "$STATE/out" --quiet --on-downloaded "touch $STATE/done"
  CLIENT_PID=$SPAWNED
  URL="http://127.0.0.1:$port/0"
  CURL_AUTH=(); FF_AUTH=()
}
# The anchors have no API: "metadata" is the moment their HTTP server answers HEAD for the file (200),
# and "done" is the marker file their on-done hook touches (webtorrent --on-done, peerflix --on-downloaded).
anchor_has_metadata() { [[ $(curl -s -o /dev/null -I --max-time 2 -w '%{http_code}' "$URL") == 200 ]]; }
anchor_done_at() { [[ -e $STATE/done ]] && date -r "$STATE/done" +%s.%N; }
webtorrent_has_metadata() { anchor_has_metadata; }
peerflix_has_metadata() { anchor_has_metadata; }
webtorrent_done_at() { anchor_done_at; }
peerflix_done_at() { anchor_done_at; }

kino_api() { curl -s --max-time 5 -b "$KINO_JAR" "$@"; }
start_kino() {  # Kino's server is started before the clock starts; T0 is the POST of the magnet
  if [[ ! -x $KINO ]]; then KINO_OK=0; KINO_WHY="no launcher at $KINO"; return 1; fi
  local data=$STATE/data i code
  mkdir -p "$data" "$STATE/media"
  KINO_JAR=$STATE/cookies
  printf 'secretpass\n' | timeout "$START_TIMEOUT" "$KINO" user add bench --data "$data" > "$STATE/user.log" 2>&1 ||
    { KINO_OK=0; KINO_WHY="kino user add failed, see $STATE/user.log"; return 1; }
  KINO_PORT=$(free_port)
  # shellcheck disable=SC2086  # KINO_TORRENT_ENV is a list of NAME=value words
  spawn "$STATE/client.log" env "$KINO_TORRENT_PORT_VAR=$(free_port)" $KINO_TORRENT_ENV \
    "$KINO" serve --media "$STATE/media" --data "$data" --host 127.0.0.1 --port "$KINO_PORT"
  CLIENT_PID=$SPAWNED
  for ((i = 0; i < START_TIMEOUT * 10; i++)); do
    grep -qs "listening on http://127.0.0.1:$KINO_PORT" "$STATE/client.log" && break
    alive "$CLIENT_PID" || { KINO_OK=0; KINO_WHY="kino serve exited, see $STATE/client.log"; return 1; }
    sleep 0.1
  done
  grep -q "listening on http://127.0.0.1:$KINO_PORT" "$STATE/client.log" ||
    { KINO_OK=0; KINO_WHY="kino did not start in ${START_TIMEOUT}s"; return 1; }
  code=$(curl -s -o /dev/null -w '%{http_code}' -c "$KINO_JAR" -H 'Content-Type: application/json' \
    -d '{"username":"bench","password":"secretpass"}' "http://127.0.0.1:$KINO_PORT/api/login")
  [[ $code == 200 ]] || { KINO_OK=0; KINO_WHY="login answered $code"; return 1; }
  local cookie; cookie=$(awk -F'\t' 'NF >= 7 { print $6 "=" $7 }' "$KINO_JAR" | paste -sd';' -)
  CURL_AUTH=(-b "$KINO_JAR"); FF_AUTH=(-headers "Cookie: $cookie"$'\r\n')
  URL="http://127.0.0.1:$KINO_PORT${KINO_FILE_PATH//\{infohash\}/$INFOHASH}"
  LAUNCH=$(now); T0=$LAUNCH
  code=$(jq -n --arg m "$MAGNET" '{magnet: $m}' | kino_api -o "$STATE/add.json" -w '%{http_code}' \
    -H 'Content-Type: application/json' --data-binary @- "http://127.0.0.1:$KINO_PORT/api/torrents") || code=000
  [[ $code == 2?? ]] || { KINO_OK=0; KINO_WHY="POST /api/torrents answered $code"; return 1; }
}
kino_view() { kino_api "http://127.0.0.1:$KINO_PORT/api/torrents/$INFOHASH"; }
kino_has_metadata() { kino_view | jq -e '(.files | length) > 0' > /dev/null 2>&1; }
kino_done_at() { kino_view | jq -e '.stats.progress >= 1' > /dev/null 2>&1 && now; }

# ---------- one client run ----------
declare -A R     # R[<client>.<metric>] = space-separated values, one per run
FAILED=()
add() { R[$1.$2]="${R[$1.$2]:-}${R[$1.$2]:+ }$3"; }
fail() { FAILED+=("$1"); log "CHECK FAILED: $1"; }

wait_metadata() {  # wait_metadata CLIENT -> seconds from T0, or fails
  local c=$1 i
  for ((i = 0; i < STEP_TIMEOUT * 20; i++)); do
    "${c}_has_metadata" && { secs "$T0" "$(now)"; return 0; }
    alive "$CLIENT_PID" || return 1; sleep 0.05
  done
  return 1
}

begin_run() {  # begin_run CLIENT TAG -> fresh swarm, fresh state, client started
  local c=$1 tag=$2
  start_swarm "$c-$tag"
  STATE=$WORK/clients/$c-$tag; rm -rf "$STATE"; mkdir -p "$STATE/out"
  CLIENT_PID=
  "start_$c" || return 1
  if [[ $c != kino ]]; then
    anchor_t0 || { fail "$c $tag: the client did not start (see $STATE/client.log)"; return 1; }
    add "$c" startup "$(secs "$LAUNCH" "$T0")"
  fi
}
end_run() { [[ -z $CLIENT_PID ]] || stop "$CLIENT_PID"; CLIENT_PID=; stop_swarm; }

latency_run() {  # metadata, first byte, first decoded frame, 1 MiB at 80 %
  local c=$1 tag=lat$2 t out code size ttfb total
  begin_run "$c" "$tag" || { end_run; return 1; }
  t=$(wait_metadata "$c") || { fail "$c $tag: no metadata in ${STEP_TIMEOUT}s"; end_run; return 0; }
  add "$c" meta "$t"

  out=$STATE/first-byte
  read -r code size < <(curl -s "${CURL_AUTH[@]}" --max-time "$STEP_TIMEOUT" -r 0-0 -o "$out" \
    -w '%{http_code} %{size_download}\n' "$URL" || true) || true
  t=$(secs "$T0" "$(now)")
  if [[ $code == 206 && $size == 1 ]] && cmp -s "$out" <(head -c 1 "$FILE"); then add "$c" byte "$t"
  else fail "$c $tag: first byte: status ${code:-none}, $size bytes"; fi

  # ffmpeg has to read the moov box at the end of the file before it can decode a frame.
  if timeout "$STEP_TIMEOUT" ffmpeg -nostdin -v error "${FF_AUTH[@]}" -rw_timeout "$((STEP_TIMEOUT * 1000000))" \
      -i "$URL" -frames:v 1 -f null - > "$STATE/ffmpeg.log" 2>&1; then
    add "$c" frame "$(secs "$T0" "$(now)")"
  else fail "$c $tag: ffmpeg decoded no frame (see $STATE/ffmpeg.log)"; fi

  out=$STATE/seek
  read -r code size ttfb total < <(curl -s "${CURL_AUTH[@]}" --max-time "$STEP_TIMEOUT" \
    -r "$SEEK_AT-$((SEEK_AT + MIB - 1))" -o "$out" \
    -w '%{http_code} %{size_download} %{time_starttransfer} %{time_total}\n' "$URL" || true) || true
  if [[ $code == 206 && $size == "$MIB" ]] && cmp -s "$out" <(tail -c +$((SEEK_AT + 1)) "$FILE" | head -c "$MIB"); then
    add "$c" seek "$(printf '%.2f' "$total")"; add "$c" seekttfb "$(printf '%.2f' "$ttfb")"
  else fail "$c $tag: 1 MiB at 80 %: status ${code:-none}, ${size:-0} bytes or wrong bytes"; fi
  end_run
}

download_run() {  # a reader streams the file from byte 0 at READER_RATE; time until the client has it all
  local c=$1 tag=dl$2 i done_at= reader code size
  begin_run "$c" "$tag" || { end_run; return 1; }
  wait_metadata "$c" > /dev/null || { fail "$c $tag: no metadata in ${STEP_TIMEOUT}s"; end_run; return 0; }
  spawn "$STATE/reader.log" curl -s "${CURL_AUTH[@]}" --max-time "$DL_TIMEOUT" --limit-rate "$READER_RATE" \
    -o "$STATE/reader.bin" -w '%{http_code} %{size_download}\n' "$URL"
  reader=$SPAWNED
  for ((i = 0; i < DL_TIMEOUT * 10; i++)); do
    done_at=$("${c}_done_at") && break
    alive "$CLIENT_PID" || break; sleep 0.1
  done
  if [[ -n $done_at ]]; then
    add "$c" total "$(secs "$T0" "$done_at")"
    add "$c" reader "$(stat -c %s "$STATE/reader.bin" 2>/dev/null | awk '{ printf "%.1f", $1 / 1e6 }')"
    # The client says it has everything: the whole file over HTTP must now match the original.
    read -r code size < <(curl -s "${CURL_AUTH[@]}" --max-time 60 -o "$STATE/all.bin" \
      -w '%{http_code} %{size_download}\n' "$URL" || true) || true
    [[ $code == 200 ]] && cmp -s "$STATE/all.bin" "$FILE" ||
      fail "$c $tag: after 100 %, GET of the whole file gave status ${code:-none}, ${size:-0} bytes or wrong bytes"
    rm -f "$STATE/all.bin"
  else
    fail "$c $tag: not 100 % after ${DL_TIMEOUT}s"
  fi
  local p=$CLIENT_PID  # the JVM for Kino (the launcher execs it, or else it is the launcher's java child)
  [[ $c != kino || $(cat "/proc/$p/comm" 2>/dev/null) == java ]] || p=$(pgrep -n -x java -P "$p") || p=$CLIENT_PID
  add "$c" rss "$(rss_mb "$p")"
  stop "$reader"; rm -f "$STATE/reader.bin"
  end_run
}

for c in $CLIENTS; do
  for ((run = 1; run <= RUNS; run++)); do
    [[ $c == kino && $KINO_OK == 0 ]] && break
    log "$c: latency run $run/$RUNS"
    latency_run "$c" "$run" || true
  done
  for ((run = 1; run <= RUNS; run++)); do
    [[ $c == kino && $KINO_OK == 0 ]] && break
    log "$c: download run $run/$RUNS"
    download_run "$c" "$run" || true
  done
  [[ $c == kino && $KINO_OK == 0 ]] && log "kino: not available ($KINO_WHY)"
done
LOAD_END=$(cut -d' ' -f1-3 /proc/loadavg)

# ---------- report ----------
median() { tr ' ' '\n' <<< "$1" | sort -g | awk '{ v[NR] = $1 } END { if (NR % 2) print v[(NR + 1) / 2]; else if (NR) printf "%.2f\n", (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
cell() {  # median, and min-max when there are several runs
  local v=${R[$1.$2]:-}
  [[ -n $v ]] || { echo -; return; }
  local m lo hi n; m=$(median "$v"); n=$(wc -w <<< "$v")
  lo=$(tr ' ' '\n' <<< "$v" | sort -g | head -1); hi=$(tr ' ' '\n' <<< "$v" | sort -g | tail -1)
  if ((n > 1)); then printf '%s (%s–%s)' "$m" "$lo" "$hi"; else printf '%s' "$m"; fi
}
ratio() {
  local a=${R[kino.$2]:-} b=${R[$1.$2]:-}
  [[ -n $a && -n $b ]] || { echo -; return; }
  awk -v a="$(median "$a")" -v b="$(median "$b")" 'BEGIN { if (b > 0) printf "%.2f", a / b; else print "-" }'
}
row() {
  printf '| %s | %s | %s | %s | %s | %s |\n' "$1" "$(cell webtorrent "$2")" "$(cell peerflix "$2")" \
    "$(cell kino "$2")" "$(ratio webtorrent "$2")" "$(ratio peerflix "$2")"
}
{
  echo "## Torrent streaming benchmark, $(date -u '+%Y-%m-%d %H:%M UTC'), $(nproc) cores, load average $LOAD at start, $LOAD_END at end"
  echo
  echo "$FILE_NAME: $SIZE bytes, ${DURATION%.*} s H.264/AAC, moov at the end; pieces of $((1 << PIECE_EXP >> 10)) KiB;"
  echo "one aria2c seeder capped at $SEED_RATE/s; $RUNS fresh runs per client and phase: median (min–max), seconds."
  echo
  echo "| Measure | webtorrent-cli | peerflix | Kino | Kino/webtorrent | Kino/peerflix |"
  echo "|---|---:|---:|---:|---:|---:|"
  row "Magnet → metadata (file listed)" meta
  row "Magnet → first byte of the file" byte
  row "Magnet → first decoded frame (ffmpeg)" frame
  row "Seek: 1 MiB at 80 %, time to last byte" seek
  row "Seek: same, time to first byte" seekttfb
  row "Magnet → 100 % while a reader streams at $((READER_RATE / 1000)) kB/s" total
  row "MB the reader had read when the client reached 100 %" reader
  row "Client peak RSS MB at 100 % (VmHWM)" rss
  row "Process start → magnet added (not in the figures above)" startup
  echo
  if [[ " $CLIENTS " == *" kino "* && $KINO_OK == 0 ]]; then echo "kino: not available ($KINO_WHY)"; echo; fi
  echo "Ratios are of medians; above 1 means Kino is slower (for RSS: bigger). webtorrent-cli 6.0.1 runs with"
  echo "uTP $([[ $WEBTORRENT_UTP == 1 ]] && echo on || echo off), no DHT/LSD/PEX/UPnP; peerflix 0.39.0 with --no-dht."
  if ((${#FAILED[@]})); then
    echo; echo "**Checks failed:**"; printf -- '- %s\n' "${FAILED[@]}"
  else
    echo; echo "Checks passed: every first byte, 80 % range and full download matched the file, and ffmpeg decoded a frame each time."
  fi
} | tee "$WORK/results.md"
for k in "${!R[@]}"; do echo "$k ${R[$k]}"; done | sort > "$WORK/results.raw"
((${#FAILED[@]} == 0))
