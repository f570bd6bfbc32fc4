// The simulated FranceConnect page of the demo (demo/franceconnect.html): what FranceConnect does after
// the person has chosen an account, reduced to a choice between the mock backend's two identities
// (mock-server/db.ts, FRANCECONNECT_IDENTITIES; the page shows the same details). The caisse backend's
// authorisation request arrives as the query `?state=…&return=…&matched=…&unmatched=…` (its
// `franceConnectStart`); each button sends the browser back to `return` with `?code=…&state=…`, as
// FranceConnect does, and only to an address on this site: anything else is refused, never followed.
// Plain JS, nothing inline (CSP).

/** demo/mock.ts reads it on the return: which identity was chosen for which `state` (never a code). */
const CHOICE = 'cibtp-demo-franceconnect';

const query = new URLSearchParams(location.search);
const status = document.getElementById('fc-status');

/** `return`, if it is an http(s) address on this origin. */
function returnAddress() {
  const value = query.get('return');
  if (!value) return null;
  try {
    const url = new URL(value, location.href);
    return (url.protocol === 'https:' || url.protocol === 'http:') && url.origin === location.origin ? url : null;
  } catch {
    return null;
  }
}

const back = returnAddress();
const state = query.get('state');
const TOKEN = /^[A-Za-z0-9_-]{16,256}$/;

if (!back) {
  status.textContent = 'Adresse de retour absente ou extérieure au site de démonstration : elle n’est pas suivie.';
} else if (!state || !TOKEN.test(state)) {
  status.textContent = 'Demande incomplète (paramètre state manquant) : recommencez depuis le site de la caisse.';
} else {
  const cancel = new URL(back);
  document.getElementById('fc-cancel').href = cancel.href;
  for (const button of document.querySelectorAll('[data-identity]')) {
    const identity = button.dataset.identity;
    const code = query.get(identity);
    if (!code || !TOKEN.test(code)) continue;
    button.disabled = false;
    button.addEventListener('click', () => {
      sessionStorage.setItem(CHOICE, JSON.stringify({ state, identity }));
      const target = new URL(back);
      target.searchParams.set('code', code);
      target.searchParams.set('state', state);
      location.assign(target.href);
    });
  }
}
document.documentElement.dataset.ready = 'true';
