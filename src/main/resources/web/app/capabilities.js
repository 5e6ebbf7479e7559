/* Kino – what this browser plays (direct files, HLS through hls.js or natively), for POST /api/play. */

// What the browser can play, asked of the browser itself (never guessed from the user agent).
// Every name maps to the MIME strings that prove it; one non-empty answer is enough.
const DIRECT_CONTAINERS = {
  mp4: ['video/mp4'],
  webm: ['video/webm'],
  ogg: ['video/ogg', 'audio/ogg'],
  mp3: ['audio/mpeg'],
  wav: ['audio/wav', 'audio/wave', 'audio/x-wav'],
  flac: ['audio/flac', 'audio/x-flac'],
  m4a: ['audio/mp4', 'audio/x-m4a']
};
const DIRECT_VIDEO = {
  h264: ['video/mp4; codecs="avc1.640028"'],
  hevc: ['video/mp4; codecs="hvc1.1.6.L120.90"', 'video/mp4; codecs="hev1.1.6.L120.90"'],
  vp8: ['video/webm; codecs="vp8"'],
  vp9: ['video/webm; codecs="vp9"', 'video/mp4; codecs="vp09.00.10.08"'],
  av1: ['video/mp4; codecs="av01.0.05M.08"', 'video/webm; codecs="av01.0.05M.08"']
};
const DIRECT_AUDIO = {
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
const HLS_VIDEO = {
  h264: { types: ['video/mp4; codecs="avc1.640028"'], hlsjs: true, native: true }
};
const HLS_AUDIO = {
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
export function playbackCapabilities(hlsPlayer) {
  const video = document.createElement('video');
  const MS = mediaSourceClass();
  const canPlay = function (type) {
    try { return video.canPlayType(type) || ''; } catch { return ''; }
  };
  const mseSupports = function (type) {
    try { return !!(MS && MS.isTypeSupported && MS.isTypeSupported(type)); } catch { return false; }
  };
  const pick = function (table, test) {
    return Object.keys(table).filter(function (name) {
      const entry = table[name];
      const types = Array.isArray(entry) ? entry : entry.types;
      return types.some(test);
    });
  };

  const nativeHls = !!canPlay('application/vnd.apple.mpegurl');
  const Hls = window.Hls;
  let hlsJs = false;
  try { hlsJs = !!(MS && Hls && typeof Hls.isSupported === 'function' && Hls.isSupported()); } catch { hlsJs = false; }

  let player = null;
  if (hlsPlayer === 'hlsjs' || hlsPlayer === 'native') {
    player = (hlsPlayer === 'hlsjs' ? hlsJs : nativeHls) ? hlsPlayer : null;
  } else {
    player = hlsJs ? 'hlsjs' : (nativeHls ? 'native' : null);
  }
  const hlsTest = player === 'hlsjs' ? mseSupports : (player === 'native' ? canPlay : function () { return false; });
  const usable = function (table) {
    const out = {};
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
