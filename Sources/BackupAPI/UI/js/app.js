// The app shell: session, navigation and the hash router (#/databases/3). Pages are modules in pages/.
import {get, post, setCsrfToken, setUnauthenticatedHandler} from './api.js';
import {h, setChildren, button, notice} from './dom.js';
import * as auth from './pages/auth.js';
import * as dashboard from './pages/dashboard.js';
import * as databases from './pages/databases.js';
import * as schedules from './pages/schedules.js';
import * as backups from './pages/backups.js';
import * as restore from './pages/restore.js';
import * as settings from './pages/settings.js';
import * as audit from './pages/audit.js';
import * as users from './pages/users.js';

const main = document.getElementById('main');
const nav = document.getElementById('nav');
const who = document.getElementById('who');

const session = {user: null};
let timers = [];

// [pattern, page render function, nav label or null, admin only]
const routes = [
  [/^\/$/, dashboard.render, 'Dashboard'],
  [/^\/databases$/, databases.list, 'Databases'],
  [/^\/databases\/new$/, databases.edit],
  [/^\/databases\/(\d+)$/, databases.edit],
  [/^\/schedules$/, schedules.list, 'Schedules'],
  [/^\/schedules\/new$/, schedules.edit],
  [/^\/schedules\/(\d+)$/, schedules.edit],
  [/^\/backups$/, backups.list, 'Backups'],
  [/^\/backups\/(\d+)$/, backups.detail],
  [/^\/restore$/, restore.wizard, 'Restore'],
  [/^\/restore\/jobs\/(\d+)$/, restore.job],
  [/^\/settings$/, settings.render, 'Settings'],
  [/^\/audit$/, audit.render, 'Audit log'],
  [/^\/users$/, users.render, 'Users & tokens'],
];

/** What pages get: the user, whether it is an admin, navigation, and polling that stops on navigation. */
function context(params, view) {
  return {
    user: session.user,
    admin: session.user && session.user.role === 'admin',
    params,
    go: (path) => { location.hash = `#${path}`; },
    every(ms, fn) {
      if (!view.isConnected) return null;
      const id = setInterval(() => (view.isConnected ? fn() : clearInterval(id)), ms);
      timers.push(id);
      return id;
    },
    stop(id) { clearInterval(id); },
  };
}

function currentPath() {
  const path = location.hash.replace(/^#/, '') || '/';
  return path.split('?')[0];
}

function renderNav(path) {
  if (!session.user) { nav.replaceChildren(); who.replaceChildren(); return; }
  setChildren(nav, routes.filter((r) => r[2]).map(([pattern, , label]) => {
    const href = pattern.source.replace(/^\^\\?/, '').replace(/\$$/, '').replace(/\\\//g, '/') || '/';
    const active = href === '/' ? path === '/' : path.startsWith(href);
    return h('a', {href: `#${href}`, 'aria-current': active ? 'page' : null}, label);
  }));
  setChildren(who, h('span', {id: 'current-user'}, `${session.user.username} (${session.user.role})`),
    button('Log out', logout, {id: 'logout'}));
}

async function logout() {
  try { await post('/api/auth/logout'); } catch { /* the session may be gone already */ }
  session.user = null;
  setCsrfToken(null);
  location.hash = '#/login';
}

async function route() {
  for (const id of timers) clearInterval(id);
  timers = [];
  const path = currentPath();
  if (path === '/setup' || path === '/login') {
    renderNav(path);
    const render = path === '/setup' ? auth.setup : auth.login;
    return render(main, {onLogin: loggedIn, go: (p) => { location.hash = `#${p}`; }});
  }
  if (!session.user) return start();
  renderNav(path);
  for (const [pattern, render] of routes) {
    const match = path.match(pattern);
    if (!match) continue;
    // Each page draws into its own element: a page still loading when the user moves on draws into a
    // detached element, never over the next page.
    const view = h('div', {class: 'view'}, h('p', {class: 'muted'}, 'Loading…'));
    main.replaceChildren(view);
    try {
      await render(view, context(match.slice(1), view));
    } catch (error) {
      if (error.status !== 401) setChildren(view, h('h1', {}, 'Something went wrong'), notice('bad', error.message));
    }
    return;
  }
  setChildren(main, h('h1', {}, 'Not found'), h('p', {}, h('a', {href: '#/'}, 'Back to the dashboard')));
}

function loggedIn(answer) {
  session.user = answer.user;
  setCsrfToken(answer.csrf_token);
  const path = currentPath();
  const target = path === '/login' || path === '/setup' ? '#/' : location.hash || '#/';
  if (location.hash !== target) location.hash = target; else route();
}

/** First load: setup needed → setup page; a session → the page asked for; else the login page. */
async function start() {
  try {
    const state = await get('/api/auth/setup');
    if (state.setup_required) { location.hash = '#/setup'; return; }
    const me = await get('/api/auth/me', {noRedirect: true});
    loggedIn(me);
  } catch {
    location.hash = '#/login';
  }
}

setUnauthenticatedHandler(() => {
  session.user = null;
  setCsrfToken(null);
  if (currentPath() !== '/login') location.hash = '#/login';
});
window.addEventListener('hashchange', route);
route();
