// The caisse page's own glue around the widgets (what a caisse web team writes): it mounts the
// portal, routes the widgets' `cibtp-navigate` events (login, forgotten password, signup, association
// of a declaring site, and the pages of the space), follows the links sent by email, switches the
// language and shows the signed-in state: the company home page (`<cibtp-espace>`), or for workers a
// plain signed-in block. The page's `<body data-space>` says which space it is: `entreprise` or `salarie`;
// `data-backend` which backend (below).
// Plain JS, no build step; nothing inline (CSP).
//
// `readLinkToken` comes from the drop-in loader itself (same URL as the page's <script> tag, so the
// browser evaluates the module once).
//
// The backend: the simulated one running in the page (dist/demo-mock.js), or, on a page whose
// `<body data-backend="http">`, the mock over real HTTP that the portal's `base-url` names (nothing
// to start in the page: `npm start` runs it beside the demo).
import { readLinkToken } from '/dist/cibtp-widgets.js';

const mockReady = document.body.dataset.backend === 'http' ? Promise.resolve() : import('/dist/demo-mock.js').then((m) => m.mockReady);

const $ = (id) => document.getElementById(id);
const root = $('espace-root');
const template = $('espace-template');
const status = $('espace-status');
const signedIn = $('espace-signed-in');
const user = $('espace-user');

/** `entreprise` or `salarie`: the space this page is the entrance of. */
const space = document.body.dataset.space === 'salarie' ? 'salarie' : 'entreprise';
/** The login as this page writes it (the same attributes as in its <template>). */
const LOGIN_ATTRIBUTES = space === 'salarie' ? { audience: 'salarie', franceconnect: '' } : {};

let locale = 'fr';
/** @type {HTMLElement & { logout(): Promise<void> } | null} */
let portal = null;

/** The page's own texts, in the two languages of the widgets (the widgets translate themselves). */
const TEXTS = {
  fr: {
    region: 'Connexion',
    starting: 'Démarrage du serveur simulé…',
    'mock-failed': 'Le serveur simulé n’a pas pu démarrer : rechargez la page.',
    'signed-in': 'Bienvenue dans votre espace sécurisé',
    'sign-out': 'Se déconnecter',
    'signed-out': 'Vous êtes déconnecté de votre espace.',
    expired: 'Votre session a expiré : reconnectez-vous.',
    'password-reset': 'Votre mot de passe a été modifié : connectez-vous avec votre nouveau mot de passe.',
    navigated: 'Démonstration : le site de la caisse ouvrirait ici sa page « {to} ».',
  },
  en: {
    region: 'Sign-in',
    starting: 'Starting the simulated server…',
    'mock-failed': 'The simulated server could not start: reload the page.',
    'signed-in': 'Welcome to your secure space',
    'sign-out': 'Sign out',
    'signed-out': 'You have signed out of your space.',
    expired: 'Your session has expired: please sign in again.',
    'password-reset': 'Your password has been changed: sign in with your new password.',
    navigated: 'Demo: the caisse’s site would open its “{to}” page here.',
  },
};
const t = (key) => TEXTS[locale][key] ?? TEXTS.fr[key];

/** The page's status line holds a text id, so that it follows a language switch. */
let statusKey = 'starting';
let statusError = false;
let statusValues = {};
function setStatus(key, isError = false, values = {}) {
  statusKey = key;
  statusError = isError;
  statusValues = values;
  status.textContent = key ? t(key).replace(/\{(\w+)\}/g, (_, name) => values[name] ?? '') : '';
  status.classList.toggle('error', isError);
}

/**
 * Shows one widget inside the portal (the portal itself stays: it holds the client and session).
 * After a user's action (`focus`), the focus moves to the new widget's heading: the element that had
 * it is gone, and a keyboard or screen-reader user would otherwise be sent back to the top of the page.
 */
function show(tag, properties = {}, { focus = true, attributes = {} } = {}) {
  const widget = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) widget.setAttribute(name, value);
  Object.assign(widget, properties);
  portal.replaceChildren(widget);
  portal.hidden = false;
  signedIn.hidden = true;
  // The loader defines the tag once it sees it in the page: wait for it before calling its methods.
  if (focus) void customElements.whenDefined(tag).then(() => widget.focusHeading());
  return widget;
}

/** The login of this space. */
function showLogin(options = {}) {
  return show('cibtp-login', {}, { ...options, attributes: LOGIN_ATTRIBUTES });
}

/**
 * The page of the company space in the address (`?espace=delegations`), so that a reload or *Back* keeps
 * it; the list of `<cibtp-delegations>` keeps its own state beside it (`delegations-…` keys).
 */
function spacePage() {
  return new URLSearchParams(location.search).get('espace') === 'delegations' ? 'delegations' : 'home';
}

function setSpacePage(page) {
  const params = new URLSearchParams(location.search);
  if (page === 'home') {
    // The list's state belongs to the delegations page only.
    for (const name of [...params.keys()]) if (name === 'espace' || name.startsWith('delegations-')) params.delete(name);
  } else params.set('espace', page);
  const search = params.toString();
  if (search !== location.search.replace(/^\?/, '')) history.pushState(null, '', `${location.pathname}${search ? `?${search}` : ''}`);
  const espace = portal.querySelector('cibtp-espace');
  if (espace) {
    espace.page = page;
    void customElements.whenDefined('cibtp-espace').then(() => espace.focusHeading());
  }
}

function showSignedIn(session) {
  if (space === 'entreprise') {
    // The company space: its home page, made of the kit's shell widgets (top bar, menu, tiles…).
    const home = show('cibtp-espace', { page: spacePage() }, { focus: false });
    void customElements.whenDefined('cibtp-espace').then(() => home.updateComplete).then(() => home.focusHeading());
    return;
  }
  portal.replaceChildren();
  const name = session?.user ? `${session.user.firstName} ${session.user.lastName} (${session.user.email})` : '';
  const tiers = session?.tiers ? ` — ${session.tiers.raisonSociale}, ${session.tiers.siteName}` : '';
  user.textContent = `${name}${tiers}`;
  signedIn.hidden = false;
  $('espace-signed-in-title').focus();
}

/**
 * `#action=reset-password|activate&token=…`: the token is read once and leaves the address bar. On
 * page load (a link opened from the mail client) the focus stays where the browser puts it.
 */
function followLink({ focus = true } = {}) {
  const link = readLinkToken();
  if (!link) return false;
  setStatus('');
  if (link.action === 'reset-password') show('cibtp-reset-password', { token: link.token }, { focus });
  else if (link.action === 'complete-account') show('cibtp-complete-account', { token: link.token }, { focus });
  else if (link.action === 'confirm-delegation') show('cibtp-confirm-delegation', { token: link.token }, { focus });
  else show('cibtp-activate-account', { token: link.token }, { focus });
  return true;
}

function setLocale(next) {
  locale = next;
  for (const el of document.querySelectorAll('[data-text]')) {
    el.textContent = el.dataset[next] ?? t(el.dataset.text);
  }
  setStatus(statusKey, statusError, statusValues);
  root.closest('section').lang = next; // the page's own texts around the widgets follow too
  portal?.setAttribute('locale', next);
  portal?.setAttribute('lang', next);
  for (const button of document.querySelectorAll('[data-locale]')) {
    button.setAttribute('aria-pressed', String(button.dataset.locale === next));
  }
}

for (const button of document.querySelectorAll('[data-locale]')) {
  button.addEventListener('click', () => setLocale(button.dataset.locale));
}

$('logout').addEventListener('click', async () => {
  const button = $('logout');
  button.disabled = true;
  try {
    await portal.logout();
  } catch {
    // The session ends on our side whatever the server said.
  } finally {
    button.disabled = false;
  }
  setStatus('signed-out');
  if (!signedIn.hidden) showLogin(); // unless `cibtp-signed-out` already did
});

try {
  await mockReady;
} catch (error) {
  setStatus('mock-failed', true);
  throw error;
}

root.replaceChildren(template.content.cloneNode(true));
portal = root.querySelector('cibtp-portal');
setLocale(locale);
setStatus('');

portal.addEventListener('cibtp-navigate', (event) => {
  // A destination the page gave a URL in the portal's `routes` is a real link: let the browser follow it.
  if (portal.routes?.[event.detail.to]) return;
  event.preventDefault(); // the page handles every other destination
  setStatus('');
  switch (event.detail.to) {
    case 'forgot-password':
      show('cibtp-forgot-password');
      break;
    case 'confidential-code':
      // « Je n’ai pas mon code confidentiel » in a signup: straight to the request of a new code by post.
      show('cibtp-forgot-password', {}, { attributes: { situation: 'code' } });
      break;
    case 'login':
      showLogin();
      break;
    case 'signup':
      // The page knows whose signup it is: the company's or the worker's.
      show('cibtp-signup', {}, { attributes: { type: space } });
      break;
    case 'associate-site':
      show('cibtp-associate-site');
      break;
    case 'home':
    case 'delegations':
      // The pages the espace composes itself: the page only says which one, and keeps it in the address.
      if (portal.querySelector('cibtp-espace')) setSpacePage(event.detail.to);
      else setStatus('navigated', false, { to: event.detail.to });
      break;
    default:
      // Every other destination of the kit (Suivi DSN, the menu's functions, the side bar, the footer):
      // a caisse opens its own page; the demo says which one it would be.
      setStatus('navigated', false, { to: event.detail.to });
      status.scrollIntoView?.({ block: 'nearest' });
  }
});
portal.addEventListener('cibtp-signed-in', (event) => {
  setStatus('');
  showSignedIn(event.detail.session);
});
portal.addEventListener('cibtp-signed-out', () => {
  // From the home page's top bar (or the page's own button, which shows the login itself).
  if (!signedIn.hidden || portal.querySelector('cibtp-espace')) {
    setStatus('signed-out');
    showLogin();
  }
});
portal.addEventListener('cibtp-session-expired', () => {
  setStatus('expired', true);
  showLogin();
});

portal.addEventListener('cibtp-password-reset', () => {
  setStatus('password-reset');
});

// A page message belongs to the moment it was said: the user's next step in a widget (a form sent, a
// tiers chosen…) clears it, so that « déconnecté » does not sit over the next step or a later error.
root.addEventListener('submit', () => setStatus(''), true);

window.addEventListener('hashchange', () => followLink());
window.addEventListener('popstate', () => {
  const espace = portal.querySelector('cibtp-espace');
  if (espace) espace.page = spacePage();
});
followLink({ focus: false });
document.documentElement.dataset.ready = 'true';
