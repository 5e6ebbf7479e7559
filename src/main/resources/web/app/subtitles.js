/* Kino – subtitles in the player. The server lists the file's tracks; for direct play they become <track> elements
   (WebVTT from the server), for HLS they come as the playlist's subtitle renditions and hls.js (or the browser's own
   HLS) makes the text tracks. One menu picks a track either way; the language picked last is remembered here. */

import { api, errorText } from '/app/api.js';
import { load, store } from '/app/prefs.js';

var PREF = 'kino.subtitles'; // 'off', or the BCP 47 tag of the language picked last

/**
 * Loads the tracks of a library file and wires the menu; returns { attach(engine, hls) } to call once the player
 * knows how it plays: engine 'file' (direct), 'native' (the browser's HLS) or 'hlsjs' (with its instance).
 * ui: { box, field, select, status } — the row of menus (shown once there is something to pick), the menu's own
 * field, the <select> and a line for errors.
 */
export function wireSubtitles(video, listUrl, ui) {
  var entries = [];   // { track: the server's description, el: its <track> in direct play }
  var wanted = null;  // the n shown, or null for none
  var engine = '';
  var hls = null;
  var listed = false;

  function setStatus(text) {
    ui.status.textContent = text || '';
    ui.status.hidden = !text;
  }

  /** The TextTrack an entry plays as: its <track>'s, or the one the HLS player made under the same label. */
  function textTrackOf(entry) {
    if (entry.el) return entry.el.track;
    if (engine !== 'native' && engine !== 'hlsjs') return null;
    for (var i = 0; i < video.textTracks.length; i++) {
      var t = video.textTracks[i];
      if (t.label === entry.track.label && (t.kind === 'subtitles' || t.kind === 'captions')) return t;
    }
    return null;
  }

  function apply() {
    if (engine === 'hlsjs' && hls) {
      var index = -1;
      hls.subtitleTracks.forEach(function (t, i) {
        var e = entries.filter(function (x) { return x.track.n === wanted; })[0];
        if (e && t.name === e.track.label) index = i;
      });
      hls.subtitleDisplay = true;
      if (hls.subtitleTrack !== index) hls.subtitleTrack = index;
      return;
    }
    entries.forEach(function (e) {
      var t = textTrackOf(e);
      if (t) t.mode = e.track.n === wanted ? 'showing' : 'disabled';
    });
  }

  function show(n) {
    wanted = n;
    ui.select.value = n === null ? 'off' : String(n);
    setStatus('');
    apply();
  }

  /** Off when the user said so; else the remembered language, else a forced or default track. */
  function initial() {
    var pref = load(PREF);
    if (pref === 'off') return null;
    var text = entries.filter(function (e) { return e.track.text; });
    var pick = function (f) { var m = text.filter(f)[0]; return m ? m.track.n : null; };
    if (pref) {
      var byLang = pick(function (e) { return e.track.language === pref && !e.track.forced; });
      if (byLang === null) byLang = pick(function (e) { return e.track.language === pref; });
      if (byLang !== null) return byLang;
    }
    var forced = pick(function (e) { return e.track.forced; });
    return forced !== null ? forced : pick(function (e) { return e.track.default; });
  }

  function explainFailure(entry) {
    // the element only says it failed: ask the server why (a file in an unreadable encoding, a vanished file …)
    api(entry.track.url).then(function (r) {
      setStatus(entry.track.label + ' subtitles cannot be shown: ' + errorText(r) + '.');
    }, function () {
      setStatus(entry.track.label + ' subtitles could not be loaded.');
    });
  }

  function addTrackElements() {
    entries.forEach(function (e) {
      if (e.el || !e.track.text) return;
      var el = document.createElement('track');
      el.kind = e.track.hearingImpaired ? 'captions' : 'subtitles';
      el.label = e.track.label;
      if (e.track.language) el.srclang = e.track.language;
      el.src = e.track.url;
      el.addEventListener('error', function () { if (e.track.n === wanted) explainFailure(e); });
      e.el = el;
      video.appendChild(el);
    });
  }

  function removeTrackElements() {
    entries.forEach(function (e) {
      if (e.el) {
        e.el.track.mode = 'disabled';
        e.el.remove();
        e.el = null;
      }
    });
  }

  function build(list) {
    list.forEach(function (t) {
      if (!t || typeof t.n !== 'number' || typeof t.label !== 'string') return;
      var usable = t.text === true && typeof t.url === 'string' && t.url.charAt(0) === '/' && t.url.charAt(1) !== '/';
      entries.push({ track: { n: t.n, label: t.label, language: t.language || '', forced: !!t.forced,
        default: !!t.default, hearingImpaired: !!t.hearingImpaired, text: usable, url: usable ? t.url : '' }, el: null });
    });
    ui.select.textContent = '';
    var off = document.createElement('option');
    off.value = 'off';
    off.textContent = 'Off';
    ui.select.appendChild(off);
    entries.forEach(function (e) {
      var o = document.createElement('option');
      o.value = String(e.track.n);
      o.textContent = e.track.label + (e.track.text ? '' : ' — not shown: picture subtitles need burning in');
      o.disabled = !e.track.text;
      ui.select.appendChild(o);
    });
    ui.field.hidden = entries.length === 0;
    if (entries.length) ui.box.hidden = false;
  }

  function ready() {
    if (!listed || !engine) return;
    if (engine === 'file') addTrackElements(); else removeTrackElements();
    show(initial());
  }

  ui.select.addEventListener('change', function () {
    var v = ui.select.value;
    var n = v === 'off' ? null : Number(v);
    var chosen = entries.filter(function (e) { return e.track.n === n; })[0];
    store(PREF, chosen && chosen.track.language ? chosen.track.language : 'off');
    show(n);
  });
  // new text tracks (an HLS player making its renditions' tracks) get the wanted mode
  video.textTracks.addEventListener('addtrack', function () { if (engine === 'native') apply(); });
  // the browser's own captions menu (in the video's controls) changes modes too: keep the menu in step, and when
  // the browser turns a second track on by itself, keep the one picked
  video.textTracks.addEventListener('change', function () {
    var showing = entries.filter(function (e) { var t = textTrackOf(e); return t && t.mode === 'showing'; });
    if (showing.length > 1 && engine !== 'hlsjs') {
      apply();
    } else if (showing.length === 1) {
      wanted = showing[0].track.n;
      ui.select.value = String(wanted);
    } else if (showing.length === 0 && engine !== 'hlsjs') {
      wanted = null;
      ui.select.value = 'off';
    }
  });

  api(listUrl).then(function (r) {
    if (!r.ok || !Array.isArray(r.data) || r.data.length === 0) return;
    build(r.data);
    listed = true;
    ready();
  }, function () { /* no list, no menu */ });

  return {
    attach: function (how, hlsInstance) {
      engine = how;
      hls = hlsInstance || null;
      if (hls && window.Hls) {
        hls.on(window.Hls.Events.SUBTITLE_TRACKS_UPDATED, apply);
        hls.on(window.Hls.Events.SUBTITLE_TRACK_LOAD_ERROR, function () {
          var e = entries.filter(function (x) { return x.track.n === wanted; })[0];
          if (e) explainFailure(e);
        });
      }
      ready();
    }
  };
}
