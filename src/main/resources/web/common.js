/* Kino – helpers shared by index.html and player.html. */
(function () {
  'use strict';

  var SVG_NS = 'http://www.w3.org/2000/svg';

  function $(id) {
    return document.getElementById(id);
  }

  /** Creates an element with an optional class name and text content. */
  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined && text !== null) node.textContent = text;
    return node;
  }

  var ICONS = {
    video: [
      ['rect', { x: 3, y: 5, width: 18, height: 14, rx: 3 }],
      ['path', { d: 'M10 9.2v5.6l4.6-2.8z', 'class': 'fill' }]
    ],
    audio: [
      ['path', { d: 'M9 17.5V6.5l10-2v11' }],
      ['circle', { cx: 6.5, cy: 17.5, r: 2.5 }],
      ['circle', { cx: 16.5, cy: 15.5, r: 2.5 }]
    ],
    folder: [
      ['path', { d: 'M3 7.5A2.5 2.5 0 0 1 5.5 5h3.6l2 2.2h7.4A2.5 2.5 0 0 1 21 9.7v7.8a2.5 2.5 0 0 1-2.5 2.5h-13A2.5 2.5 0 0 1 3 17.5z' }]
    ]
  };

  /** Small inline SVG icon (decorative). */
  function icon(name, className) {
    var svg = document.createElementNS(SVG_NS, 'svg');
    svg.setAttribute('viewBox', '0 0 24 24');
    svg.setAttribute('aria-hidden', 'true');
    svg.setAttribute('focusable', 'false');
    svg.setAttribute('class', 'icon' + (className ? ' ' + className : ''));
    (ICONS[name] || []).forEach(function (spec) {
      var node = document.createElementNS(SVG_NS, spec[0]);
      Object.keys(spec[1]).forEach(function (k) { node.setAttribute(k, spec[1][k]); });
      svg.appendChild(node);
    });
    return svg;
  }

  /**
   * fetch() wrapper for the JSON API. Resolves with
   * {ok, status, data, headers}; rejects only on network failure.
   */
  function api(path, opts) {
    opts = opts || {};
    var init = {
      method: opts.method || 'GET',
      credentials: 'same-origin',
      cache: 'no-store',
      headers: { 'Accept': 'application/json' }
    };
    if (opts.body !== undefined) {
      init.headers['Content-Type'] = 'application/json';
      init.body = JSON.stringify(opts.body);
    }
    return fetch(path, init).then(function (res) {
      return res.text().then(function (text) {
        var data = null;
        if (text) {
          try { data = JSON.parse(text); } catch (e) { data = null; }
        }
        return { ok: res.ok, status: res.status, data: data, headers: res.headers };
      });
    });
  }

  /** Human readable description of a failed api() result. */
  function errorText(r) {
    var msg = r.data && typeof r.data === 'object' && r.data.error ? String(r.data.error) : '';
    return 'HTTP ' + r.status + (msg ? ': ' + msg : '');
  }

  /** Parses a Retry-After header (delta seconds or HTTP date) into whole seconds, or null. */
  function retryAfterSeconds(value) {
    if (value === null || value === undefined) return null;
    var v = String(value).trim();
    if (/^\d+$/.test(v)) return parseInt(v, 10);
    var when = Date.parse(v);
    if (!isNaN(when)) return Math.max(0, Math.ceil((when - Date.now()) / 1000));
    return null;
  }

  var UNITS = ['B', 'KB', 'MB', 'GB', 'TB', 'PB'];

  /** 1536 -> "1.5 KB", 1288490188 -> "1.2 GB" (binary multiples). */
  function formatSize(bytes) {
    var n = Number(bytes);
    if (!isFinite(n) || n < 0) return '—';
    var u = 0;
    while (n >= 1024 && u < UNITS.length - 1) {
      n /= 1024;
      u++;
    }
    if (u === 0) return n + ' B';
    var s = n < 100 ? n.toFixed(1) : Math.round(n).toString();
    return s.replace(/\.0$/, '') + ' ' + UNITS[u];
  }

  function formatBytes(bytes) {
    var n = Number(bytes);
    return isFinite(n) ? n.toLocaleString() + ' bytes' : '';
  }

  function formatDate(d) {
    if (!(d instanceof Date) || isNaN(d.getTime())) return '';
    return d.toLocaleDateString(undefined, { year: 'numeric', month: 'short', day: 'numeric' });
  }

  /** 3725.4 -> "1:02:05", 65 -> "1:05"; unknown -> "". */
  function formatDuration(seconds) {
    var t = Math.round(Number(seconds));
    if (seconds === null || seconds === undefined || !isFinite(t) || t < 0) return '';
    var h = Math.floor(t / 3600), m = Math.floor((t % 3600) / 60), s = t % 60;
    var mm = h > 0 && m < 10 ? '0' + m : String(m);
    return (h > 0 ? h + ':' : '') + mm + ':' + (s < 10 ? '0' : '') + s;
  }

  var CODECS = { h264: 'H.264', hevc: 'HEVC', mpeg4: 'MPEG-4', mpeg2video: 'MPEG-2', vp8: 'VP8', vp9: 'VP9',
    av1: 'AV1', aac: 'AAC', mp3: 'MP3', opus: 'Opus', vorbis: 'Vorbis', ac3: 'AC-3', eac3: 'E-AC-3', dts: 'DTS',
    flac: 'FLAC', flv1: 'FLV1' };

  /** "1920×1080 · H.264 / AAC · 8.1 Mb/s" from what ffprobe found; "" when nothing is known yet. */
  function techLabel(item) {
    var parts = [];
    if (item.width && item.height) parts.push(item.width + '×' + item.height);
    var codecs = [item.videoCodec, item.audioCodec].filter(Boolean).map(function (c) {
      return CODECS[c] || String(c).toUpperCase();
    });
    if (codecs.length) parts.push(codecs.join(' / '));
    if (item.bitrate) parts.push((item.bitrate / 1e6).toFixed(1) + ' Mb/s');
    return parts.join(' · ');
  }

  var SUBTYPES = {
    'x-matroska': 'MKV', 'quicktime': 'MOV', 'x-msvideo': 'AVI', 'x-m4v': 'M4V',
    'mpeg': 'MPEG', 'mp2t': 'TS', 'x-flv': 'FLV', 'x-ms-wmv': 'WMV', '3gpp': '3GP',
    'x-wav': 'WAV', 'wave': 'WAV', 'x-flac': 'FLAC', 'mp4a-latm': 'AAC', 'x-m4a': 'M4A'
  };

  /** "Movie.mkv" -> "MKV video"; falls back to the MIME type ("audio/mpeg" -> "MP3 audio"). */
  function typeLabel(item) {
    var kind = item.kind === 'audio' ? 'audio' : 'video';
    var name = String(item.name || '');
    var dot = name.lastIndexOf('.');
    var ext = dot > 0 ? name.slice(dot + 1) : '';
    var label = /^[a-z0-9]{2,5}$/i.test(ext) ? ext.toUpperCase() : '';
    if (!label) {
      var mime = String(item.mimeType || '').toLowerCase();
      var sub = mime.indexOf('/') > 0 ? mime.split('/')[1].split(';')[0] : '';
      label = mime === 'audio/mpeg' ? 'MP3' : (SUBTYPES[sub] || (sub && sub.length <= 5 ? sub.toUpperCase() : ''));
    }
    return (label ? label + ' ' : '') + kind;
  }

  /** Stable 0..7 colour bucket for a string. */
  function hue(s) {
    var h = 0;
    for (var i = 0; i < s.length; i++) h = (h * 31 + s.charCodeAt(i)) | 0;
    return Math.abs(h) % 8;
  }

  function store(key, value) {
    try { window.localStorage.setItem(key, value); } catch (e) { /* private mode */ }
  }

  function load(key) {
    try { return window.localStorage.getItem(key); } catch (e) { return null; }
  }

  /** True when keyboard input should go to the focused control, not to page shortcuts. */
  function isTyping(target) {
    if (!target || !target.closest) return false;
    return !!target.closest('input, textarea, select, [contenteditable=""], [contenteditable="true"]');
  }

  /* ------------------------------------------------------------------ playback capabilities */

  // What the browser can play, asked of the browser itself (never guessed from the user agent).
  // Every name maps to the MIME strings that prove it; one non-empty answer is enough.
  var DIRECT_CONTAINERS = {
    mp4: ['video/mp4'],
    webm: ['video/webm'],
    ogg: ['video/ogg', 'audio/ogg'],
    mp3: ['audio/mpeg'],
    wav: ['audio/wav', 'audio/wave', 'audio/x-wav'],
    flac: ['audio/flac', 'audio/x-flac'],
    m4a: ['audio/mp4', 'audio/x-m4a']
  };
  var DIRECT_VIDEO = {
    h264: ['video/mp4; codecs="avc1.640028"'],
    hevc: ['video/mp4; codecs="hvc1.1.6.L120.90"', 'video/mp4; codecs="hev1.1.6.L120.90"'],
    vp8: ['video/webm; codecs="vp8"'],
    vp9: ['video/webm; codecs="vp9"', 'video/mp4; codecs="vp09.00.10.08"'],
    av1: ['video/mp4; codecs="av01.0.05M.08"', 'video/webm; codecs="av01.0.05M.08"']
  };
  var DIRECT_AUDIO = {
    aac: ['audio/mp4; codecs="mp4a.40.2"'],
    mp3: ['audio/mpeg', 'audio/mp4; codecs="mp3"'],
    opus: ['audio/ogg; codecs="opus"', 'audio/webm; codecs="opus"'],
    vorbis: ['audio/ogg; codecs="vorbis"', 'audio/webm; codecs="vorbis"'],
    flac: ['audio/flac', 'audio/mp4; codecs="flac"'],
    pcm: ['audio/wav; codecs="1"'],     // uncompressed WAV; the server matches ffprobe's pcm_* names to it
    ac3: ['audio/mp4; codecs="ac-3"'],
    eac3: ['audio/mp4; codecs="ec-3"']
  };
  // HLS segments are MPEG-TS. Only codecs that the HLS player can take out of MPEG-TS count:
  // hls.js 1.4 demuxes H.264, AAC and MP3 from TS (it skips HEVC and AC-3 streams), and Apple's
  // native HLS carries HEVC only in fragmented MP4, so HEVC is never offered for TS segments.
  // hls.js transmuxes to fragmented MP4, hence the MSE questions use MP4 codec strings.
  var HLS_VIDEO = {
    h264: { types: ['video/mp4; codecs="avc1.640028"'], hlsjs: true, native: true }
  };
  var HLS_AUDIO = {
    aac: { types: ['audio/mp4; codecs="mp4a.40.2"'], hlsjs: true, native: true },
    mp3: { types: ['audio/mpeg', 'audio/mp4; codecs="mp3"'], hlsjs: true, native: true },
    ac3: { types: ['audio/mp4; codecs="ac-3"'], hlsjs: false, native: true },
    eac3: { types: ['audio/mp4; codecs="ec-3"'], hlsjs: false, native: true }
  };

  function mediaSourceClass() {
    return window.MediaSource || window.ManagedMediaSource || window.WebKitMediaSource || null;
  }

  /**
   * Probes the browser for the POST /api/play/{id} body. `hlsPlayer` chooses which HLS player the page
   * will use ('hlsjs', 'native' or null for "pick": hls.js when usable, else native HLS), so that the
   * HLS codec lists describe that player. Returns {caps, hlsPlayer} — hlsPlayer is null when neither works.
   */
  function playbackCapabilities(hlsPlayer) {
    var video = document.createElement('video');
    var MS = mediaSourceClass();
    var canPlay = function (type) {
      try { return video.canPlayType(type) || ''; } catch (e) { return ''; }
    };
    var mseSupports = function (type) {
      try { return !!(MS && MS.isTypeSupported && MS.isTypeSupported(type)); } catch (e) { return false; }
    };
    var pick = function (table, test) {
      return Object.keys(table).filter(function (name) {
        var entry = table[name];
        var types = Array.isArray(entry) ? entry : entry.types;
        return types.some(test);
      });
    };

    var nativeHls = !!canPlay('application/vnd.apple.mpegurl');
    var Hls = window.Hls;
    var hlsJs = false;
    try { hlsJs = !!(MS && Hls && typeof Hls.isSupported === 'function' && Hls.isSupported()); } catch (e) { hlsJs = false; }

    var player = null;
    if (hlsPlayer === 'hlsjs' || hlsPlayer === 'native') {
      player = (hlsPlayer === 'hlsjs' ? hlsJs : nativeHls) ? hlsPlayer : null;
    } else {
      player = hlsJs ? 'hlsjs' : (nativeHls ? 'native' : null);
    }
    var hlsTest = player === 'hlsjs' ? mseSupports : (player === 'native' ? canPlay : function () { return false; });
    var usable = function (table) {
      var out = {};
      Object.keys(table).forEach(function (k) { if (player && table[k][player]) out[k] = table[k]; });
      return out;
    };

    return {
      hlsPlayer: player,
      caps: {
        direct: {
          containers: pick(DIRECT_CONTAINERS, canPlay),
          video: pick(DIRECT_VIDEO, canPlay),
          audio: pick(DIRECT_AUDIO, canPlay)
        },
        hls: {
          native: nativeHls,
          mse: hlsJs,
          video: pick(usable(HLS_VIDEO), hlsTest),
          audio: pick(usable(HLS_AUDIO), hlsTest)
        }
      }
    };
  }

  window.KinoCommon = {
    $: $, el: el, icon: icon, api: api, errorText: errorText,
    retryAfterSeconds: retryAfterSeconds, formatSize: formatSize, formatBytes: formatBytes,
    formatDate: formatDate, formatDuration: formatDuration, techLabel: techLabel, typeLabel: typeLabel, hue: hue, store: store, load: load,
    isTyping: isTyping, playbackCapabilities: playbackCapabilities
  };
})();
