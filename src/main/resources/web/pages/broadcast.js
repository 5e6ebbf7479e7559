/* Broadcast from this tab: camera or screen, recorded with MediaRecorder, sent to /live/NAME/publish as ~200 ms
   WebM timeslices. Asks for a keyframe every second where the browser supports it, so viewers join fast. */

import { socketUrl } from '/app/api.js';
import { $ } from '/app/dom.js';
import { formatBitrate, formatDuration } from '/app/format.js';
import { mountShell } from '/app/shell.js';

mountShell({ section: 'broadcast' });
var recorder = null, socket = null, media = null, sent = 0, lastSent = 0, started = 0;
var TYPES = ['video/webm;codecs=vp8,opus', 'video/webm;codecs=vp9,opus', 'video/webm'];

var params = new URLSearchParams(location.search);
if (params.get('name')) $('stream-name').value = params.get('name');

function status(text) { $('bc-status').textContent = text; }

function pickType() {
  for (var i = 0; i < TYPES.length; i++) {
    if (window.MediaRecorder && MediaRecorder.isTypeSupported(TYPES[i])) return TYPES[i];
  }
  return '';
}

function capture(source) {
  if (source === 'screen') return navigator.mediaDevices.getDisplayMedia({ video: true, audio: true });
  return navigator.mediaDevices.getUserMedia({ video: { width: 1280, height: 720 }, audio: true });
}

function start(ev) {
  ev.preventDefault();
  var name = $('stream-name').value.trim();
  var type = pickType();
  if (!type) { status('this browser cannot record WebM'); return; }
  capture($('source').value).then(function (stream) {
    media = stream;
    $('preview').srcObject = stream;
    var url = socketUrl('/live/' + encodeURIComponent(name) + '/publish?format=webm');
    socket = new WebSocket(url);
    socket.binaryType = 'arraybuffer';
    socket.onopen = function () {
      var opts = { mimeType: type, videoBitsPerSecond: 2500000, videoKeyFrameIntervalDuration: 1000 };
      recorder = new MediaRecorder(stream, opts);
      recorder.ondataavailable = function (e) {
        if (e.data.size > 0 && socket.readyState === WebSocket.OPEN) {
          e.data.arrayBuffer().then(function (buf) { socket.send(buf); sent += buf.byteLength; });
        }
      };
      recorder.start(200);
      started = Date.now();
      status('live (' + type + ')');
      $('start').disabled = true;
      $('stop').disabled = false;
    };
    socket.onmessage = function (e) {
      try { $('bc-viewers').textContent = String(JSON.parse(e.data).viewers); } catch { /* not a status */ }
    };
    socket.onclose = function (e) {
      if (recorder && recorder.state !== 'inactive') stop();
      status(e.code === 1000 || e.code === 1005 ? 'not live' : 'refused or disconnected (' + (e.reason || e.code) + ')');
    };
  }).catch(function (err) { status('no camera or screen: ' + err.message); });
}

function stop() {
  if (recorder && recorder.state !== 'inactive') recorder.stop();
  if (media) media.getTracks().forEach(function (t) { t.stop(); });
  if (socket && socket.readyState === WebSocket.OPEN) socket.close(1000);
  $('start').disabled = false;
  $('stop').disabled = true;
}

setInterval(function () {
  if (!started || !recorder || recorder.state === 'inactive') return;
  $('bc-duration').textContent = formatDuration(Math.floor((Date.now() - started) / 1000));
  $('bc-bitrate').textContent = formatBitrate((sent - lastSent) * 8);
  lastSent = sent;
}, 1000);

$('bc-form').addEventListener('submit', start);
$('stop').addEventListener('click', stop);
