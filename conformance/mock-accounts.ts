/**
 * The accounts file of the package's own mock, from its seed: what the suite uses when `GET /__mock/`
 * says the base URL is the mock. Each rule gets identities no other rule touches (the lockable account is
 * locked, the reset one gets a new password, the activation one is activated), so one run on a fresh
 * mock passes every rule.
 */
import { createSeedDb, DEMO_ACCOUNTS, DEMO_DELEGATIONS, DEMO_PASSWORD, DEMO_SIGNUP, DEMO_WORKERS, KNOWN_IDENTIFIANT_CIBTP } from '../mock-server/db.js';
import { LIMITS } from '../mock-server/state.js';
import type { Accounts } from './accounts.js';

export function mockAccounts(hooks: { outbox?: string; clock?: string } = {}): Accounts {
  const seed = createSeedDb(new Date());
  const company = seed.sites.find((s) => s.identifiantCibtp === DEMO_SIGNUP.company.identifiantCibtp);
  const firm = seed.accounts.find((a) => a.email === DEMO_ACCOUNTS.cabinet);
  const member = firm?.siteIds[0];
  if (!company || !member) throw new Error('[conformance] the mock seed lacks its signup site or its accounting firm');
  return {
    ...hooks,
    login: { email: DEMO_ACCOUNTS.admin, password: DEMO_PASSWORD },
    // Its right password answers `email-certification-expired`: nothing else of the demo relies on it.
    lockable: { email: DEMO_ACCOUNTS.certificationExpired, password: DEMO_PASSWORD },
    otp: { email: DEMO_ACCOUNTS.worker, password: DEMO_PASSWORD },
    reset: { email: DEMO_DELEGATIONS.activeUntil, newPassword: 'Niveau&Truelle8' },
    activation: { email: DEMO_ACCOUNTS.notActivated },
    company: { identifiantCibtp: company.identifiantCibtp, siret: company.siret },
    worker: { identifiantCibtp: DEMO_WORKERS.bornInFrance },
    lostCode: { identifiantCibtp: KNOWN_IDENTIFIANT_CIBTP },
    // The firm holds, on each member, everything but the bank accounts, télépaiements and intempéries.
    delegator: { email: DEMO_ACCOUNTS.cabinet, password: DEMO_PASSWORD, tiersId: member },
    linkTtl: { reset: LIMITS.resetLinkTtl, activation: LIMITS.activationLinkTtl },
  };
}
