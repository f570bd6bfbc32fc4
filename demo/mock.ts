/**
 * Demo only (built to `dist/demo-mock.js`): starts the simulated backend of the Espace sécurisé in
 * the page (MSW service worker), shows its outbox and lists the demo accounts. A caisse's page never
 * loads this file; the widgets never create a Trusted Types policy.
 *
 * The page runs with `require-trusted-types-for 'script'`, so `navigator.serviceWorker.register(url)`
 * needs a TrustedScriptURL. MSW passes a plain string; the `default` policy below turns exactly that
 * one URL into a trusted one and refuses everything else (docs/TOOLCHAIN.md, "MSW's worker under Trusted Types").
 */
import { DEMO_ACCOUNTS, DEMO_PASSWORD, KNOWN_IDENTIFIANT_CIBTP, type MockBackend } from '../mock-server/index.js';
import { startMockWorker } from '../mock-server/browser.js';
import '../mock-server/outbox-view.js';

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

function el<K extends keyof HTMLElementTagNameMap>(tag: K, text?: string): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  if (text !== undefined) node.textContent = text;
  return node;
}

function listAccounts(): void {
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
  host.replaceChildren(password, list, other);
}

async function start(): Promise<MockBackend> {
  allowOnlyTheWorker();
  const backend = await startMockWorker({ workerUrl: WORKER_URL, quiet: true });
  for (const view of document.querySelectorAll('cibtp-mock-outbox')) view.backend = backend;
  listAccounts();
  return backend;
}

/** Resolves once the worker answers `/api/`: the page mounts the widgets only then. */
export const mockReady: Promise<MockBackend> = start();
