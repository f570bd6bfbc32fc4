/**
 * Builds a mock backend and keeps hold of its state: `createMockBackend()` (index.ts) hands out the
 * backend only; the HTTP server (http.ts) also needs the state, to give each session cookie its slot.
 * Internal: not an export of the package.
 */
import { operations, type OperationName } from '../sdk/operations.js';
import { PasswordPolicy } from '../sdk/schemas/common.js';
import { createFaults } from './faults.js';
import { createOutbox } from './outbox.js';
import { allRoutes } from './routes/index.js';
import { BackendState } from './state.js';
import type { HttpHandler } from 'msw';
import type { MockBackend, MockBackendOptions } from './index.js';

export function createBackend(options: MockBackendOptions = {}): { backend: MockBackend; state: BackendState } {
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

  const backend: MockBackend = {
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
  return { backend, state };
}

function withSlash(url: string): string {
  return url.endsWith('/') ? url : `${url}/`;
}
