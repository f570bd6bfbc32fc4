/**
 * The mock backend of the CIBTP Espace sécurisé, environment-neutral: MSW handlers over an in-memory,
 * deterministically seeded data model, with the outbox of what it "sent" and per-operation fault
 * injection. Start it with `startMockWorker()` (browser.ts) or `startMockServer()` (node.ts).
 * @packageDocumentation
 */
import type { HttpHandler } from 'msw';
import { operations, type OperationName } from '../sdk/operations.js';
import { PasswordPolicy } from '../sdk/schemas/common.js';
import { createFaults, type Faults } from './faults.js';
import { createOutbox, type Outbox } from './outbox.js';
import { allRoutes } from './routes/index.js';
import { BackendState } from './state.js';
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
  const now = options.now ?? (() => new Date());
  const outbox = createOutbox(now);
  const faults = createFaults();
  const policy = options.passwordPolicy && PasswordPolicy.safeParse(options.passwordPolicy);
  if (policy && !policy.success) throw new TypeError(`[mock-server] passwordPolicy: ${policy.error.issues.map((i) => i.path.join('.') || i.message).join(', ')}`);
  const state = new BackendState({
    now, linkBase: options.linkBase, outbox, passwordPolicy: policy ? policy.data : undefined, franceConnectPage: options.franceConnectPage,
  });
  const baseUrl = withSlash(options.baseUrl ?? '/api/');

  const missing = (Object.keys(operations) as OperationName[]).filter((name) => !allRoutes.some((r) => r.name === name));
  if (missing.length > 0) throw new Error(`[mock-server] operations without a route: ${missing.join(', ')}`);

  const handlersFor = (base: string): HttpHandler[] =>
    allRoutes.map((r) => r.toHandler({ baseUrl: withSlash(base), state, faults }));

  return {
    handlers: handlersFor(baseUrl),
    baseUrl,
    outbox,
    faults,
    get db() {
      return state.db;
    },
    handlersFor,
    expireSession: () => state.expireSession(),
    reset() {
      faults.clear();
      state.reset();
    },
  };
}

function withSlash(url: string): string {
  return url.endsWith('/') ? url : `${url}/`;
}
