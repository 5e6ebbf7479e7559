/* Kino – player page (player.html): asks the server how to play a file, plays it directly or as HLS, shares it.
   hls.js is the classic script /vendor/hls.min.js (window.Hls), loaded before this module. */

import { api, errorText, retryAfterSeconds } from '/app/api.js';
import { playbackCapabilities } from '/app/capabilities.js';
import { $, isTyping } from '/app/dom.js';
import { formatDate, formatDuration, formatSize, techLabel, typeLabel } from '/app/format.js';
import { HLS_CONFIG, describeHlsError } from '/app/hls.js';
import { toLogin } from '/app/session.js';
import { wireShare } from '/app/share.js';
import { mountShell } from '/app/shell.js';
import { wireSubtitles } from '/app/subtitles.js';

const shell = mountShell({});

var SEEK_STEP = 10;

var els = {
  back: $('back'),
  title: $('title'),
  folder: $('folder'),
  meta: $('meta'),
  stage: $('stage'),
  video: $('player'),
  osd: $('osd'),
  error: $('player-error'),
  errorBox: $('player-error-box'),
  notice: $('player-notice'),
  noticeText: $('player-notice-text'),
  unmute: $('unmute'),
  startOver: $('start-over'),
  playBadge: $('play-badge'),
  playMethod: $('play-method'),
  playReason: $('play-reason'),
  share: $('share')
};

var params = new URLSearchParams(window.location.search);
// ?torrent=INFOHASH&file=N plays one file of a torrent as its pieces arrive: directly, or remuxed/transcoded by the server
var torrent = /^[0-9a-fA-F]{40}$/.test(params.get('torrent') || '') && /^\d{1,9}$/.test(params.get('file') || '')
  ? { hash: params.get('torrent').toLowerCase(), file: Number(params.get('file')) } : null;
var id = torrent ? torrent.hash + '/' + torrent.file : (params.get('id') || '');
var mediaPath = torrent ? '/torrents/' + torrent.hash + '/files/' + torrent.file : '/media/' + encodeURIComponent(id);
/* ------------------------------------------------------------------ messages */

var ERROR_NAMES = {
  1: 'MEDIA_ERR_ABORTED',
  2: 'MEDIA_ERR_NETWORK',
  3: 'MEDIA_ERR_DECODE',
  4: 'MEDIA_ERR_SRC_NOT_SUPPORTED'
};
var ERROR_HINTS = {
  1: 'Playback was aborted.',
  2: 'A network error interrupted the download.',
  3: 'The file could not be decoded — it may be damaged or use an unsupported codec.',
  4: 'The file could not be loaded, or this browser cannot play its format.'
};

function showError(text) {
  els.error.textContent = text;
  els.error.hidden = !text;
  els.errorBox.hidden = !text;
  els.stage.classList.toggle('stage-failed', !!text);
}

function showNotice(text, withUnmute) {
  els.noticeText.textContent = text || '';
  els.unmute.hidden = !withUnmute;
  els.startOver.hidden = true;
  els.notice.hidden = !text;
}

/* ------------------------------------------------------------------ metadata */

function loadUser() {
  api('/api/me').then(function (r) {
    if (r.status === 401) return toLogin();
    if (r.ok && r.data && r.data.username) shell.showUser(r.data);
  }).catch(function () { /* header stays minimal */ });
}

/** A torrent's file: its name, the torrent's name as the folder, its size and type. */
function loadTorrentFile() {
  els.back.href = '/torrents.html#' + torrent.hash;
  els.back.querySelector('span').textContent = 'Back to torrents';
  api('/api/torrents/' + torrent.hash).then(function (r) {
    if (r.status === 401) return toLogin();
    var files = r.ok && r.data && Array.isArray(r.data.files) ? r.data.files : [];
    var f = files.filter(function (x) { return x.index === torrent.file; })[0];
    if (!f) {
      setTitle('File not found', '');
      els.meta.textContent = 'This torrent or file is not there any more (' + errorText(r) + ').';
      return;
    }
    var name = f.path.slice(f.path.lastIndexOf('/') + 1);
    setTitle(name, r.data.name);
    currentItem = { name: name, size: f.size, kind: f.kind, mimeType: f.mimeType };
    renderMeta();
    els.stage.classList.toggle('stage-audio', f.kind === 'audio');
  }, function () {
    els.meta.textContent = 'Could not reach the server for file details.';
  });
}

function loadItem() {
  if (torrent) return loadTorrentFile();
  api('/api/library').then(function (r) {
    if (r.status === 401) return toLogin();
    if (!r.ok || !Array.isArray(r.data)) {
      setTitle('Untitled', '');
      els.meta.textContent = 'Could not load file details (' + errorText(r) + ').';
      return;
    }
    var item = null;
    for (var i = 0; i < r.data.length; i++) {
      if (r.data[i] && r.data[i].id === id) { item = r.data[i]; break; }
    }
    if (!item) {
      setTitle('File not found', '');
      els.meta.textContent = 'This file is not in the library any more. It may have been moved or deleted.';
      return;
    }
    setTitle(item.name || item.path || id, item.folder || '');
    currentItem = item;
    renderMeta();
    els.stage.classList.toggle('stage-audio', item.kind === 'audio');
  }, function () {
    setTitle('Untitled', '');
    els.meta.textContent = 'Could not reach the server for file details.';
  });
}

var currentItem = null;

/** File details; the duration comes from the library, else from /api/play (display only). */
function renderMeta() {
  var item = currentItem;
  if (!item) return;
  var duration = item.duration || play.serverDuration;
  var parts = [typeLabel(item), formatDuration(duration), techLabel(item), formatSize(item.size)];
  if (item.modified) parts.push(formatDate(new Date(item.modified)));
  els.meta.textContent = parts.filter(Boolean).join(' · ');
}

function setTitle(name, folder) {
  els.title.textContent = name;
  document.title = name + ' – Kino';
  els.folder.textContent = folder;
  els.folder.hidden = !folder;
}

/* ------------------------------------------------------------------ playback */

var MAX_BUSY_RETRIES = 6;
var METHODS = { direct: true, remux: true, transcode: true };

var play = {
  method: '',          // what the server chose: direct, remux or transcode
  url: '',             // what the <video> (or hls.js) is loading
  engine: '',          // 'file', 'native' (the browser's own HLS) or 'hlsjs'
  hls: null,           // the hls.js instance while it plays
  recovered: false,    // recoverMediaError() is tried once
  played: false,       // a frame has played since the source was set
  busyRetries: 0,
  retryTimer: null,
  noDirect: false,     // direct play failed once: ask the server for a stream instead
  serverDuration: null,
  resumeAt: 0,         // where this user stopped last time: playback starts there
  savedAt: -1,         // the position last saved, and when (ms)
  savedWhen: 0
};

var SAVE_EVERY_MS = 10000;
var RESUME_MIN_SECONDS = 10;
var RESUMED_NOTICE_MS = 8000;

var subtitles = null; // the subtitles menu of a library file (torrent files have none yet)

// ?hls=native or ?hls=hlsjs picks the HLS player (for testing); normally hls.js when usable, else the browser's own.
var hlsChoice = new URLSearchParams(window.location.search).get('hls');

function startPlayback() {
  var v = els.video;
  v.addEventListener('error', onMediaError);
  v.addEventListener('playing', function () {
    play.played = true;
    showError('');
    if (!v.muted && els.startOver.hidden) showNotice('');
    if (!els.startOver.hidden) {
      window.setTimeout(function () { if (!els.startOver.hidden) showNotice(''); }, RESUMED_NOTICE_MS);
    }
  });
  v.addEventListener('volumechange', function () {
    if (!v.muted && !els.unmute.hidden) showNotice('');
  });
  if (torrent) {
    requestPlay();
    return;
  }
  v.setAttribute('poster', mediaPath + '/poster.jpg');
  subtitles = wireSubtitles(v, mediaPath + '/subtitles',
    { box: $('player-tracks'), field: $('subtitles-field'), select: $('subtitles'), status: $('subtitles-status') });
  wireProgress();
  // where this user stopped: playback starts there in its first request (no start at 0, then a seek)
  api('/api/progress/' + encodeURIComponent(id)).then(function (r) {
    var p = r.ok && r.data ? r.data : null;
    if (p && !p.watched && typeof p.position === 'number' && p.position >= RESUME_MIN_SECONDS) play.resumeAt = p.position;
    requestPlay();
  }, function () { requestPlay(); });
}

/** The container's chapters: a menu that jumps to one, ticks under the picture, and the current one selected. */
function showChapters(list, duration) {
  var chapters = Array.isArray(list) ? list.filter(function (c) {
    return c && typeof c.start === 'number' && typeof c.end === 'number' && c.end > c.start;
  }) : [];
  var select = $('chapters');
  var marks = $('chapter-marks');
  if (chapters.length < 2 || select.options.length) return;
  chapters.forEach(function (c, i) {
    var o = document.createElement('option');
    o.value = String(i);
    o.textContent = formatDuration(c.start) + ' · ' + (c.title || 'Chapter ' + (i + 1));
    select.appendChild(o);
    if (i > 0 && isFinite(duration) && duration > 0) {
      var tick = document.createElement('span');
      tick.className = 'chapter-tick';
      tick.style.left = Math.min(100, 100 * c.start / duration).toFixed(3) + '%';
      marks.appendChild(tick);
    }
  });
  select.addEventListener('change', function () {
    var c = chapters[Number(select.value)];
    if (c) {
      els.video.currentTime = c.start;
      flash(c.title || 'Chapter ' + (Number(select.value) + 1));
    }
  });
  els.video.addEventListener('timeupdate', function () {
    var t = els.video.currentTime;
    for (var i = chapters.length - 1; i >= 0; i--) {
      if (t >= chapters[i].start) {
        if (select.value !== String(i)) select.value = String(i);
        break;
      }
    }
  });
  $('chapters-field').hidden = false;
  $('player-tracks').hidden = false;
  marks.hidden = marks.children.length === 0;
}

/** Saves the position: every 10 s while playing, on pause, after a seek, at the end and when the page goes. */
function saveProgress(leaving) {
  var v = els.video;
  var t = v.currentTime;
  if (!play.played || !isFinite(t)) return;
  if (!leaving && Math.abs(t - play.savedAt) < 1) return;
  play.savedAt = t;
  play.savedWhen = Date.now();
  var d = isFinite(v.duration) && v.duration > 0 ? v.duration : play.serverDuration;
  fetch('/api/progress/' + encodeURIComponent(id), {
    method: 'POST',
    credentials: 'same-origin',
    keepalive: !!leaving,
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(d ? { position: t, duration: d } : { position: t })
  }).catch(function () { /* the next save tries again */ });
}

function wireProgress() {
  var v = els.video;
  v.addEventListener('timeupdate', function () {
    if (!v.paused && Date.now() - play.savedWhen >= SAVE_EVERY_MS) saveProgress(false);
  });
  v.addEventListener('pause', function () { saveProgress(false); });
  v.addEventListener('seeked', function () { if (play.played) saveProgress(false); });
  v.addEventListener('ended', function () { saveProgress(false); });
  window.addEventListener('pagehide', function () { saveProgress(true); });
  document.addEventListener('visibilitychange', function () { if (document.hidden) saveProgress(true); });
  els.startOver.addEventListener('click', function () {
    play.resumeAt = 0;
    v.currentTime = 0;
    showNotice('');
    tryPlay(false);
  });
}

/** Direct play and the browser's own HLS start at the resume point as soon as the length is known. */
function seekToResumePoint() {
  var v = els.video;
  if (!play.resumeAt) return;
  v.addEventListener('loadedmetadata', function once() {
    v.removeEventListener('loadedmetadata', once);
    if (play.resumeAt && (!isFinite(v.duration) || play.resumeAt < v.duration)) v.currentTime = play.resumeAt;
  });
}

function showResumed() {
  if (!play.resumeAt) return;
  showNotice('Resumed at ' + formatDuration(play.resumeAt) + '.', false);
  els.startOver.hidden = false;
}

/** Tells the server what this browser plays and lets it choose direct play, remux or transcode. */
function requestPlay() {
  play.retryTimer = null;
  var probe = playbackCapabilities(hlsChoice);
  var caps = probe.caps;
  if (play.noDirect) caps.direct = { containers: [], video: [], audio: [] };
  var endpoint = torrent ? '/api/torrents/' + torrent.hash + '/files/' + torrent.file + '/play' : '/api/play/' + encodeURIComponent(id);
  api(endpoint, { method: 'POST', body: caps }).then(function (r) {
    if (r.status === 401) return toLogin();
    if (r.status === 503 && play.busyRetries < MAX_BUSY_RETRIES) {
      play.busyRetries++;
      var secs = retryAfterSeconds(r.headers.get('Retry-After'));
      secs = Math.min(Math.max(secs === null ? 5 : secs, 1), 60);
      showNotice((torrent ? 'Waiting for the torrent (' : 'The server is busy (') + errorText(r) + '). Trying again in ' +
        secs + ' s…', false);
      play.retryTimer = window.setTimeout(requestPlay, secs * 1000);
      return;
    }
    if (!r.ok || !r.data || typeof r.data !== 'object') {
      showNotice('');
      showError('Cannot play this file: ' + errorText(r) + (r.status === 404
        ? (torrent ? ' — the torrent or the file is not there any more.' : ' — it is not in the library any more.')
        : r.status === 503 ? ' — the server is still busy, try again later.' : '.'));
      return;
    }
    startSource(r.data, probe.hlsPlayer);
  }, function () {
    showNotice('');
    showError('Could not reach the server to start playback.');
  });
}

function startSource(answer, hlsPlayer) {
  var v = els.video;
  var method = String(answer.method || '');
  var url = typeof answer.url === 'string' ? answer.url : '';
  if (!METHODS[method] || url.charAt(0) !== '/' || url.charAt(1) === '/') {
    showError('The server sent an answer the player does not understand (method "' + method + '").');
    return;
  }
  if (!torrent) showChapters(answer.chapters, Number(answer.duration));
  var duration = Number(answer.duration);
  play.serverDuration = answer.duration !== null && isFinite(duration) && duration > 0 ? duration : null;
  renderMeta();
  setMethod(method, answer.reason ? String(answer.reason) : '');
  play.url = url;
  play.played = false;
  play.recovered = false;

  if (method === 'direct') {
    play.engine = 'file';
    showNotice('');
  } else if (hlsPlayer === 'hlsjs' || hlsPlayer === 'native') {
    play.engine = hlsPlayer;
    showNotice(method === 'transcode' ? 'Converting for this browser — starting the stream…' : 'Starting the stream…', false);
  } else {
    showNotice('');
    showError('The server offers this file as an HLS stream (' + method + '), but this browser can play neither ' +
      'HLS nor Media Source Extensions.');
    return;
  }
  v.dataset.engine = play.engine;

  if (play.engine === 'hlsjs') {
    startHlsJs(url);
  } else {
    if (subtitles) subtitles.attach(play.engine, null);
    seekToResumePoint();
    v.setAttribute('src', url);
    tryPlay(true);
  }
  showResumed();
}

function setMethod(method, reason) {
  play.method = method;
  els.playMethod.textContent = method;
  els.playReason.textContent = reason ? ' — ' + reason : '';
  els.playBadge.title = reason;
  els.playBadge.className = 'chip play-badge play-badge-' + method;
  els.playBadge.hidden = false;
  els.video.dataset.method = method;
}

function startHlsJs(url) {
  var Hls = window.Hls;
  var config = Object.assign({}, HLS_CONFIG);
  if (play.resumeAt) config.startPosition = play.resumeAt; // the first segment asked for is the one to play
  var hls = new Hls(config);
  play.hls = hls;
  hls.on(Hls.Events.MANIFEST_PARSED, function () {
    if (play.hls === hls) tryPlay(true);
  });
  hls.on(Hls.Events.ERROR, function (event, data) {
    if (play.hls === hls) onHlsError(data);
  });
  if (subtitles) subtitles.attach('hlsjs', hls);
  hls.loadSource(url);
  hls.attachMedia(els.video);
}

function stopHlsJs() {
  if (!play.hls) return;
  var hls = play.hls;
  play.hls = null;
  try { hls.destroy(); } catch { /* already gone */ }
}

/** Fatal hls.js errors: one attempt to recover from a media error, otherwise tell the user. */
function onHlsError(data) {
  if (!data || !data.fatal) return;
  var Hls = window.Hls;
  var status = data.response && data.response.code ? data.response.code : 0;
  if (status === 401) {
    stopHlsJs();
    return toLogin();
  }
  if (data.type === Hls.ErrorTypes.MEDIA_ERROR && !play.recovered) {
    play.recovered = true;
    play.hls.recoverMediaError();
    return;
  }
  stopHlsJs();
  showNotice('');
  showError(describeHlsError(data, status));
}

/** Autoplay may be refused by the browser; fall back to muted playback with an unmute button. */
function tryPlay(allowMutedFallback) {
  var v = els.video;
  var p;
  try { p = v.play(); } catch { return; }
  if (!p || !p.catch) return;
  p.catch(function (err) {
    // Anything but a refused autoplay surfaces through the media "error" event.
    if (!err || err.name !== 'NotAllowedError' || v.error) return;
    if (allowMutedFallback && !v.muted) {
      v.muted = true;
      v.play().then(function () {
        showNotice('Autoplay with sound was blocked by the browser, so playback started muted.', true);
      }, function (err2) {
        v.muted = false;
        if (err2 && err2.name === 'NotAllowedError' && !v.error) showNotice('Press play to start.', false);
      });
    } else {
      showNotice('Press play to start.', false);
    }
  });
}

function onMediaError() {
  var e = els.video.error;
  if (!e || !play.url) return;
  var code = e.code;
  if (play.hls) {
    // hls.js feeds the element through Media Source Extensions: give it its one recovery first.
    if (!play.recovered) {
      play.recovered = true;
      play.hls.recoverMediaError();
      return;
    }
    stopHlsJs();
  }
  var text = 'Playback error ' + code + ' (' + (ERROR_NAMES[code] || 'UNKNOWN') + '): ' +
    (e.message ? e.message : (ERROR_HINTS[code] || 'Unknown error.'));
  var direct = play.engine === 'file';
  // A file the browser claimed it could play but cannot: ask for a stream instead (once), like a fallback to transcoding.
  var fallback = direct && !play.noDirect && (code === 4 || (code === 3 && !play.played));
  if (torrent && !fallback && (code === 3 || code === 4)) {
    text += ' This browser cannot play this file itself; open the torrent’s M3U playlist in VLC or mpv instead.';
  }
  if (!fallback) {
    showError(text);
    showNotice('');
  }
  // Ask the server what went wrong: an expired session, a missing file, …
  var url = play.url;
  var ctrl = window.AbortController ? new AbortController() : null;
  fetch(url, {
    credentials: 'same-origin',
    cache: 'no-store',
    headers: direct ? { Range: 'bytes=0-0' } : {},
    signal: ctrl ? ctrl.signal : undefined
  }).then(function (res) {
    if (ctrl) ctrl.abort();
    if (url !== play.url) return;
    if (res.status === 401) return toLogin();
    if (!res.ok) {
      showNotice('');
      showError(text + ' — the server answered HTTP ' + res.status +
        (res.status === 404 ? ' (file not found).' : '.'));
    } else if (fallback) {
      retryAsStream(text);
    } else if (code === 4 && direct) {
      var type = res.headers.get('Content-Type');
      showError(text + (type ? ' — the server sent it as ' + type + '; the file may be damaged or use a codec this browser cannot play.' : ''));
    }
  }).catch(function () {
    if (fallback && url === play.url) retryAsStream(text);
  });
}

function retryAsStream(text) {
  var probe = playbackCapabilities(hlsChoice);
  if (!probe.hlsPlayer) {
    showError(text);
    return;
  }
  play.noDirect = true;
  play.url = '';
  els.video.removeAttribute('src');
  showNotice('This browser could not play the file directly — asking the server for a converted stream…', false);
  requestPlay();
}

var osdTimer = null;

function flash(text) {
  els.osd.textContent = text;
  els.osd.classList.add('osd-visible');
  if (osdTimer) window.clearTimeout(osdTimer);
  osdTimer = window.setTimeout(function () { els.osd.classList.remove('osd-visible'); }, 700);
}

function togglePlay() {
  var v = els.video;
  if (v.paused || v.ended) {
    tryPlay(false);
    flash('▶');
  } else {
    v.pause();
    flash('❚❚');
  }
}

function seekBy(delta) {
  var v = els.video;
  var t = (v.currentTime || 0) + delta;
  if (isFinite(v.duration)) t = Math.min(t, v.duration);
  v.currentTime = Math.max(0, t);
  flash((delta > 0 ? '+' : '−') + Math.abs(delta) + ' s');
}

/** The picture, not the page, goes full screen (the subtitles are drawn on the video, so they come along). */
function toggleFullscreen() {
  if (document.fullscreenElement) {
    document.exitFullscreen().catch(function () { /* already left */ });
  } else if (els.stage.requestFullscreen) {
    els.stage.requestFullscreen().catch(function () { flash('No full screen'); });
  }
}

function isSpaceKey(e) {
  return e.key === ' ' || e.key === 'Spacebar' || e.code === 'Space';
}

function consume(e) {
  e.preventDefault();
  if (e.target === els.video) e.stopPropagation();
}

function onKeyDown(e) {
  if (e.defaultPrevented || e.altKey || e.ctrlKey || e.metaKey || !id) return;
  var t = e.target;
  if (isTyping(t)) return;
  if (isSpaceKey(e)) {
    // Let Space activate a focused button or link as usual; the video itself is handled here.
    if (t !== els.video && t && t.closest && t.closest('button, a, summary, [role="button"]')) return;
    consume(e);
    if (!e.repeat) togglePlay();
  } else if (e.key === 'ArrowLeft' || e.key === 'Left') {
    consume(e);
    seekBy(-SEEK_STEP);
  } else if (e.key === 'ArrowRight' || e.key === 'Right') {
    consume(e);
    seekBy(SEEK_STEP);
  } else if (e.key === 'f' || e.key === 'F') {
    consume(e);
    toggleFullscreen();
  } else if (e.key === 'm' || e.key === 'M') {
    consume(e);
    els.video.muted = !els.video.muted;
    flash(els.video.muted ? 'Muted' : 'Sound on');
  }
}

/* ------------------------------------------------------------------ wiring */

els.unmute.addEventListener('click', function () {
  els.video.muted = false;
  showNotice('');
  els.video.focus();
});
wireShare(id ? mediaPath : '');
// Capture phase, so a focused <video> does not also run its built-in key handling.
window.addEventListener('keydown', onKeyDown, true);
window.addEventListener('keyup', function (e) {
  if (e.target === els.video && (isSpaceKey(e) || /^(Arrow)?(Left|Right)$/.test(e.key) || /^[fFmM]$/.test(e.key))) {
    e.preventDefault();
    e.stopPropagation();
  }
}, true);

if (!id) {
  setTitle('No file selected', '');
  els.meta.textContent = 'Pick something from the library.';
  els.share.disabled = true;
  showError('No file id in the address — open a file from the library.');
} else {
  startPlayback();
  loadItem();
}
loadUser();
