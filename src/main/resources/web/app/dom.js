/* Kino – DOM helpers: find, build, icons, and whether the user is typing. */

const SVG_NS = 'http://www.w3.org/2000/svg';

export function $(id) {
  return document.getElementById(id);
}

/** Creates an element with an optional class name and text content. */
export function el(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined && text !== null) node.textContent = text;
  return node;
}

/** An SVG element with its attributes (and children). */
export function svg(tag, attrs, children) {
  const node = document.createElementNS(SVG_NS, tag);
  Object.keys(attrs || {}).forEach((k) => node.setAttribute(k, attrs[k]));
  (children || []).forEach((child) => node.appendChild(child));
  return node;
}

const ICONS = {
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
export function icon(name, className) {
  return svg('svg', {
    viewBox: '0 0 24 24', 'aria-hidden': 'true', focusable: 'false', 'class': 'icon' + (className ? ' ' + className : '')
  }, (ICONS[name] || []).map((spec) => svg(spec[0], spec[1])));
}

/** True when keyboard input should go to the focused control, not to page shortcuts. */
export function isTyping(target) {
  if (!target || !target.closest) return false;
  return !!target.closest('input, textarea, select, [contenteditable=""], [contenteditable="true"]');
}
