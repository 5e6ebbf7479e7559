#!/usr/bin/env bash
# Transcode benchmark: Kino's on-the-fly conversion (HLS remux/transcode, /convert) against ffmpeg run alone.
# Usage: bash bench/transcode/run.sh        (see README.md for the knobs)
set -euo pipefail

REPS=${REPS:-5}                          # repetitions of each HLS start-up / seek measurement (median reported)
SOURCE_SECONDS=${SOURCE_SECONDS:-120}    # length of the generated sources
TRANSCODE_SOURCE=${TRANSCODE_SOURCE:-mpeg4}  # "mpeg4" (MPEG-4 part 2 + MP3 in AVI) or "hevc" (HEVC + AAC in MKV)
CONVERT_FROM=${CONVERT_FROM:-transcode}  # which source /convert?format=mp4 reads: "transcode" or "remux"
CONVERT_REPS=${CONVERT_REPS:-1}          # conversions by Kino and by ffmpeg alone, taken in turn (median reported)
PARTS=${PARTS:-hls,convert,cpu}          # comma-separated subset of hls, convert, cpu
KINO=${KINO:-}                           # Kino launcher (default: <repo>/kino)
START_TIMEOUT=${START_TIMEOUT:-600}      # seconds; Kino builds itself on first use

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO=$(cd "$HERE/../.." && pwd)
KINO=${KINO:-$REPO/kino}
WORK=$HERE/.work
MEDIA=$WORK/media
LOGS=$WORK/logs
JAR=$WORK/kino-cookies
TCK=$(getconf CLK_TCK)

log() { echo "[transcode] $*" >&2; }
die() { log "ERROR: $*"; exit 1; }
for tool in ffmpeg ffprobe curl python3 pgrep; do
  command -v "$tool" >/dev/null || die "$tool not found (apt-get install ffmpeg curl python3 procps)"
done
[[ $REPS =~ ^[1-9][0-9]?$ ]] || die "REPS must be 1..99"
[[ $CONVERT_REPS =~ ^[1-9]$ ]] || die "CONVERT_REPS must be 1..9"
[[ $SOURCE_SECONDS =~ ^[1-9][0-9]{1,3}$ ]] || die "SOURCE_SECONDS must be 10..9999"
[[ $CONVERT_FROM == transcode || $CONVERT_FROM == remux ]] || die "CONVERT_FROM must be transcode or remux"
for p in ${PARTS//,/ }; do [[ $p == hls || $p == convert || $p == cpu ]] || die "unknown part '$p' in PARTS"; done
want() { [[ ,$PARTS, == *,$1,* ]]; }
mkdir -p "$MEDIA" "$LOGS"
LOAD=$(cut -d' ' -f1 /proc/loadavg)
awk -v l="$LOAD" -v c="$(nproc)" 'BEGIN { exit !(l > c / 2) }' &&
  log "WARNING: load average is $LOAD before the run; other work on this machine will skew the figures"

# ---------- the sources (made once, same picture and sound) ----------
REMUX_FILE=remux-h264-aac-1080p-${SOURCE_SECONDS}s.mkv
case $TRANSCODE_SOURCE in
  mpeg4) TRANSCODE_FILE=transcode-mpeg4-mp3-1080p-${SOURCE_SECONDS}s.avi; TRANSCODE_CODECS="mpeg4 mp3"
         TRANSCODE_ARGS=(-c:v mpeg4 -vtag xvid -q:v 3 -g 60 -c:a libmp3lame -b:a 128k -f avi) ;;
  hevc)  TRANSCODE_FILE=transcode-hevc-aac-1080p-${SOURCE_SECONDS}s.mkv; TRANSCODE_CODECS="hevc aac"
         TRANSCODE_ARGS=(-c:v libx265 -preset ultrafast -x265-params log-level=error -g 60 -c:a aac -f matroska) ;;
  *) die "TRANSCODE_SOURCE must be mpeg4 or hevc" ;;
esac
REMUX_CODECS="h264 aac"
make_source() {  # NAME ENCODER-ARGS...: 1080p30 test pattern + 440 Hz tone, SOURCE_SECONDS long
  local name=$1; shift
  [[ -f $MEDIA/$name ]] && return 0
  log "making $name (once; about half a minute to a minute on 2 cores)"
  ffmpeg -nostdin -hide_banner -loglevel error -y -f lavfi -i testsrc2=size=1920x1080:rate=30 -f lavfi -i sine \
    -t "$SOURCE_SECONDS" "$@" "$MEDIA/$name.tmp" || die "ffmpeg could not make $name"
  mv "$MEDIA/$name.tmp" "$MEDIA/$name"
}
make_source "$REMUX_FILE" -c:v libx264 -preset veryfast -g 60 -c:a aac -f matroska
make_source "$TRANSCODE_FILE" "${TRANSCODE_ARGS[@]}"
if [[ $CONVERT_FROM == remux ]]; then CONVERT_FILE=$REMUX_FILE; else CONVERT_FILE=$TRANSCODE_FILE; fi
ARGV=()  # the argv of the ffmpeg Kino runs for /convert, run again alone
warm() { cat "$MEDIA/$1" > /dev/null; }  # page cache warm before each measurement: no disk in the figures

# ---------- Kino ----------
SERVER_PID=; JAVA=; POLLER=
alive() { local s; s=$(ps -o stat= -p "$1" 2>/dev/null) && [[ $s != Z* ]]; }
stop() {  # TERM, wait up to 15 s, then KILL the process group setsid gave it
  local pid=$1
  alive "$pid" || return 0
  kill -TERM "$pid" 2>/dev/null || true
  for _ in $(seq 150); do alive "$pid" || break; sleep 0.1; done
  alive "$pid" && kill -KILL -- "-$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
}
cleanup() {
  [[ -z $POLLER ]] || { kill "$POLLER" 2>/dev/null || true; wait "$POLLER" 2>/dev/null || true; POLLER=; }
  [[ -z $SERVER_PID ]] || stop "$SERVER_PID"; SERVER_PID=
}
trap cleanup EXIT
trap 'exit 130' INT TERM

free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'
}

[[ -x $KINO ]] || die "Kino launcher not found at $KINO (set KINO=...)"
PORT=$(free_port); BASE=http://127.0.0.1:$PORT; DATA=$WORK/kino-data
rm -rf "$DATA" "$JAR"; mkdir -p "$DATA"
log "kino: creating user (the first use builds Kino with Maven)"
printf 'secretpass\n' | timeout "$START_TIMEOUT" "$KINO" user add bench --data "$DATA" > "$LOGS/kino-user.log" 2>&1 ||
  die "kino user add failed, see $LOGS/kino-user.log"
setsid "$KINO" serve --media "$MEDIA" --data "$DATA" --host 127.0.0.1 --port "$PORT" > "$LOGS/kino.log" 2>&1 &
SERVER_PID=$!
for ((i = 0; i < START_TIMEOUT * 10; i++)); do
  grep -q "listening on $BASE" "$LOGS/kino.log" && break
  alive "$SERVER_PID" || die "kino exited, see $LOGS/kino.log"; sleep 0.1
done
grep -q "listening on $BASE" "$LOGS/kino.log" || die "kino did not start in ${START_TIMEOUT}s"
# The launcher execs java, so SERVER_PID is the JVM; otherwise take its java child.
JAVA=$SERVER_PID
[[ $(cat "/proc/$JAVA/comm") == java ]] || JAVA=$(pgrep -n -x java -P "$SERVER_PID") || die "no java process under $SERVER_PID"
code=$(curl -s -o /dev/null -w '%{http_code}' -c "$JAR" -H 'Content-Type: application/json' \
  -d '{"username":"bench","password":"secretpass"}' "$BASE/api/login")
[[ $code == 200 ]] || die "kino login answered $code"

declare -A ID DUR  # per source file: library id, duration in seconds (once ffprobe has read it)
lookup() {  # FILE "VCODEC ACODEC": polls /api/library until the file has a duration
  local name=$1 codecs=$2 line v a
  for _ in $(seq 120); do
    line=$(curl -s -b "$JAR" "$BASE/api/library" | python3 -c '
import json, sys
for i in json.load(sys.stdin):
    if i.get("path") == sys.argv[1] and i.get("duration"):
        print(i["id"], i["duration"], i.get("videoCodec"), i.get("audioCodec"))
' "$name" 2>/dev/null) || true
    [[ -n $line ]] && break; sleep 0.5
  done
  [[ -n $line ]] || die "$name has no duration in /api/library after 60 s"
  read -r ID[$name] DUR[$name] v a <<< "$line"
  [[ "$v $a" == "$codecs" ]] || die "$name: Kino reports codecs '$v $a', expected '$codecs'"
}
lookup "$REMUX_FILE" "$REMUX_CODECS"
lookup "$TRANSCODE_FILE" "$TRANSCODE_CODECS"
log "kino on port $PORT, java pid $JAVA; $REMUX_FILE = ${ID[$REMUX_FILE]}, $TRANSCODE_FILE = ${ID[$TRANSCODE_FILE]}"

# ---------- helpers ----------
declare -A R   # R[<key>] figures for the report
FAILED=(); NOTES=()
check() {  # check "what" CONDITION-ARGS...
  local what=$1; shift
  "$@" && return 0
  FAILED+=("$what"); log "CHECK FAILED: $what"
}
note() { NOTES+=("$1"); log "note: $1"; }

cpu() {  # "<JVM ticks> <reaped children ticks>": utime+stime and cutime+cstime of the JVM
  local s f; s=$(< "/proc/$JAVA/stat"); s=${s##*) }
  read -ra f <<< "$s"
  echo "$((f[11] + f[12])) $((f[13] + f[14]))"
}
no_children() {  # waits (up to 10 s) until the JVM has no ffmpeg/ffprobe child left, so cutime is complete
  for _ in $(seq 100); do
    pgrep -P "$JAVA" -x 'ffmpeg|ffprobe' > /dev/null || return 0; sleep 0.1
  done
  log "WARNING: ffmpeg still running under the JVM after 10 s"
}
secs() { awk -v t="$1" -v k="$TCK" 'BEGIN { printf "%.2f", t / k }'; }
fmt() { awk -v v="$1" -v f="$2" 'BEGIN { printf f, v }'; }
stats() {  # numbers on stdin, scaled by $1 -> "median (min–max)" printed with format $2
  sort -g | awk -v m="$1" -v f="$2" '{ v[NR] = $1 * m } END {
    if (NR == 0) { print "-"; exit }
    med = NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2
    if (NR == 1) printf f "\n", med; else printf f " (" f "–" f ")\n", med, v[1], v[NR] }'
}
median() { sort -g | awk '{ v[NR] = $1 } END { if (NR) print NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

timed_get() {  # URL OUT -> "code ttfb total bytes tries curl_rc"; a 503 (all slots busy) is retried up to 20 times
  local url=$1 out=$2 line i rc
  for ((i = 1; i <= 20; i++)); do
    rc=0
    line=$(curl -s -b "$JAR" -o "$out" --max-time 300 \
      -w '%{http_code} %{time_starttransfer} %{time_total} %{size_download}' "$url") || rc=$?
    [[ ${line%% *} == 503 ]] || break
    sleep 0.5
  done
  echo "${line:-000 0 0 0} $i $rc"
}

segments() {  # PLAYLIST -> "index start duration uri" per segment
  awk '/^#EXTINF:/ { d = substr($0, 9); sub(/,.*/, "", d); next }
       /^[^#]/ && d != "" { u = $0; sub(/\?.*/, "", u); printf "%d %.6f %.6f %s\n", n++, t, d, u; t += d; d = "" }' "$1"
}

probe_video() {  # FILE -> "codec start duration" of its first video stream
  ffprobe -v error -select_streams v:0 -show_entries stream=codec_name,start_time,duration -of csv=p=0 "$1" 2>/dev/null |
    head -n 1 | tr ',' ' '
}

fetch_playlist() {  # MODE FILE OUT -> checks it; prints "code seconds"
  local mode=$1 name=$2 out=$3 line
  line=$(curl -s -b "$JAR" -o "$out" -w '%{http_code} %{time_total}' "$BASE/media/${ID[$name]}/hls/$mode/index.m3u8") || true
  echo "$line"
}

check_playlist() {  # MODE FILE PLAYLIST
  local mode=$1 name=$2 pl=$3 total
  check "$mode playlist has no #EXT-X-ENDLIST" grep -q '^#EXT-X-ENDLIST' "$pl"
  total=$(segments "$pl" | awk '{ t += $3 } END { print t + 0 }')
  check "$mode playlist covers $total s, the file ${DUR[$name]} s" \
    awk -v a="$total" -v b="${DUR[$name]}" 'BEGIN { exit !(a > b - 0.5 && a < b + 0.5) }'
}

# ---------- 1. HLS start-up and seek ----------
hls_startup() {  # MODE FILE
  local mode=$1 name=$2 dir=$WORK/hls/$1 c0 c1 line code t rep seek seek_start seek_dur
  rm -rf "$dir"; mkdir -p "$dir"
  local url=$BASE/media/${ID[$name]}/hls/$mode
  warm "$name"
  log "hls $mode ($name): first playlist fetch, then $REPS x (playlist, segment 0, segment at 75%)"
  no_children; c0=$(cpu)
  read -r code t < <(fetch_playlist "$mode" "$name" "$dir/index.m3u8") || true
  no_children; c1=$(cpu)
  check "$mode playlist answered $code" [ "$code" = 200 ]
  R[$mode.pl_cold]=$(awk -v t="$t" 'BEGIN { printf "%.1f", t * 1000 }')
  R[$mode.pl_cold_cpu]=$(secs $(( ${c1% *} + ${c1#* } - ${c0% *} - ${c0#* } )))
  check_playlist "$mode" "$name" "$dir/index.m3u8"
  segments "$dir/index.m3u8" > "$dir/segments.txt"
  R[$mode.count]=$(wc -l < "$dir/segments.txt")
  # the seek target: the segment holding 75% of the duration
  read -r seek seek_start seek_dur _ < <(awk -v t="$(awk -v d="${DUR[$name]}" 'BEGIN { print d * 0.75 }')" \
    '$2 <= t && t < $2 + $3' "$dir/segments.txt") || true
  [[ -n ${seek:-} ]] || die "$mode: no segment holds 75% of the duration"
  R[$mode.seek]=$seek; R[$mode.seek_start]=$(fmt "$seek_start" '%.1f')
  : > "$dir/playlist.txt"; : > "$dir/seg0.txt"; : > "$dir/seek.txt"
  for ((rep = 1; rep <= REPS; rep++)); do
    fetch_playlist "$mode" "$name" "$dir/index.m3u8" >> "$dir/playlist.txt"
    timed_get "$url/0.ts" "$dir/0.ts" >> "$dir/seg0.txt"
    timed_get "$url/$seek.ts" "$dir/$seek.ts" >> "$dir/seek.txt"
  done
  local f bad
  for f in playlist seg0 seek; do
    bad=$(awk '$1 != 200 || (NF >= 6 && ($4 == 0 || $6 != 0)) { b++ } END { print b + 0 }' "$dir/$f.txt")
    check "$mode $f: $bad of $REPS answers not 200, empty or cut short" [ "$bad" = 0 ]
  done
  R[$mode.retries]=$(cat "$dir/seg0.txt" "$dir/seek.txt" | awk '{ r += $5 - 1 } END { print r + 0 }')
  R[$mode.pl_warm]=$(awk '{ print $2 }' "$dir/playlist.txt" | stats 1000 '%.1f')
  R[$mode.seg0_ttfb]=$(awk '{ print $2 }' "$dir/seg0.txt" | stats 1000 '%.0f')
  R[$mode.seg0_total]=$(awk '{ print $3 }' "$dir/seg0.txt" | stats 1000 '%.0f')
  R[$mode.seek_ttfb]=$(awk '{ print $2 }' "$dir/seek.txt" | stats 1000 '%.0f')
  R[$mode.seek_total]=$(awk '{ print $3 }' "$dir/seek.txt" | stats 1000 '%.0f')
  R[$mode.seg0_mb]=$(awk '{ print $4 }' "$dir/seg0.txt" | median | awk '{ printf "%.1f", $1 / 1e6 }')
  # what came back is a playable segment of the right length, where the playlist says it is
  local codec vstart vdur pstart pdur
  for f in 0 "$seek"; do
    read -r codec vstart vdur < <(probe_video "$dir/$f.ts") || true
    read -r _ pstart pdur _ < <(awk -v i="$f" '$1 == i' "$dir/segments.txt") || true
    check "$mode segment $f: video is '${codec:-none}', expected h264" [ "${codec:-}" = h264 ]
    check "$mode segment $f: ${vdur:-0} s of video, the playlist says $pdur s" \
      awk -v v="${vdur:-0}" -v p="$pdur" 'BEGIN { exit !(v >= p - 0.25) }'
    awk -v v="${vstart:-0}" -v p="$pstart" 'BEGIN { exit !(v < p - 0.1) }' &&
      note "$mode segment $f: video starts at $(fmt "$vstart" '%.2f') s, the playlist puts it at $(fmt "$pstart" '%.2f') s ($(fmt "$vdur" '%.2f') s of video for a $(fmt "$pdur" '%.2f') s segment)"
  done
  return 0
}

# ---------- 2. conversion to MP4: Kino against the same ffmpeg command run alone ----------
convert_kino() {  # URL OUT-LIST: one Kino conversion to /dev/null -> "wall ttfb cpu_ticks jvm_ticks bytes code curl_rc"
  local c0 c1 code ttfb total bytes tries rc
  warm "$CONVERT_FILE"; no_children
  c0=$(cpu)
  read -r code ttfb total bytes tries rc < <(timed_get "$1" /dev/null) || true
  no_children; c1=$(cpu)
  echo "$total $ttfb $(( ${c1% *} + ${c1#* } - ${c0% *} - ${c0#* } )) $(( ${c1% *} - ${c0% *} )) $bytes $code $rc" >> "$2"
}
convert_direct() {  # OUT-LIST: the argv in ARGV run alone -> "wall cpu_ticks bytes rc"
  local out rc t0 t1 f bytes
  warm "$CONVERT_FILE"
  # a subshell runs ffmpeg, then reads its own cutime/cstime: the CPU of ffmpeg alone
  out=$( (t0=$EPOCHREALTIME; rc=0; "${ARGV[@]}" < /dev/null > /dev/null 2> "$WORK/convert/direct.stderr" || rc=$?
          t1=$EPOCHREALTIME; read -r st < "/proc/$BASHPID/stat"; echo "$rc $t0 $t1 ${st##*) }") )
  read -r rc t0 t1 _ <<< "$out"; read -ra f <<< "${out#* * * }"
  bytes=$(grep '^total_size=' "$WORK/convert/direct.stderr" | tail -n 1 | cut -d= -f2)  # from -progress
  echo "$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.3f", b - a }') $(( f[13] + f[14] )) ${bytes:-0} $rc" >> "$1"
}
convert_speed() {
  local name=$CONVERT_FILE url=$BASE/media/${ID[$CONVERT_FILE]}/convert?format=mp4 dir=$WORK/convert rep
  rm -rf "$dir"; mkdir -p "$dir"; : > "$dir/kino.txt"; : > "$dir/direct.txt"
  for ((rep = 1; rep <= CONVERT_REPS; rep++)); do
    log "convert $rep/$CONVERT_REPS: GET /media/{id}/convert?format=mp4 of $name ($(fmt "${DUR[$name]}" '%.1f') s) to /dev/null"
    if ((rep == 1)); then
      ( # reads the argv of the ffmpeg Kino starts, for the direct run
        for _ in $(seq 600); do
          p=$(pgrep -n -P "$JAVA" -x ffmpeg) && tr '\0' '\n' < "/proc/$p/cmdline" > "$dir/argv.txt" && [[ -s $dir/argv.txt ]] && exit 0
          sleep 0.05
        done
      ) & POLLER=$!
    fi
    convert_kino "$url" "$dir/kino.txt"
    if ((rep == 1)); then
      wait "$POLLER" || true; POLLER=
      if [[ -s $dir/argv.txt ]] && grep -qx 'pipe:1' "$dir/argv.txt"; then
        mapfile -t ARGV < "$dir/argv.txt"
      else
        FAILED+=("could not read the argv of Kino's ffmpeg; the direct run used the documented command")
        ARGV=(ffmpeg -nostdin -hide_banner -loglevel error -progress pipe:2 -nostats -i "file:$MEDIA/$name"
          -map '0:V:0?' -map '0:a:0?' -c:v libx264 -preset veryfast -pix_fmt yuv420p -c:a aac
          -f mp4 -movflags frag_keyframe+empty_moov+default_base_moof pipe:1)
      fi
      printf '%q ' "${ARGV[@]}" > "$LOGS/convert-argv.txt"; echo >> "$LOGS/convert-argv.txt"
      log "convert: Kino ran $(cat "$LOGS/convert-argv.txt")"
    fi
    log "convert $rep/$CONVERT_REPS: the same argv run alone"
    convert_direct "$dir/direct.txt"
  done
  local bad
  bad=$(awk '$6 != 200 || $7 != 0 || $5 < 1000000 { b++ } END { print b + 0 }' "$dir/kino.txt")
  check "convert: $bad of $CONVERT_REPS Kino answers not 200, cut short or under 1 MB" [ "$bad" = 0 ]
  bad=$(awk '$4 != 0 { b++ } END { print b + 0 }' "$dir/direct.txt")
  check "convert: ffmpeg alone failed $bad times (see $dir/direct.stderr)" [ "$bad" = 0 ]
  local kb db
  kb=$(awk '{ print $5 }' "$dir/kino.txt" | median); db=$(awk '{ print $3 }' "$dir/direct.txt" | median)
  check "convert: ffmpeg alone wrote $db bytes, Kino sent $kb (more than 5% apart)" \
    awk -v a="${db:-0}" -v b="${kb:-0}" 'BEGIN { exit !(a > 0 && b > 0.95 * a && b < 1.05 * a) }'
  local d=${DUR[$name]} kw dw kc dc
  kw=$(awk '{ print $1 }' "$dir/kino.txt" | median); dw=$(awk '{ print $1 }' "$dir/direct.txt" | median)
  kc=$(awk '{ print $3 }' "$dir/kino.txt" | median); dc=$(awk '{ print $2 }' "$dir/direct.txt" | median)
  R[kino.wall]=$(awk '{ print $1 }' "$dir/kino.txt" | stats 1 '%.1f')
  R[direct.wall]=$(awk '{ print $1 }' "$dir/direct.txt" | stats 1 '%.1f')
  R[kino.x]=$(awk -v d="$d" -v t="$kw" 'BEGIN { printf "%.2f", d / t }')
  R[direct.x]=$(awk -v d="$d" -v t="$dw" 'BEGIN { printf "%.2f", d / t }')
  R[ratio.wall]=$(awk -v k="$kw" -v a="$dw" 'BEGIN { printf "%.2f", k / a }')
  R[kino.cpu]=$(awk '{ print $3 }' "$dir/kino.txt" | stats "$(awk -v k="$TCK" 'BEGIN { print 1 / k }')" '%.1f')
  R[direct.cpu]=$(awk '{ print $2 }' "$dir/direct.txt" | stats "$(awk -v k="$TCK" 'BEGIN { print 1 / k }')" '%.1f')
  R[ratio.cpu]=$(awk -v k="$kc" -v a="$dc" 'BEGIN { if (a > 0) printf "%.2f", k / a; else print "-" }')
  R[kino.cpu_jvm]=$(awk '{ print $4 }' "$dir/kino.txt" | stats "$(awk -v k="$TCK" 'BEGIN { print 1 / k }')" '%.2f')
  R[kino.ttfb]=$(awk '{ print $2 }' "$dir/kino.txt" | stats 1 '%.2f')
  R[kino.mb]=$(awk -v b="$kb" 'BEGIN { printf "%.1f", b / 1e6 }'); R[direct.mb]=$(awk -v b="$db" 'BEGIN { printf "%.1f", b / 1e6 }')
}

# ---------- 3. CPU per minute of video: HLS remux against plain byte ranges ----------
curl_config() {  # "url output [range]" lines on stdin -> a curl -K config, one transfer per line
  awk -v jar="$JAR" 'NR > 1 { print "next" }
    { print "url = \"" $1 "\""; print "output = \"" $2 "\""; if (NF > 2) print "range = \"" $3 "\""
      print "cookie = \"" jar "\""; print "write-out = \"%{http_code} %{size_download} %{num_connects}\\n\"" }'
}
cpu_window() {  # NAME CONFIG RESULTS: runs one curl over the config, measures the JVM's CPU and the wall time
  local c0 c1 t0 t1
  no_children; c0=$(cpu); t0=$EPOCHREALTIME
  curl -s -K "$2" > "$3" || true
  t1=$EPOCHREALTIME; no_children; c1=$(cpu)
  R[$1.jvm]=$(( ${c1% *} - ${c0% *} )); R[$1.kids]=$(( ${c1#* } - ${c0#* } ))
  R[$1.wall]=$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.2f", b - a }')
}
cpu_per_minute() {
  local name=$REMUX_FILE dir=$WORK/cpu n minutes size c0 c1 url=$BASE/media/${ID[$REMUX_FILE]}
  rm -rf "$dir"; mkdir -p "$dir/segments"
  minutes=$(awk -v d="${DUR[$name]}" 'BEGIN { print d / 60 }')
  size=$(stat -c %s "$MEDIA/$name")
  warm "$name"
  read -r code _ < <(fetch_playlist remux "$name" "$dir/index.m3u8") || true  # the plan is made before the window
  check "cpu: remux playlist answered $code" [ "$code" = 200 ]
  segments "$dir/index.m3u8" > "$dir/segments.txt"
  n=$(wc -l < "$dir/segments.txt")
  no_children; c0=$(cpu); sleep 2; c1=$(cpu)
  R[idle]=$(awk -v t=$(( ${c1% *} - ${c0% *} )) -v k="$TCK" 'BEGIN { printf "%.0f", t / k * 1000 / 2 }')

  log "cpu: all $n remux segments of $name, one keep-alive connection"
  awk -v u="$url/hls/remux/" -v d="$dir/segments/" '{ print u $4, d $4 }' "$dir/segments.txt" > "$dir/hls.list"
  curl_config < "$dir/hls.list" > "$dir/hls.cfg"
  head -n 3 "$dir/hls.list" | awk '{ print $1, "/dev/null" }' | curl_config > "$dir/warmup.cfg"
  curl -s -K "$dir/warmup.cfg" > /dev/null || true  # JIT warm-up of the path, outside the window
  warm "$name"
  cpu_window hls "$dir/hls.cfg" "$dir/hls.txt"
  local bad; bad=$(awk '$1 != 200 || $2 == 0 { b++ } END { print b + (n - NR) }' n="$n" "$dir/hls.txt")
  check "cpu: $bad of $n remux segments not 200 or empty" [ "$bad" = 0 ]
  R[hls.req]=$n; R[hls.mb]=$(awk '{ b += $2 } END { printf "%.1f", b / 1e6 }' "$dir/hls.txt")
  R[hls.conns]=$(awk '{ c += $3 } END { print c + 0 }' "$dir/hls.txt")

  # ranges as many as the segments, each about as big as a segment
  local chunk=$(( (size + n - 1) / n ))
  log "cpu: the same file as $n byte ranges of $chunk bytes from GET /media/{id}"
  awk -v u="$url" -v s="$size" -v c="$chunk" \
    'BEGIN { for (a = 0; a < s; a += c) { b = a + c - 1; if (b >= s) b = s - 1; print u, "/dev/null", a "-" b } }' > "$dir/ranges.list"
  curl_config < "$dir/ranges.list" > "$dir/ranges.cfg"
  head -n 3 "$dir/ranges.list" | curl_config > "$dir/warmup-ranges.cfg"
  curl -s -K "$dir/warmup-ranges.cfg" > /dev/null || true
  warm "$name"
  cpu_window ranges "$dir/ranges.cfg" "$dir/ranges.txt"
  bad=$(awk '$1 != 206 { b++ } END { print b + 0 }' "$dir/ranges.txt")
  check "cpu: $bad byte ranges not answered 206" [ "$bad" = 0 ]
  local got; got=$(awk '{ b += $2 } END { print b + 0 }' "$dir/ranges.txt")
  check "cpu: byte ranges brought $got bytes, the file has $size" [ "$got" = "$size" ]
  R[ranges.req]=$(wc -l < "$dir/ranges.txt"); R[ranges.mb]=$(awk -v b="$got" 'BEGIN { printf "%.1f", b / 1e6 }')
  R[ranges.conns]=$(awk '{ c += $3 } END { print c + 0 }' "$dir/ranges.txt")
  local k
  for k in hls ranges; do
    R[$k.per_min]=$(awk -v j="${R[$k.jvm]}" -v c="${R[$k.kids]}" -v k="$TCK" -v m="$minutes" 'BEGIN { printf "%.2f", (j + c) / k / m }')
    R[$k.jvm_min]=$(awk -v j="${R[$k.jvm]}" -v k="$TCK" -v m="$minutes" 'BEGIN { printf "%.2f", j / k / m }')
    R[$k.kids_min]=$(awk -v c="${R[$k.kids]}" -v k="$TCK" -v m="$minutes" 'BEGIN { printf "%.2f", c / k / m }')
    R[$k.x]=$(awk -v d="${DUR[$name]}" -v w="${R[$k.wall]}" 'BEGIN { printf "%.0f", d / w }')
  done
  check "cpu: no ffmpeg CPU was accounted for the remux run (cutime did not move)" [ "${R[hls.kids]}" -gt 0 ]

  # Do the segments join up? Each one's video against the playlist's times (outside the windows).
  local i start dur uri codec vstart vdur early=0 worst=0 gaps=0
  while read -r i start dur uri; do
    read -r codec vstart vdur < <(probe_video "$dir/segments/$uri") || true
    [[ ${codec:-} == h264 ]] || { FAILED+=("cpu: remux segment $i has no H.264 video"); continue; }
    if awk -v v="$vstart" -v p="$start" 'BEGIN { exit !(v < p - 0.1) }'; then
      early=$((early + 1)); worst=$(awk -v w="$worst" -v v="$vstart" -v p="$start" 'BEGIN { print (p - v > w) ? p - v : w }')
    fi
    awk -v v="$vstart" -v d="$vdur" -v p="$start" -v q="$dur" 'BEGIN { exit !(v + d < p + q - 0.1) }' && gaps=$((gaps + 1))
  done < "$dir/segments.txt"
  ((early == 0)) || note "remux: $early of $n segments start before their playlist time (up to $(fmt "$worst" '%.2f') s early, the segments overlap); the $n segments carry ${R[hls.mb]} MB for a $(awk -v s="$size" 'BEGIN { printf "%.1f", s / 1e6 }') MB file"
  ((gaps == 0)) || FAILED+=("cpu: $gaps remux segments end before the next one's playlist time (a gap)")
  return 0
}

if want hls; then
  hls_startup remux "$REMUX_FILE"
  hls_startup transcode "$TRANSCODE_FILE"
fi
if want convert; then
  convert_speed
fi
want cpu && cpu_per_minute
cleanup

# ---------- report ----------
v() { echo "${R[$1]:--}"; }
{
  echo "## Transcode benchmark, $(date -u '+%Y-%m-%d %H:%M UTC'), $(nproc) cores, Kino repo at $(git -C "$REPO" rev-parse --short HEAD 2>/dev/null || echo '?'), $(ffmpeg -version | head -n 1 | cut -d' ' -f1-3), load average $LOAD at start"
  echo
  echo "Sources: 1080p30 testsrc2 + sine, ${SOURCE_SECONDS} s. Remux: \`$REMUX_FILE\` (H.264 veryfast, GOP 2 s, AAC)."
  echo "Transcode: \`$TRANSCODE_FILE\` ($TRANSCODE_CODECS) → H.264 veryfast + AAC."
  if want hls; then
    echo
    echo "### 1. HLS start-up and seek (ms; median (min–max) of $REPS, each segment a fresh ffmpeg run)"
    echo
    echo "| Measure | remux | transcode |"
    echo "|---|---:|---:|"
    echo "| Playlist, first fetch since start (remux: ffprobe reads all keyframes) | $(v remux.pl_cold) | $(v transcode.pl_cold) |"
    echo "| CPU s of that first fetch (JVM + ffprobe) | $(v remux.pl_cold_cpu) | $(v transcode.pl_cold_cpu) |"
    echo "| Playlist, later fetches | $(v remux.pl_warm) | $(v transcode.pl_warm) |"
    echo "| Segment 0: time to first byte | $(v remux.seg0_ttfb) | $(v transcode.seg0_ttfb) |"
    echo "| Segment 0: complete | $(v remux.seg0_total) | $(v transcode.seg0_total) |"
    echo "| Seek (segment $(v remux.seek) / $(v transcode.seek), from $(v remux.seek_start) / $(v transcode.seek_start) s): time to first byte | $(v remux.seek_ttfb) | $(v transcode.seek_ttfb) |"
    echo "| Seek: complete | $(v remux.seek_total) | $(v transcode.seek_total) |"
    echo "| Segments in the playlist; MB of segment 0 | $(v remux.count); $(v remux.seg0_mb) | $(v transcode.count); $(v transcode.seg0_mb) |"
    echo "| 503 answers retried | $(v remux.retries) | $(v transcode.retries) |"
  fi
  if want convert; then
    echo
    echo "### 2. Conversion to fragmented MP4, \`$CONVERT_FILE\` ($(fmt "${DUR[$CONVERT_FILE]}" '%.1f') s), output to /dev/null ($( ((CONVERT_REPS == 1)) && echo "one run each" || echo "median of $CONVERT_REPS runs each"))"
    echo
    echo "| Measure | Kino \`/convert?format=mp4\` | same ffmpeg argv alone | Kino/ffmpeg |"
    echo "|---|---:|---:|---:|"
    echo "| Wall time s | $(v kino.wall) | $(v direct.wall) | $(v ratio.wall) |"
    echo "| Speed × realtime | $(v kino.x) | $(v direct.x) | |"
    echo "| CPU s (Kino: JVM + its ffmpeg) | $(v kino.cpu) | $(v direct.cpu) | $(v ratio.cpu) |"
    echo "| of which the JVM | $(v kino.cpu_jvm) | | |"
    echo "| Time to first byte s | $(v kino.ttfb) | | |"
    echo "| Output MB | $(v kino.mb) | $(v direct.mb) | |"
  fi
  if want cpu; then
    echo
    echo "### 3. Server CPU per minute of video, all of \`$REMUX_FILE\` fetched back to back (one curl, keep-alive)"
    echo
    echo "| Measure | HLS remux segments | byte ranges of the file |"
    echo "|---|---:|---:|"
    echo "| CPU s per minute of video (JVM + ffmpeg) | $(v hls.per_min) | $(v ranges.per_min) |"
    echo "| of which the JVM | $(v hls.jvm_min) | $(v ranges.jvm_min) |"
    echo "| of which ffmpeg | $(v hls.kids_min) | $(v ranges.kids_min) |"
    echo "| Requests; MB sent | $(v hls.req); $(v hls.mb) | $(v ranges.req); $(v ranges.mb) |"
    echo "| Wall s; × realtime | $(v hls.wall); $(v hls.x) | $(v ranges.wall); $(v ranges.x) |"
    echo
    echo "Idle JVM before these runs: $(v idle) ms of CPU per second. CPU is counted in ticks of 1/$TCK s."
  fi
  if ((${#NOTES[@]})); then
    echo; echo "Findings:"; printf -- '- %s\n' "${NOTES[@]}"
  fi
  if ((${#FAILED[@]})); then
    echo; echo "**Checks failed, these figures are not valid:**"; printf -- '- %s\n' "${FAILED[@]}"
  else
    echo; echo "All checks passed (README.md lists them)."
  fi
} | tee "$WORK/results.md"
((${#FAILED[@]} == 0))
