/* Kino – the page shell every page shares: skip link, brand, section navigation and the signed-in user. */

import { el, svg } from '/app/dom.js';
import { signOut } from '/app/session.js';

const SECTIONS = [
  { id: 'library', href: '/', label: 'Library' },
  { id: 'live', href: '/live', label: 'Live' },
  { id: 'broadcast', href: '/broadcast.html', label: 'Broadcast' },
  { id: 'torrents', href: '/torrents.html', label: 'Torrents' }
];

function brand() {
  const a = el('a', 'brand');
  a.href = '/';
  a.setAttribute('aria-label', 'Kino – library');
  a.appendChild(svg('svg', { 'class': 'brand-mark', viewBox: '0 0 32 32', 'aria-hidden': 'true', focusable: 'false' }, [
    svg('rect', { x: 2, y: 5, width: 28, height: 22, rx: 6 }),
    svg('path', { 'class': 'brand-play',
      d: 'M13 11.2v9.6a.8.8 0 0 0 1.2.7l7.6-4.8a.8.8 0 0 0 0-1.4l-7.6-4.8a.8.8 0 0 0-1.2.7z' })
  ]));
  a.appendChild(el('span', 'brand-name', 'Kino'));
  return a;
}

function nav(current) {
  const n = el('nav', 'topnav');
  n.setAttribute('aria-label', 'Sections');
  SECTIONS.forEach((s) => {
    const a = el('a', null, s.label);
    a.href = s.href;
    if (s.id === current) a.setAttribute('aria-current', 'page');
    n.appendChild(a);
  });
  return n;
}

function userBox() {
  const box = el('div', 'user');
  box.id = 'user-box';
  box.hidden = true;
  const avatar = el('span', 'avatar');
  avatar.id = 'user-avatar';
  avatar.setAttribute('aria-hidden', 'true');
  const name = el('span', 'user-name');
  name.appendChild(el('span', 'visually-hidden', 'Signed in as '));
  const who = el('span');
  who.id = 'user-name';
  name.appendChild(who);
  const badge = el('span', 'badge', 'admin');
  badge.id = 'admin-badge';
  badge.hidden = true;
  const logout = el('button', 'btn btn-ghost btn-small', 'Log out');
  logout.id = 'logout';
  logout.type = 'button';
  [avatar, name, badge, logout].forEach((c) => box.appendChild(c));
  return { box, avatar, who, badge, logout };
}

/**
 * Builds the shell at the top of `parent` (the body unless given). `section` marks the current entry of the bar.
 * Returns {showUser(user), onLogout(fn)}; by default Log out ends the session and goes to the sign-in page.
 */
export function mountShell({ section, parent } = {}) {
  const skip = el('a', 'skip-link', 'Skip to content');
  skip.href = '#main';
  document.body.prepend(skip);

  const header = el('header', 'topbar');
  const user = userBox();
  header.append(brand(), nav(section), user.box);
  if (parent && parent !== document.body) parent.prepend(header);
  else skip.after(header);

  let logoutHandler = () => signOut().then(() => window.location.replace('/'));
  user.logout.addEventListener('click', () => {
    user.logout.disabled = true;
    Promise.resolve(logoutHandler()).then(() => { user.logout.disabled = false; });
  });

  return {
    /** Shows who is signed in (or hides the box for null). */
    showUser(u) {
      const name = (u && u.username) || '';
      user.who.textContent = name;
      user.avatar.textContent = name ? name.charAt(0).toUpperCase() : '?';
      user.badge.hidden = !(u && u.admin);
      user.box.hidden = !u;
    },
    onLogout(fn) {
      logoutHandler = fn;
    }
  };
}
