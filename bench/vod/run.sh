#!/usr/bin/env bash
# VOD benchmark: Kino against nginx (sendfile) on the same file, machine and run.
# Usage: bash bench/vod/run.sh        (see README.md for the knobs)
set -euo pipefail

DURATION=${DURATION:-15}              # seconds of the random 1 MiB range run
CONNECTIONS=${CONNECTIONS:-64}        # wrk connections of that run (2 threads)
FILE_SIZE_MB=${FILE_SIZE_MB:-1024}    # test file, MiB of random data
LATENCY_DURATION=${LATENCY_DURATION:-10}  # seconds of the keep-alive 4 KiB run
TTFB_REQUESTS=${TTFB_REQUESTS:-500}   # curl requests for time-to-first-byte
DOWNLOADS=${DOWNLOADS:-8}             # concurrent whole-file downloads
ONLY=${ONLY:-}                        # "nginx" or "kino" to run one side only
ROUNDS=${ROUNDS:-3}                   # interleaved rounds (nginx, Kino, then Kino, nginx, ...)
BIG_FILE_MB=${BIG_FILE_MB:-0}         # > 0: one more round on a file this big (MiB), for peak RSS against file size
KINO=${KINO:-}                        # Kino launcher (default: <repo>/kino)
START_TIMEOUT=${START_TIMEOUT:-600}   # seconds; Kino builds itself on first use

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
KINO=${KINO:-$(cd "$HERE/../.." && pwd)/kino}
WORK=$HERE/.work
MEDIA=$WORK/media
FILE_NAME=sample-${FILE_SIZE_MB}m.mp4  # Kino lists media extensions only; the bytes are random
FILE=$MEDIA/$FILE_NAME
FILE_BYTES=$((FILE_SIZE_MB * 1024 * 1024))
MIB=1048576
SMALL=4096

log() { echo "[vod] $*" >&2; }
die() { log "ERROR: $*"; exit 1; }
for tool in nginx wrk curl python3; do
  command -v "$tool" >/dev/null || die "$tool not found (apt-get install nginx-light wrk curl python3)"
done
[[ $ONLY == "" || $ONLY == nginx || $ONLY == kino ]] || die "ONLY must be nginx, kino or empty"
mkdir -p "$MEDIA" "$WORK/logs"
LOAD=$(cut -d' ' -f1 /proc/loadavg)
awk -v l="$LOAD" -v c="$(nproc)" 'BEGIN { exit !(l > c / 2) }' &&
  log "WARNING: load average is $LOAD before the run; other work on this machine will skew the figures"

# ---------- processes ----------
SERVER_PID=  # the one server running now (setsid makes it a process group leader)
alive() { local s; s=$(ps -o stat= -p "$1" 2>/dev/null) && [[ $s != Z* ]]; }
stop() {  # TERM, wait up to 15 s, then KILL the process group setsid gave it
  local pid=$1
  alive "$pid" || return 0
  kill -TERM "$pid" 2>/dev/null || true
  for _ in $(seq 150); do alive "$pid" || break; sleep 0.1; done
  alive "$pid" && kill -KILL -- "-$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
}
cleanup() { [[ -z $SERVER_PID ]] || stop "$SERVER_PID"; SERVER_PID=; }
trap cleanup EXIT
trap 'exit 130' INT TERM

free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'
}
rss_mb() {  # peak RSS (VmHWM) summed over the given pids, in MB
  local kb=0 p v
  for p in "$@"; do
    v=$(awk '/^VmHWM:/ {print $2}' "/proc/$p/status" 2>/dev/null || echo 0)
    kb=$((kb + ${v:-0}))
  done
  awk -v kb="$kb" 'BEGIN { printf "%.0f", kb * 1024 / 1e6 }'
}

# ---------- the test files (random data, made once) ----------
make_file() {  # make_file PATH BYTES
  if [[ ! -f $1 || $(stat -c %s "$1") -ne $2 ]]; then
    log "writing $1 ($(($2 / 1048576)) MiB of random data)"
    head -c "$2" /dev/urandom > "$1.tmp" && mv "$1.tmp" "$1"
  fi
}
make_file "$FILE" "$FILE_BYTES"
if ((BIG_FILE_MB > 0)); then
  BIG_NAME=sample-${BIG_FILE_MB}m.mp4; BIG_BYTES=$((BIG_FILE_MB * 1024 * 1024))
  make_file "$MEDIA/$BIG_NAME" "$BIG_BYTES"
fi
cat "$FILE" > /dev/null  # both servers start from a warm page cache

# ---------- measurements (one server at a time) ----------
declare -A R   # R[<server>.<metric>]
FAILED=()

check() {  # check SERVER "what" CONDITION-ARGS...
  local server=$1 what=$2; shift 2
  if "$@"; then return 0; fi
  FAILED+=("$server: $what"); log "CHECK FAILED ($server): $what"
}

# RESULT line of range.lua -> R[<server>.<prefix>_<key>]
parse_result() {
  local server=$1 prefix=$2 line kv
  line=$(grep '^RESULT ' "$3") || { FAILED+=("$server: wrk gave no result ($3)"); return 0; }
  for kv in ${line#RESULT }; do R[$server.${prefix}_${kv%%=*}]=${kv#*=}; done
}

preflight() {  # one 100-byte range and one 1 MiB range compared with the file
  local server=$1 url=$2 out=$WORK/logs/$1-preflight FILE=$MEDIA/$FNAME FILE_BYTES=$FBYTES
  local code off=$((FILE_BYTES / 3))
  code=$(curl -s -o "$out.body" -D "$out.headers" -r 0-99 -w '%{http_code}' "$url")
  check "$server" "Range 0-99 answered $code, expected 206" [ "$code" = 206 ]
  check "$server" "Content-Range of 0-99 is not 'bytes 0-99/$FILE_BYTES'" \
    grep -qi "^content-range: bytes 0-99/$FILE_BYTES" "$out.headers"
  curl -s -o "$out.body" -r "$off-$((off + MIB - 1))" "$url"
  check "$server" "bytes of a 1 MiB range differ from the file" \
    cmp -s "$out.body" <(tail -c +$((off + 1)) "$FILE" | head -c "$MIB")
}

measure() {  # measure KEY URL: KEY is <server>.<round>; the file is $FNAME of $FBYTES bytes
  local server=$1 url=$2 out=$WORK/logs/$1 FILE=$MEDIA/$FNAME FILE_BYTES=$FBYTES
  preflight "$server" "$url"

  log "$server: random 1 MiB ranges, wrk -t2 -c$CONNECTIONS -d${DURATION}s"
  wrk -t2 -c"$CONNECTIONS" -d"${DURATION}s" --timeout 10s -s "$HERE/range.lua" "$url" \
    -- "$FILE_BYTES" "$MIB" > "$out-ranges.txt"
  parse_result "$server" big "$out-ranges.txt"
  # response() would make wrk copy every 1 MiB body into Lua and halve its rate, so this run
  # checks statuses >= 400 and the mean bytes per response (a 200 would carry the whole file).
  local reqs=${R[$server.big_requests]:-0} bytes=${R[$server.big_bytes]:-0}
  R[$server.rps]=$(awk -v n="$reqs" -v us="${R[$server.big_duration_us]:-1}" 'BEGIN { printf "%.0f", n / (us / 1e6) }')
  check "$server" "1 MiB run: ${R[$server.big_status_errors]:-?} answers >= 400" [ "${R[$server.big_status_errors]:-1}" = 0 ]
  check "$server" "1 MiB run: mean response size is not ~1 MiB" \
    awk -v n="$reqs" -v b="$bytes" -v m="$MIB" 'BEGIN { exit !(n > 0 && b / n >= m && b / n < 1.1 * m) }'

  log "$server: 4 KiB ranges on one keep-alive connection, wrk -t1 -c1 -d${LATENCY_DURATION}s"
  wrk -t1 -c1 -d"${LATENCY_DURATION}s" -s "$HERE/range.lua" "$url" \
    -- "$FILE_BYTES" "$SMALL" count > "$out-latency.txt"
  parse_result "$server" small "$out-latency.txt"
  check "$server" "4 KiB run: ${R[$server.small_non206]:-?} answers were not 206" [ "${R[$server.small_non206]:-1}" = 0 ]

  log "$server: time to first byte, $TTFB_REQUESTS curl requests, new connection each"
  local i first
  for ((i = 0; i < TTFB_REQUESTS; i++)); do
    first=$(( ((RANDOM << 30) | (RANDOM << 15) | RANDOM) % (FILE_BYTES - SMALL) ))
    curl -s -o /dev/null --max-time 5 -r "$first-$((first + SMALL - 1))" \
      -w '%{http_code} %{time_starttransfer}\n' "$url" || true
  done > "$out-ttfb.txt"
  local bad; bad=$(awk -v n="$TTFB_REQUESTS" '$1 != 206 { b++ } END { print b + n - NR }' "$out-ttfb.txt")
  check "$server" "TTFB run: $bad of $TTFB_REQUESTS answers were not 206" [ "$bad" = 0 ]
  local p50 p99
  read -r p50 p99 < <(awk '{ print $2 * 1000 }' "$out-ttfb.txt" | sort -n |
    awk '{ v[NR] = $1 } END { printf "%.3f %.3f\n", v[int(NR * 0.5 + 0.999)], v[int(NR * 0.99 + 0.999)] }')
  R[$server.ttfb50]=$p50; R[$server.ttfb99]=$p99

  log "$server: $DOWNLOADS concurrent whole-file downloads"
  local pids=() t0 t1
  t0=$(date +%s.%N)
  for ((i = 0; i < DOWNLOADS; i++)); do
    curl -s -o /dev/null --max-time 300 -w '%{http_code} %{size_download}\n' "$url" > "$out-dl.$i" &
    pids+=($!)
  done
  for i in "${pids[@]}"; do wait "$i" || true; done
  t1=$(date +%s.%N)
  local total=0 code size
  for ((i = 0; i < DOWNLOADS; i++)); do
    read -r code size < "$out-dl.$i" || { code=000; size=0; }
    check "$server" "download $i: status $code, $size bytes" [ "$code" = 200 -a "$size" = "$FILE_BYTES" ]
    total=$((total + size))
  done
  R[$server.mbps]=$(awk -v b="$total" -v t0="$t0" -v t1="$t1" 'BEGIN { printf "%.0f", b / (t1 - t0) / 1e6 }')
}

run_nginx() {  # run_nginx ROUND
  local key=nginx.$1 port dir=$WORK/nginx pid
  port=$(free_port)
  mkdir -p "$dir/tmp"
  sed -e "s|@WORK@|$WORK|g" -e "s|@MEDIA@|$MEDIA|g" -e "s|@PORT@|$port|g" \
    "$HERE/nginx.conf.template" > "$dir/nginx.conf"
  setsid nginx -p "$dir" -c "$dir/nginx.conf" > "$WORK/logs/nginx.log" 2>&1 &
  pid=$!; SERVER_PID=$pid
  for _ in $(seq 100); do
    curl -s -o /dev/null "http://127.0.0.1:$port/" && break
    alive "$pid" || die "nginx exited, see $WORK/logs/nginx.log"; sleep 0.1
  done
  log "nginx $(nginx -v 2>&1 | sed 's|.*/||') on port $port"
  measure "$key" "http://127.0.0.1:$port/$FNAME"
  R[$key.rss]=$(rss_mb "$pid" $(ps -o pid= --ppid "$pid"))
  cleanup
}

run_kino() {  # run_kino ROUND
  [[ -x $KINO ]] || die "Kino launcher not found at $KINO (set KINO=...)"
  local key=kino.$1 port data=$WORK/kino-data jar=$WORK/kino-cookies pid java id url i
  port=$(free_port)
  rm -rf "$data" "$jar"; mkdir -p "$data"
  log "kino: creating user (the first use builds Kino with Maven)"
  printf 'secretpass\n' | timeout "$START_TIMEOUT" "$KINO" user add bench --data "$data" > "$WORK/logs/kino-user.log" 2>&1 ||
    die "kino user add failed, see $WORK/logs/kino-user.log"
  KINO_HTTP_MAX_CONNECTIONS_PER_ADDRESS=0 setsid "$KINO" serve --media "$MEDIA" --data "$data" --host 127.0.0.1 --port "$port" > "$WORK/logs/kino.log" 2>&1 &
  pid=$!; SERVER_PID=$pid
  for ((i = 0; i < START_TIMEOUT * 10; i++)); do
    grep -q "listening on http://127.0.0.1:$port" "$WORK/logs/kino.log" && break
    alive "$pid" || die "kino exited, see $WORK/logs/kino.log"; sleep 0.1
  done
  grep -q "listening on http://127.0.0.1:$port" "$WORK/logs/kino.log" || die "kino did not start in ${START_TIMEOUT}s"
  # The launcher execs java, so $pid is the JVM; otherwise take its java child.
  java=$pid; [[ $(cat "/proc/$pid/comm") == java ]] || java=$(pgrep -n -x java -P "$pid") || die "no java process under $pid"

  local code
  code=$(curl -s -o /dev/null -w '%{http_code}' -c "$jar" -H 'Content-Type: application/json' \
    -d '{"username":"bench","password":"secretpass"}' "http://127.0.0.1:$port/api/login")
  [[ $code == 200 ]] || die "kino login answered $code"
  for _ in $(seq 120); do  # the library may be scanned in the background
    id=$(curl -s -b "$jar" "http://127.0.0.1:$port/api/library" | python3 -c '
import json, sys
items = json.load(sys.stdin)
print(next((str(i["id"]) for i in items if i["path"] == sys.argv[1] and i["size"] == int(sys.argv[2])), ""))
' "$FNAME" "$FBYTES" 2>/dev/null) || true
    [[ -n $id ]] && break; sleep 0.5
  done
  [[ -n $id ]] || die "$FNAME not found in /api/library"
  url=$("$KINO" sign "/media/$id" --ttl 2h --data "$data" --base-url "http://127.0.0.1:$port" | grep '^http' | tail -n 1) ||
    die "kino sign printed no URL"
  log "kino on port $port (java pid $java), item $id, signed URL $url"
  measure "$key" "$url"
  R[$key.rss]=$(rss_mb "$java")
  cleanup
}

FNAME=$FILE_NAME; FBYTES=$FILE_BYTES
for ((round = 1; round <= ROUNDS; round++)); do  # interleaved: the order flips every round
  if ((round % 2)); then
    [[ $ONLY == kino ]] || run_nginx "$round"; [[ $ONLY == nginx ]] || run_kino "$round"
  else
    [[ $ONLY == nginx ]] || run_kino "$round"; [[ $ONLY == kino ]] || run_nginx "$round"
  fi
done
if ((BIG_FILE_MB > 0)); then
  FNAME=$BIG_NAME; FBYTES=$BIG_BYTES
  [[ $ONLY == kino ]] || run_nginx big; [[ $ONLY == nginx ]] || run_kino big
fi

# ---------- report ----------
# median over the rounds of a list of numbers (one per line)
median() { sort -n | awk '{ v[NR] = $1 } END { if (NR == 0) print "-"; else if (NR % 2) print v[(NR + 1) / 2]; else printf "%.3f\n", (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
values() {  # values SERVER METRIC: one line per round that has it
  local r; for ((r = 1; r <= ROUNDS; r++)); do [[ -n ${R[$1.$r.$2]:-} ]] && echo "${R[$1.$r.$2]}"; done; return 0
}
ratios() {  # ratios METRIC: Kino/nginx per round
  local r; for ((r = 1; r <= ROUNDS; r++)); do
    [[ -n ${R[kino.$r.$1]:-} && -n ${R[nginx.$r.$1]:-} ]] &&
      awk -v a="${R[kino.$r.$1]}" -v b="${R[nginx.$r.$1]}" 'BEGIN { if (b > 0) printf "%.2f\n", a / b }'
  done; return 0
}
row() {
  local m=$2 rs spread
  rs=$(ratios "$m")
  spread=$(echo "$rs" | { grep . || true; } | sort -n | awk 'NR == 1 { lo = $1 } { hi = $1 } END { if (NR) printf "%s to %s", lo, hi; else print "-" }')
  printf '| %s | %s | %s | %s | %s |\n' "$1" "$(values nginx "$m" | median)" "$(values kino "$m" | median)" \
    "$(echo "$rs" | { grep . || true; } | median)" "$spread"
}
ms() {  # microseconds from wrk to milliseconds
  local s r; for s in nginx kino; do for ((r = 1; r <= ROUNDS; r++)); do
    [[ -n ${R[$s.$r.$1]:-} ]] && R[$s.$r.$2]=$(awk -v u="${R[$s.$r.$1]}" 'BEGIN { printf "%.3f", u / 1000 }')
  done; done; return 0
}
ms small_p50_us lat50; ms small_p99_us lat99
{
  echo "## VOD benchmark, $(date -u '+%Y-%m-%d %H:%M UTC'), $(nproc) cores, ${FILE_SIZE_MB} MiB file, $ROUNDS interleaved rounds, load average $LOAD at start"
  echo
  echo "Medians over the rounds; the ratio is taken per round, then its median and its spread (lowest to highest)."
  echo
  echo "| Measure | nginx | Kino | Kino/nginx | spread |"
  echo "|---|---:|---:|---:|---|"
  row "Random 1 MiB ranges/s (wrk -t2 -c$CONNECTIONS, ${DURATION} s)" rps
  row "MB/s, $DOWNLOADS concurrent whole-file downloads (curl)" mbps
  row "TTFB p50 ms, 4 KiB ranges, new connection each (curl, $TTFB_REQUESTS req)" ttfb50
  row "TTFB p99 ms, same" ttfb99
  row "4 KiB range p50 ms, one keep-alive connection (wrk -t1 -c1, ${LATENCY_DURATION} s)" lat50
  row "4 KiB range p99 ms, same" lat99
  row "Peak RSS MB (VmHWM; nginx: master + workers)" rss
  if ((BIG_FILE_MB > 0)); then
    echo
    echo "Peak RSS against file size (the same runs on a ${BIG_FILE_MB} MiB file): nginx ${R[nginx.big.rss]:--} MB," \
      "Kino ${R[kino.big.rss]:--} MB (${R[kino.big.rps]:--} ranges/s, ${R[kino.big.mbps]:--} MB/s; nginx ${R[nginx.big.rps]:--}, ${R[nginx.big.mbps]:--})."
  fi
  echo
  echo "MB = 10^6 bytes. Ratios above 1 are better for Kino in the first two rows and worse in the others."
  if ((${#FAILED[@]})); then
    echo; echo "**Checks failed, these figures are not valid:**"; printf -- '- %s\n' "${FAILED[@]}"
  else
    echo; echo "Checks passed: sampled ranges match the file; the 4 KiB and TTFB runs got only 206;"
    echo "the 1 MiB run got no errors and ~1 MiB per answer; every download was complete."
  fi
} | tee "$WORK/results.md"
((${#FAILED[@]} == 0))
