/* Kino – formatting for people: sizes, durations, dates, rates, codecs and file types. */

const UNITS = ['B', 'KB', 'MB', 'GB', 'TB', 'PB'];

/** 1536 -> "1.5 KB", 1288490188 -> "1.2 GB" (binary multiples). */
export function formatSize(bytes) {
  let n = Number(bytes);
  if (!isFinite(n) || n < 0) return '—';
  let u = 0;
  while (n >= 1024 && u < UNITS.length - 1) {
    n /= 1024;
    u++;
  }
  if (u === 0) return n + ' B';
  const s = n < 100 ? n.toFixed(1) : Math.round(n).toString();
  return s.replace(/\.0$/, '') + ' ' + UNITS[u];
}

export function formatBytes(bytes) {
  const n = Number(bytes);
  return isFinite(n) ? n.toLocaleString() + ' bytes' : '';
}

export function formatDate(d) {
  if (!(d instanceof Date) || isNaN(d.getTime())) return '';
  return d.toLocaleDateString(undefined, { year: 'numeric', month: 'short', day: 'numeric' });
}

/** 3725.4 -> "1:02:05", 65 -> "1:05"; unknown -> "". */
export function formatDuration(seconds) {
  const t = Math.round(Number(seconds));
  if (seconds === null || seconds === undefined || !isFinite(t) || t < 0) return '';
  const h = Math.floor(t / 3600), m = Math.floor((t % 3600) / 60), s = t % 60;
  const mm = h > 0 && m < 10 ? '0' + m : String(m);
  return (h > 0 ? h + ':' : '') + mm + ':' + (s < 10 ? '0' : '') + s;
}

/** 2500000 -> "2.50 Mbit/s". */
export function formatBitrate(bitsPerSecond) {
  return (bitsPerSecond / 1e6).toFixed(2) + ' Mbit/s';
}

/** 0.4567 -> "45.7 %", 1 -> "100 %" (clamped to 0..1). */
export function formatPercent(fraction) {
  const p = Math.max(0, Math.min(1, Number(fraction) || 0)) * 100;
  return (p >= 100 || p === 0 ? p.toFixed(0) : p.toFixed(1)) + ' %';
}

const CODECS = { h264: 'H.264', hevc: 'HEVC', mpeg4: 'MPEG-4', mpeg2video: 'MPEG-2', vp8: 'VP8', vp9: 'VP9',
  av1: 'AV1', aac: 'AAC', mp3: 'MP3', opus: 'Opus', vorbis: 'Vorbis', ac3: 'AC-3', eac3: 'E-AC-3', dts: 'DTS',
  flac: 'FLAC', flv1: 'FLV1' };

/** "1920×1080 · H.264 / AAC · 8.1 Mb/s" from what ffprobe found; "" when nothing is known yet. */
export function techLabel(item) {
  const parts = [];
  if (item.width && item.height) parts.push(item.width + '×' + item.height);
  const codecs = [item.videoCodec, item.audioCodec].filter(Boolean).map((c) => CODECS[c] || String(c).toUpperCase());
  if (codecs.length) parts.push(codecs.join(' / '));
  if (item.bitrate) parts.push((item.bitrate / 1e6).toFixed(1) + ' Mb/s');
  return parts.join(' · ');
}

const SUBTYPES = {
  'x-matroska': 'MKV', 'quicktime': 'MOV', 'x-msvideo': 'AVI', 'x-m4v': 'M4V',
  'mpeg': 'MPEG', 'mp2t': 'TS', 'x-flv': 'FLV', 'x-ms-wmv': 'WMV', '3gpp': '3GP',
  'x-wav': 'WAV', 'wave': 'WAV', 'x-flac': 'FLAC', 'mp4a-latm': 'AAC', 'x-m4a': 'M4A'
};

/** "Movie.mkv" -> "MKV video"; falls back to the MIME type ("audio/mpeg" -> "MP3 audio"). */
export function typeLabel(item) {
  const kind = item.kind === 'audio' ? 'audio' : 'video';
  const name = String(item.name || '');
  const dot = name.lastIndexOf('.');
  const ext = dot > 0 ? name.slice(dot + 1) : '';
  let label = /^[a-z0-9]{2,5}$/i.test(ext) ? ext.toUpperCase() : '';
  if (!label) {
    const mime = String(item.mimeType || '').toLowerCase();
    const sub = mime.indexOf('/') > 0 ? mime.split('/')[1].split(';')[0] : '';
    label = mime === 'audio/mpeg' ? 'MP3' : (SUBTYPES[sub] || (sub && sub.length <= 5 ? sub.toUpperCase() : ''));
  }
  return (label ? label + ' ' : '') + kind;
}

/** Stable 0..7 colour bucket for a string. */
export function hue(s) {
  let h = 0;
  for (let i = 0; i < s.length; i++) h = (h * 31 + s.charCodeAt(i)) | 0;
  return Math.abs(h) % 8;
}
