/**
 * Demo only (built to `dist/demo-mock.js`): starts the simulated backend of the Espace sécurisé in
 * the page (MSW service worker), shows its outbox and lists the demo accounts. A caisse's page never
 * loads this file; the widgets never create a Trusted Types policy.
 *
 * The page runs with `require-trusted-types-for 'script'`, so `navigator.serviceWorker.register(url)`
 * needs a TrustedScriptURL. MSW passes a plain string; the `default` policy below turns exactly that
 * one URL into a trusted one and refuses everything else (docs/TOOLCHAIN.md, "MSW's worker under Trusted Types").
 */
import { DEMO_ACCOUNTS, DEMO_PASSWORD, DEMO_SIGNUP, DEMO_WORKERS, KNOWN_IDENTIFIANT_CIBTP, type MockBackend } from '../mock-server/index.js';
import { startMockWorker } from '../mock-server/browser.js';
import '../mock-server/outbox-view.js';
import { createPortalCore } from '../sdk/core.js';
import { franceConnectStart } from '../sdk/signup/index.js';

export const WORKER_URL = '/mockServiceWorker.js';

interface TrustedTypesLike {
  createPolicy(name: string, rules: { createScriptURL?: (input: string) => string | null }): unknown;
}

function allowOnlyTheWorker(): void {
  const tt = (globalThis as { trustedTypes?: TrustedTypesLike }).trustedTypes;
  if (!tt) return; // browsers without Trusted Types enforce nothing here
  const absolute = new URL(WORKER_URL, location.href).href;
  tt.createPolicy('default', {
    createScriptURL: (input) => (input === WORKER_URL || input === absolute ? input : null),
  });
}

/** What each seeded account shows (keys of DEMO_ACCOUNTS, see mock-server/README.md). */
const DESCRIPTIONS: Record<string, string> = {
  admin: 'Administratrice d’entreprise, un seul tiers : connexion directe',
  multi: 'Trois sites déclarants de deux adhérents : choix du tiers',
  cabinet: 'Cabinet comptable agissant pour 12 adhérents : choix du tiers',
  worker: 'Salarié : code de vérification par SMS (dans la boîte d’envoi)',
  notActivated: 'Compte non activé : son courriel d’activation attend dans la boîte d’envoi',
  locked: 'Compte bloqué 15 minutes ; une réinitialisation du mot de passe le débloque',
  certificationExpired: 'Certification de l’adresse expirée : lien de renouvellement par courriel',
};

/** The simulated FranceConnect page's choice, kept for the page load of the return (demo/franceconnect.js). */
export const FRANCECONNECT_CHOICE = 'cibtp-demo-franceconnect';

function el<K extends keyof HTMLElementTagNameMap>(tag: K, text?: string): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  if (text !== undefined) node.textContent = text;
  return node;
}

/** A term and its description, for the panel's lists. */
function entry(list: HTMLDListElement, term: string, description: string): void {
  const dt = el('dt');
  dt.append(el('code', term));
  list.append(dt, el('dd', description));
}

/** What to type in the signup and association wizards of this page's space (README.md, "Demo records"). */
function signupRecords(backend: MockBackend): HTMLElement[] {
  const space = document.body.dataset['space'];
  const title = el('h3', space === 'salarie' ? 'Création d’un espace salarié' : 'Création d’espace et association de site');
  const list = el('dl');
  if (space === 'salarie') {
    for (const identifiant of [DEMO_WORKERS.bornAbroad, DEMO_WORKERS.bornInFrance]) {
      const worker = backend.db.workers.find((w) => w.identifiantCibtp === identifiant);
      if (!worker) continue;
      const c = worker.civilStatus;
      const birth = c.birthCountry === 'FR' ? `né(e) en France (${c.birthDepartement}, commune ${c.birthCommune})` : `né(e) à l’étranger (${c.birthCountry})`;
      entry(list, identifiant, `${c.birthName} ${c.firstNames}, ${c.sex === 'F' ? 'femme' : 'homme'}, ${birth}, le ${c.birthDate.split('-').reverse().join('/')}`);
    }
    const fc = el('p');
    fc.className = 'hint';
    fc.append('FranceConnect : « S’identifier avec FranceConnect » ouvre une page de simulation avec deux identités, ',
      'l’une reconnue par la caisse, l’autre à compléter par l’identifiant CIBTP ', el('code', DEMO_WORKERS.homonymWithAccount), '.');
    return [title, list, fc];
  }
  const site = (identifiant: string) => backend.db.sites.find((s) => s.identifiantCibtp === identifiant);
  for (const [record, what] of [
    [DEMO_SIGNUP.company, 'Je crée mon espace sécurisé'],
    [DEMO_SIGNUP.association, `Je les associe à un espace existant (celui de ${DEMO_ACCOUNTS.admin})`],
  ] as const) {
    const found = site(record.identifiantCibtp);
    if (!found) continue;
    entry(list, record.identifiantCibtp, `${what} — SIRET ${found.siret}, code confidentiel ${record.confidentialCode}`);
  }
  return [title, list];
}

/**
 * The simulated backend lives in the page (MSW answers from the page's own script), so the pending
 * FranceConnect login it made before the browser left for the simulated FranceConnect page is gone when
 * the browser comes back: a real caisse backend keeps it across the redirect. The demo stands in for
 * that: the simulation page noted which identity was chosen for which `state` (no code), and here, once
 * the new backend is up and before the login reads the address, the return's `code` and `state` are
 * replaced by fresh ones for that identity.
 */
function readChoice(): { state: string; identity: 'matched' | 'unmatched' } | undefined {
  try {
    const value = JSON.parse(sessionStorage.getItem(FRANCECONNECT_CHOICE) ?? 'null') as { state?: unknown; identity?: unknown } | null;
    if (typeof value?.state !== 'string' || (value.identity !== 'matched' && value.identity !== 'unmatched')) return undefined;
    return { state: value.state, identity: value.identity };
  } catch {
    return undefined;
  }
}

async function carryFranceConnectReturn(): Promise<void> {
  const params = new URLSearchParams(location.search);
  const state = params.get('state');
  if (!state || !params.get('code')) return;
  const choice = readChoice();
  sessionStorage.removeItem(FRANCECONNECT_CHOICE);
  if (!choice || choice.state !== state) return;
  const core = createPortalCore({ baseUrl: '/api/' });
  const { authorizationUrl } = await franceConnectStart(core, { returnUrl: `${location.origin}${location.pathname}` });
  const fresh = new URL(authorizationUrl, location.href).searchParams;
  params.set('state', fresh.get('state') ?? '');
  params.set('code', fresh.get(choice.identity) ?? '');
  history.replaceState(history.state, '', `${location.pathname}?${params.toString()}${location.hash}`);
}

function listAccounts(backend: MockBackend): void {
  const host = document.getElementById('demo-accounts');
  if (!host) return;
  const password = el('p');
  password.append('Mot de passe commun : ', el('code', DEMO_PASSWORD));
  const list = el('dl');
  for (const [key, email] of Object.entries(DEMO_ACCOUNTS)) {
    const term = el('dt');
    term.append(el('code', email));
    list.append(term, el('dd', DESCRIPTIONS[key] ?? key));
  }
  const other = el('p');
  other.className = 'hint';
  other.append(
    'Toute autre adresse : « identifiants incorrects », comme un mauvais mot de passe. ',
    'Nouveau code confidentiel par courrier : identifiant CIBTP ',
    el('code', KNOWN_IDENTIFIANT_CIBTP),
    '.',
  );
  host.replaceChildren(password, list, other, ...signupRecords(backend));
}

async function start(): Promise<MockBackend> {
  allowOnlyTheWorker();
  const backend = await startMockWorker({ workerUrl: WORKER_URL, quiet: true });
  for (const view of document.querySelectorAll('cibtp-mock-outbox')) view.backend = backend;
  listAccounts(backend);
  await carryFranceConnectReturn().catch(() => undefined);
  return backend;
}

/** Resolves once the worker answers `/api/`: the page mounts the widgets only then. */
export const mockReady: Promise<MockBackend> = start();
