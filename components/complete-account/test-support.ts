/**
 * Test support for the firm's side of a delegation (flow 9), shared by the tests of
 * `<cibtp-complete-account>` and `<cibtp-confirm-delegation>` (not part of the kit's exports): the
 * links are made as the real flow makes them, through the SDK against the mock, and read in its outbox.
 */
import type { RunningMockWorker } from '../../mock-server/browser.js';
import { DEMO_ACCOUNTS, DEMO_DELEGATIONS, DEMO_PASSWORD } from '../../mock-server/index.js';
import type { DelegationRights } from '../../sdk/schemas/rights.js';
import { recordingClient } from '../shared/testing.js';

/** The firm the caisse knows for DURAND BTP (*Cabinet comptable délégable*). */
export const FIRM = DEMO_DELEGATIONS.cabinet;
export const ADMIN = DEMO_ACCOUNTS.admin;
export const FIRM_PASSWORD = 'Bilan-Comptable-2027';

/** What DURAND BTP delegates to its firm in these tests. */
export const FIRM_RIGHTS: DelegationRights = {
  administrator: false,
  colleges: ['ouvrier', 'etam'],
  functions: { 'gerer-salaries': 'write', 'declarations-salaires': 'write', documents: 'read' },
};

/** Today (or `days` later) in the caisse's time zone, as the backend counts dates d'effet. */
export function today(days = 0): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Paris', year: 'numeric', month: '2-digit', day: '2-digit' })
    .format(new Date(Date.now() + days * 86_400_000));
}

/** The token of the newest email to `to` in the mock's outbox. */
export function outboxToken(mock: RunningMockWorker, to: string): string {
  const link = mock.outbox.last({ kind: 'email', to })?.link;
  const token = link ? new URLSearchParams(link.split('#')[1] ?? '').get('token') : null;
  if (!token) throw new Error(`No link emailed to ${to}`);
  return token;
}

/** The administrator of DURAND BTP, signed in through the SDK. */
export async function signedInAdmin() {
  const { client } = recordingClient();
  const result = await client.login({ email: ADMIN, password: DEMO_PASSWORD });
  if (result.status !== 'signed-in') throw new Error(`admin sign-in: ${result.status}`);
  return client;
}

/** *Déléguer à mon cabinet comptable* through the SDK; resolves with the token of the firm's email. */
export async function delegateToFirm(
  mock: RunningMockWorker, o: { rights?: DelegationRights; effectiveDate?: string } = {},
): Promise<string> {
  const admin = await signedInAdmin();
  await admin.delegateToCabinet({ effectiveDate: o.effectiveDate ?? today(), rights: o.rights ?? FIRM_RIGHTS });
  return outboxToken(mock, FIRM.email);
}

/** The firm completes its account through the SDK; resolves with the token of the administrator's confirmation email. */
export async function completeFirmAccount(mock: RunningMockWorker, token: string): Promise<string> {
  const { client } = recordingClient();
  await client.completeAccount({ token, password: FIRM_PASSWORD, lastName: 'Girard', firstName: 'Hélène' });
  return outboxToken(mock, ADMIN);
}
