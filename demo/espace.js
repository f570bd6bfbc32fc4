// The caisse page's own glue around the widgets (what a caisse web team writes): it mounts the
// portal, routes the widgets' `cibtp-navigate` events, follows the links sent by email, switches the
// language and shows the signed-in state. Plain JS, no build step; nothing inline (CSP).
//
// `readLinkToken` comes from the drop-in bundle itself (same URL as the page's <script> tag, so the
// browser evaluates the module once).
import { readLinkToken } from '/dist/cibtp-widgets.bundle.js';
import { mockReady } from '/dist/demo-mock.js';

const $ = (id) => document.getElementById(id);
const root = $('espace-root');
const template = $('espace-template');
const status = $('espace-status');
const signedIn = $('espace-signed-in');
const user = $('espace-user');
const placeholder = $('espace-placeholder');

let locale = 'fr';
/** @type {HTMLElement & { activeClient?: any } | null} */
let portal = null;

function setStatus(text, isError = false) {
  status.textContent = text;
  status.classList.toggle('error', isError);
}

/**
 * Shows one widget inside the portal (the portal itself stays: it holds the client and session).
 * After a user's action (`focus`), the focus moves to the new widget's heading: the element that had
 * it is gone, and a keyboard or screen-reader user would otherwise be sent back to the top of the page.
 */
function show(tag, properties = {}, { focus = true } = {}) {
  const widget = document.createElement(tag);
  Object.assign(widget, properties);
  portal.replaceChildren(widget);
  portal.hidden = false;
  signedIn.hidden = true;
  placeholder.hidden = true;
  if (focus) void widget.focusHeading();
  return widget;
}

function showPlaceholder() {
  portal.replaceChildren();
  signedIn.hidden = true;
  placeholder.hidden = false;
  placeholder.querySelector('button')?.focus();
}

function showSignedIn(session) {
  portal.replaceChildren();
  placeholder.hidden = true;
  const name = session?.user ? `${session.user.firstName} ${session.user.lastName} (${session.user.email})` : '';
  const tiers = session?.tiers ? ` — ${session.tiers.raisonSociale}, ${session.tiers.siteName}` : '';
  user.textContent = `${name}${tiers}`;
  signedIn.hidden = false;
  $('logout').focus();
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
  else show('cibtp-activate-account', { token: link.token }, { focus });
  return true;
}

function setLocale(next) {
  locale = next;
  portal?.setAttribute('locale', next);
  portal?.setAttribute('lang', next);
  for (const button of document.querySelectorAll('[data-locale]')) {
    button.setAttribute('aria-pressed', String(button.dataset.locale === next));
  }
}

for (const button of document.querySelectorAll('[data-locale]')) {
  button.addEventListener('click', () => setLocale(button.dataset.locale));
}
placeholder.querySelector('[data-go="login"]')?.addEventListener('click', () => show('cibtp-login'));

$('logout').addEventListener('click', async () => {
  const button = $('logout');
  button.disabled = true;
  try {
    await portal.activeClient?.logout();
  } catch {
    // The session ends on our side whatever the server said.
  } finally {
    button.disabled = false;
  }
  setStatus('Vous êtes déconnecté.');
  if (!signedIn.hidden) show('cibtp-login'); // unless `cibtp-signed-out` already did
});

try {
  await mockReady;
} catch (error) {
  setStatus('Le serveur simulé n’a pas pu démarrer : rechargez la page.', true);
  throw error;
}

root.replaceChildren(template.content.cloneNode(true));
portal = root.querySelector('cibtp-portal');
setLocale(locale);
setStatus('');

portal.addEventListener('cibtp-navigate', (event) => {
  event.preventDefault(); // the page handles every destination
  setStatus('');
  switch (event.detail.to) {
    case 'forgot-password':
      show('cibtp-forgot-password');
      break;
    case 'login':
      show('cibtp-login');
      break;
    default: // 'signup', 'associate-site': « bientôt disponible »
      showPlaceholder();
  }
});
portal.addEventListener('cibtp-signed-in', (event) => {
  setStatus('');
  showSignedIn(event.detail.session);
});
portal.addEventListener('cibtp-signed-out', () => {
  if (!signedIn.hidden) show('cibtp-login');
});
portal.addEventListener('cibtp-session-expired', () => {
  setStatus('Votre session a expiré : reconnectez-vous.', true);
  show('cibtp-login');
});
portal.addEventListener('cibtp-password-reset', () => {
  setStatus('Votre mot de passe a été modifié : connectez-vous avec votre nouveau mot de passe.');
});

window.addEventListener('hashchange', () => followLink());
followLink({ focus: false });
document.documentElement.dataset.ready = 'true';
