/* Live viewer (/live/NAME): WebSocket from /live/NAME/ws into Media Source Extensions, kept near the live edge;
   where there is no MSE (iPhone Safari) the native player on /live/NAME/index.m3u8, and with ?hls=1 hls.js in
   low-latency mode (?hls=plain: ordinary HLS). */

import { socketUrl } from '/app/api.js';
import { $ } from '/app/dom.js';
import { formatBitrate } from '/app/format.js';
import { describeHlsError } from '/app/hls.js';
import { mountShell } from '/app/shell.js';

mountShell({ section: 'live' });
var params = new URLSearchParams(location.search);
var fromPath = /^\/live\/([A-Za-z0-9_-]{1,64})$/.exec(location.pathname);
var name = fromPath ? fromPath[1] : (params.get('name') || '');
/* a signed link to /live/NAME opens its WebSocket too */
var signed = params.get('sig') ? '?expires=' + encodeURIComponent(params.get('expires') || '')
    + '&sig=' + encodeURIComponent(params.get('sig')) : '';
var video = $('live');
var ms = null, sb = null, queue = [], bytes = 0, lastBytes = 0, socket = null, hls = null;
var playlist = '/live/' + encodeURIComponent(name) + '/index.m3u8' + signed;

$('live-title').textContent = name ? 'Live: ' + name : 'Live';

function status(text) { $('live-status').textContent = text; }

/** A new init segment: start a fresh MediaSource for its type (a re-init may change codecs). */
function reinit(mimeType) {
  if (!window.MediaSource || !MediaSource.isTypeSupported(mimeType)) {
    status('this browser cannot play ' + mimeType);
    return;
  }
  queue = [];
  sb = null;
  video.dataset.inits = String(Number(video.dataset.inits || 0) + 1);
  ms = new MediaSource();
  var mine = ms;
  video.src = URL.createObjectURL(ms);
  ms.addEventListener('sourceopen', function () {
    if (mine !== ms) return;
    sb = ms.addSourceBuffer(mimeType);
    sb.mode = 'segments';
    sb.addEventListener('updateend', function () { startAtBuffer(); pump(); });
    pump();
  });
  status('live (' + mimeType + ')');
}

/** Once the first media is buffered, go to it and play: no waiting for the next edge check. */
function startAtBuffer() {
  if (video.buffered.length === 0) return;
  var start = video.buffered.start(0), end = video.buffered.end(video.buffered.length - 1);
  if (video.currentTime < start || video.currentTime > end) video.currentTime = start;
  if (video.paused) video.play().catch(function () {});
}

function pump() {
  if (!sb || sb.updating || queue.length === 0) return;
  try {
    sb.appendBuffer(queue.shift());
  } catch (e) {
    if (e.name === 'QuotaExceededError') trim(true);
    else status('cannot append: ' + e.message);
  }
}

/** Keeps at most 30 s behind the playhead in the buffer. */
function trim(force) {
  if (!sb || sb.updating || video.buffered.length === 0) return;
  var start = video.buffered.start(0);
  if (force || video.currentTime - start > 30) {
    sb.remove(start, Math.max(start, video.currentTime - 10));
  }
}

/** Stays near the live edge: a little faster when behind, a jump when far behind. */
function followEdge() {
  if (video.buffered.length === 0) return;
  var end = video.buffered.end(video.buffered.length - 1);
  var lag = end - video.currentTime;
  if (video.currentTime < video.buffered.start(0) || lag > 3) {
    video.currentTime = Math.max(video.buffered.start(video.buffered.length - 1), end - 0.5);
  }
  video.playbackRate = lag > 1 ? 1.1 : 1.0;
  if (video.paused) video.play().catch(function () {});
  $('live-latency').textContent = lag.toFixed(2) + ' s';
}

function connect() {
  var url = socketUrl('/live/' + encodeURIComponent(name) + '/ws' + signed);
  socket = new WebSocket(url);
  video.dataset.connects = String(Number(video.dataset.connects || 0) + 1);
  socket.binaryType = 'arraybuffer';
  socket.onmessage = function (ev) {
    if (typeof ev.data === 'string') {
      var msg = JSON.parse(ev.data);
      if (msg.type === 'init') reinit(msg.mimeType);
      return;
    }
    bytes += ev.data.byteLength;
    queue.push(ev.data);
    pump();
  };
  socket.onclose = function () {
    status('disconnected; reconnecting…');
    setTimeout(connect, 2000);
  };
}

/* hls.js for live: low latency (parts, blocking reload) unless ?hls=plain, a small back buffer, no worker (the CSP has
   no worker-src). */
var LIVE_HLS_CONFIG = { enableWorker: false, lowLatencyMode: params.get('hls') !== 'plain', backBufferLength: 30 };

function loadHlsJs() {
  return new Promise(function (resolve, reject) {
    var s = document.createElement('script');
    s.src = '/vendor/hls.min.js';
    s.onload = resolve;
    s.onerror = function () { reject(new Error('hls.js did not load')); };
    document.head.appendChild(s);
  });
}

/** HLS instead of the WebSocket: natively where the browser plays HLS itself, else hls.js. */
function playHls() {
  if (!window.MediaSource && video.canPlayType('application/vnd.apple.mpegurl')) {
    video.src = playlist;
    video.dataset.mode = 'native HLS';
    video.play().catch(function () {});
    status('live (HLS)');
    return;
  }
  loadHlsJs().then(function () {
    var Hls = window.Hls;
    if (!Hls.isSupported()) {
      status('this browser can play neither the WebSocket stream nor HLS');
      return;
    }
    hls = new Hls(LIVE_HLS_CONFIG);
    hls.on(Hls.Events.ERROR, function (ev, data) {
      if (data.fatal) status(describeHlsError(data, data.response ? data.response.code : 0));
    });
    hls.on(Hls.Events.MANIFEST_PARSED, function () { video.play().catch(function () {}); });
    hls.loadSource(playlist);
    hls.attachMedia(video);
    video.dataset.mode = 'hls.js';
    status(LIVE_HLS_CONFIG.lowLatencyMode ? 'live (low-latency HLS)' : 'live (HLS)');
  }, function (e) { status(e.message); });
}

function tick() {
  if (hls || video.src === location.origin + playlist) {
    if (hls && hls.latency) {
      $('live-latency').textContent = hls.latency.toFixed(2) + ' s';
      video.dataset.latency = String(hls.latency);
    }
    return;
  }
  followEdge();
  trim(false);
  $('live-bitrate').textContent = formatBitrate((bytes - lastBytes) * 8);
  lastBytes = bytes;
  var q = video.getVideoPlaybackQuality ? video.getVideoPlaybackQuality() : null;
  if (q) $('live-dropped').textContent = String(q.droppedVideoFrames);
}

if (/^[A-Za-z0-9_-]{1,64}$/.test(name)) {
  setInterval(tick, 1000);
  if (params.get('hls') === '1' || params.get('hls') === 'plain' || !window.MediaSource) playHls();
  else connect();
} else {
  $('live-status').textContent = 'no stream name';
}
