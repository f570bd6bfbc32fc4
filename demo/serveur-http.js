// The glue of serveur-http.html: the company login and home page against the mock over real HTTP
// (another origin, named by the portal's `base-url`). Unlike espace.js, there is no simulated backend
// to start in the page: the widgets call the server at once. Plain JS, nothing inline (CSP).
import { readLinkToken } from '/dist/cibtp-widgets.js';

const portal = document.querySelector('cibtp-portal');
const status = document.getElementById('espace-status');

const MESSAGES = {
  'signed-out': 'Vous êtes déconnecté de votre espace.',
  expired: 'Votre session a expiré : reconnectez-vous.',
  'password-reset': 'Votre mot de passe a été modifié : connectez-vous avec votre nouveau mot de passe.',
  navigated: 'Démonstration : le site de la caisse ouvrirait ici sa page « {to} ».',
};

function setStatus(key, values = {}) {
  status.textContent = key ? MESSAGES[key].replace(/\{(\w+)\}/g, (_, name) => values[name] ?? '') : '';
}

/** One widget inside the portal (which keeps the client and the session); after an action, its heading gets the focus. */
function show(tag, properties = {}, { focus = true, attributes = {} } = {}) {
  const widget = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) widget.setAttribute(name, value);
  Object.assign(widget, properties);
  portal.replaceChildren(widget);
  if (focus) void customElements.whenDefined(tag).then(() => widget.focusHeading());
  return widget;
}

/** `#action=reset-password|activate&token=…` from an email of the server's outbox; the token leaves the address bar. */
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

portal.addEventListener('cibtp-navigate', (event) => {
  if (portal.routes?.[event.detail.to]) return; // a real link of the caisse's site
  event.preventDefault();
  setStatus('');
  switch (event.detail.to) {
    case 'forgot-password':
      show('cibtp-forgot-password');
      break;
    case 'confidential-code':
      show('cibtp-forgot-password', {}, { attributes: { situation: 'code' } });
      break;
    case 'login':
      show('cibtp-login');
      break;
    case 'home':
    case 'delegations': {
      const espace = portal.querySelector('cibtp-espace');
      if (espace) espace.page = event.detail.to;
      else setStatus('navigated', { to: event.detail.to });
      break;
    }
    default:
      setStatus('navigated', { to: event.detail.to });
  }
});
portal.addEventListener('cibtp-signed-in', () => {
  setStatus('');
  const home = show('cibtp-espace', { page: 'home' }, { focus: false });
  void customElements.whenDefined('cibtp-espace').then(() => home.updateComplete).then(() => home.focusHeading());
});
portal.addEventListener('cibtp-signed-out', () => {
  setStatus('signed-out');
  show('cibtp-login');
});
portal.addEventListener('cibtp-session-expired', () => {
  setStatus('expired');
  show('cibtp-login');
});
portal.addEventListener('cibtp-password-reset', () => setStatus('password-reset'));
document.querySelector('.espace').addEventListener('submit', () => setStatus(''), true);

window.addEventListener('hashchange', () => followLink());
followLink({ focus: false });
document.documentElement.dataset.ready = 'true';
