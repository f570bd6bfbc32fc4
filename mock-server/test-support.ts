/**
 * Shared set-up of the Node tests (not a test itself): a controllable clock for the backend, the mock
 * server, and REAL SDK clients whose requests are recorded (to check what goes in URLs and how often
 * a call went out).
 */
import assert from 'node:assert/strict';
import { createPortalClient, type PortalClient, type PortalClientOptions } from '../sdk/client.js';
import { PortalError, type PortalErrorCode } from '../sdk/errors.js';
import { createMockBackend } from './index.js';
import { startMockServer, type RunningMockServer } from './node.js';

export const BASE_URL = 'http://portal.test/api/';
export const LINK_BASE = 'https://espace.caisse.test/connexion';

export interface TestClock {
  now(): Date;
  advance(ms: number): void;
}

export function createClock(start = '2026-01-15T08:00:00.000Z'): TestClock {
  let t = Date.parse(start);
  return {
    now: () => new Date(t),
    advance(ms) {
      t += ms;
    },
  };
}

export function startTestBackend(): { mock: RunningMockServer; clock: TestClock } {
  const clock = createClock();
  const backend = createMockBackend({ now: clock.now, baseUrl: BASE_URL, linkBase: LINK_BASE });
  return { mock: startMockServer({ backend }), clock };
}

export interface RecordedRequest {
  method: string;
  url: string;
  headers: Headers;
  body: string;
}

export function createTestClient(
  options: Partial<PortalClientOptions> = {},
): { client: PortalClient; requests: RecordedRequest[] } {
  const requests: RecordedRequest[] = [];
  const client = createPortalClient({
    baseUrl: BASE_URL,
    // Keeps the retry tests quick; the ones about Retry-After set their own value.
    maxRetryAfter: 50,
    ...options,
    fetch: async (input, init) => {
      const request = new Request(input, init);
      requests.push({
        method: request.method,
        url: request.url,
        headers: request.headers,
        body: await request.clone().text(),
      });
      return globalThis.fetch(request);
    },
  });
  return { client, requests };
}

/** Awaits a rejection and checks it is a PortalError with `code`; returns it for further checks. */
export async function rejectsWith(promise: Promise<unknown>, code: PortalErrorCode): Promise<PortalError> {
  try {
    await promise;
  } catch (error) {
    assert.ok(error instanceof PortalError, `expected a PortalError, got ${String(error)}`);
    assert.equal(error.code, code, `expected ${code}, got ${error.code}`);
    return error;
  }
  assert.fail(`expected a rejection with ${code}`);
}

/** The token of an emailed link (`…#action=…&token=…`). */
export function linkToken(link: string | undefined): string {
  assert.ok(link, 'the message has a link');
  const token = new URLSearchParams(new URL(link).hash.slice(1)).get('token');
  assert.ok(token, 'the link carries a token');
  return token;
}

/** A raw POST as a foreign page (no SDK) would send it, optionally with a valid CSRF token. */
export async function rawPost(
  path: string, body: unknown, options: { csrf?: boolean | string; idempotencyKey?: string } = {},
): Promise<Response> {
  const headers: Record<string, string> = { 'Content-Type': 'application/json' };
  if (options.csrf === true) headers['X-CSRF-Token'] = await csrfToken();
  else if (typeof options.csrf === 'string') headers['X-CSRF-Token'] = options.csrf;
  if (options.idempotencyKey) headers['Idempotency-Key'] = options.idempotencyKey;
  return fetch(new URL(path, BASE_URL), { method: 'POST', headers, body: JSON.stringify(body) });
}

export async function csrfToken(): Promise<string> {
  const response = await fetch(new URL('auth/csrf', BASE_URL));
  const { token } = (await response.json()) as { token: string };
  return token;
}

/** A `fetch` that keeps the cookies the server sets, as a browser would for one site. */
export function cookieJar(): { fetch: typeof globalThis.fetch; cookies: Map<string, string> } {
  const cookies = new Map<string, string>();
  const jarFetch: typeof globalThis.fetch = async (input, init) => {
    const request = new Request(input, init);
    if (cookies.size > 0) request.headers.set('Cookie', [...cookies].map(([k, v]) => `${k}=${v}`).join('; '));
    const response = await globalThis.fetch(request);
    for (const line of response.headers.getSetCookie()) {
      const [pair = '', ...attributes] = line.split(';');
      const [name = '', value = ''] = pair.split('=');
      if (attributes.some((a) => a.trim().toLowerCase() === 'max-age=0')) cookies.delete(name.trim());
      else cookies.set(name.trim(), value.trim());
    }
    return response;
  };
  return { fetch: jarFetch, cookies };
}
