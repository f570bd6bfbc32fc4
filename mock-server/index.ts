/**
 * The mock backend of the CIBTP Espace sécurisé, environment-neutral: MSW handlers over an in-memory,
 * deterministically seeded data model, with the outbox of what it "sent" and per-operation fault
 * injection. Start it with `startMockWorker()` (browser.ts) or `startMockServer()` (node.ts).
 * @packageDocumentation
 */
import type { HttpHandler } from 'msw';
import type { PasswordPolicy } from '../sdk/schemas/common.js';
import { createBackend } from './backend.js';
import type { Faults } from './faults.js';
import type { Outbox } from './outbox.js';
import type { MockDb } from './db.js';

export type { Fault, FaultKind, Faults } from './faults.js';
export type { Outbox, OutboxMessage, OutboxKind } from './outbox.js';
export type { CivilStatus, MockDb, MockAccount, MockCompany, MockDelegation, MockSite, MockWorker } from './db.js';
export type { DelegationStore } from './db.js';
export {
  DEMO_ACCOUNTS, DEMO_DELEGATIONS, DEMO_PASSWORD, DEMO_SIGNUP, DEMO_WORKERS, FRANCECONNECT_IDENTITIES, KNOWN_IDENTIFIANT_CIBTP, SECRET_QUESTIONS,
} from './db.js';
export { LIMITS } from './state.js';
export { MockHttpError } from './http-error.js';
export { route } from './route.js';
export type { MockRoute, RouteContext, RouteHandler, RouteOptions } from './route.js';

export interface MockBackendOptions {
  /** The backend's clock; tests pass a controllable one to cross lock and expiry delays. */
  now?: () => Date;
  /** Where email links point (`<linkBase>#action=…&token=…`); default: the current page, or `http://localhost/`. */
  linkBase?: string;
  /** Where the API is served (default `/api/`); use an absolute URL in Node. */
  baseUrl?: string;
  /**
   * The caisse's password policy: served by `GET password/policy` and enforced on `resetPassword`
   * (default `DEFAULT_PASSWORD_POLICY`: 8 to 128 characters, 3 of the 4 categories). Checked with the
   * SDK's `PasswordPolicy` schema: an impossible policy throws here.
   */
  passwordPolicy?: PasswordPolicy;
  /** The simulated FranceConnect page `franceConnectStart` sends to; default `/franceconnect.html` on the page's origin. */
  franceConnectPage?: string;
}

export interface MockBackend {
  /** MSW handlers for every operation, under `baseUrl`. */
  readonly handlers: HttpHandler[];
  readonly baseUrl: string;
  /** What the backend "sent". */
  readonly outbox: Outbox;
  /** Per-operation fault injection. */
  readonly faults: Faults;
  /** The seeded data model (companies, sites, accounts, workers, delegations; for tests); replaced by `reset()`. */
  readonly db: MockDb;
  /** The same handlers under another base URL (both sides then share this backend's state). */
  handlersFor(baseUrl: string): HttpHandler[];
  /** Test hook: the current session runs out; the next authenticated call answers 401 session-expired. */
  expireSession(): void;
  /** Back to the seed: fresh data, no session, the seeded outbox, no faults. */
  reset(): void;
}

export function createMockBackend(options: MockBackendOptions = {}): MockBackend {
  return createBackend(options).backend;
}
