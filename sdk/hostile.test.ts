/**
 * The core under hostile answers and inputs: bodies that stall, answers outside the contract, dates and
 * numbers out of range, rate limits beyond the budget, huge strings, programmer errors, error bodies
 * half broken, a missing backend. Every failure must end, within the client's time limits, in a typed
 * PortalError with a precise code (or a TypeError for a programmer's mistake). Ad-hoc MSW handlers.
 */
import assert from 'node:assert/strict';
import { after, afterEach, before, beforeEach, describe, test } from 'node:test';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { rejectsWith } from '../mock-server/test-support.js';
import {
  logout, passwordPolicy, passwordSchema, resendActivation, resetPassword, resetPasswordRequest, selectTiers, verifyOtp,
} from './auth/index.js';
import { createPortalCore, type PortalClientOptions } from './core.js';
import { defineOperation } from './definition.js';
import { PortalError, isPortalError } from './errors.js';
import { operations } from './operations.js';
import { DEFAULT_PASSWORD_POLICY, evaluatePassword } from './rules/password.js';
import { ErrorBody, PasswordPolicy } from './schemas/common.js';
import { fieldErrors } from './validate.js';
import { z } from './zod.js';

const BASE = 'http://hostile.test/api/';
const TOKEN = 'jeton-csrf-0123456789';
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

let requests: Request[] = [];
let csrfCalls = 0;
const server = setupServer(
  http.get(`${BASE}auth/csrf`, () => {
    csrfCalls++;
    return HttpResponse.json({ token: TOKEN });
  }),
);
server.events.on('request:start', ({ request }) => {
  if (!request.url.endsWith('/auth/csrf')) requests.push(request);
});
before(() => server.listen({ onUnhandledFrame: 'error' }));
after(() => server.close());
beforeEach(() => {
  requests = [];
  csrfCalls = 0;
});
afterEach(() => server.resetHandlers());

const core = (options: Partial<PortalClientOptions> = {}) => createPortalCore({ baseUrl: BASE, retryLimit: 0, ...options });
const Ok = z.object({ ok: z.literal(true) });
const readDef = defineOperation({ method: 'GET', path: 'x/read', request: undefined, response: Ok, retry: true });
const writeDef = defineOperation({ method: 'POST', path: 'x/write', request: undefined, response: Ok, retry: false });
const emptyDef = defineOperation({ method: 'POST', path: 'x/empty', request: undefined, response: undefined, retry: false });
const fileDef = defineOperation({ method: 'GET', path: 'x/file', request: undefined, response: 'blob', retry: true });

/** A body that sends a few bytes, then never another one, and never ends. */
function stalled(): ReadableStream<Uint8Array> {
  return new ReadableStream({ start: (controller) => controller.enqueue(new TextEncoder().encode('{"ok":')) });
}

/**
 * A fetch whose answers stall (the CSRF token apart). Not through MSW: in Node, MSW 3 serves answers
 * over a fake socket, and undici fails an internal assertion (an uncaught AssertionError) when a body
 * it is still receiving there is aborted. A real server, or MSW's service worker, has no such problem.
 */
function stalling(status = 200, headers: Record<string, string> = { 'Content-Type': 'application/json' }): typeof fetch {
  return async (input) => {
    const url = input instanceof Request ? input.url : String(input);
    if (url.endsWith('/auth/csrf')) return Response.json({ token: TOKEN });
    return new Response(stalled(), { status, headers });
  };
}

/** Runs `run`, checks it rejected with `code` within `ms`. */
async function within(ms: number, code: Parameters<typeof rejectsWith>[1], run: () => Promise<unknown>): Promise<PortalError> {
  const started = performance.now();
  const error = await rejectsWith(run(), code);
  const took = performance.now() - started;
  assert.ok(took < ms, `settled after ${Math.round(took)} ms, expected under ${ms} ms`);
  return error;
}

/** Answers `path` (GET or POST) with `response()`. */
function answer(method: 'get' | 'post', path: string, response: () => Response): void {
  server.use(http[method](`${BASE}${path}`, response));
}

// Each test of a stalled body has its own time limit: before the fix, the call never settled.
const LIMIT = { timeout: 4_000 };

describe('1. a body that stalls', () => {
  const json = { 'Content-Type': 'application/json' };

  test('a 2xx body ends as timeout after the per-attempt timeout', LIMIT, async () => {
    await within(1_500, 'timeout', () => core({ timeout: 150, fetch: stalling() }).invoke(readDef, undefined));
  });

  test('never beyond totalTimeout, whatever the per-attempt timeout', LIMIT, async () => {
    await within(1_500, 'timeout', () => core({ timeout: 60_000, totalTimeout: 200, fetch: stalling() }).invoke(writeDef, undefined));
  });

  test("the caller's abort ends it at once as aborted", LIMIT, async () => {
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 100);
    await within(1_000, 'aborted', () => core({ timeout: 60_000, fetch: stalling() }).invoke(readDef, undefined, { signal: controller.signal }));
  });

  test('a file download ends as timeout', LIMIT, async () => {
    await within(1_500, 'timeout', () => core({ timeout: 150, fetch: stalling(200, { 'Content-Type': 'application/pdf' }) }).invoke(fileDef, undefined));
  });

  test('an error body ends as timeout, not as the code its status suggests', LIMIT, async () => {
    await within(1_500, 'timeout', () => core({ timeout: 150, fetch: stalling(409) }).invoke(writeDef, undefined));
  });

  test('the body of an empty-answer operation is read too', LIMIT, async () => {
    await within(1_500, 'timeout', () => core({ timeout: 150, fetch: stalling(200, {}) }).invoke(emptyDef, undefined));
  });

  test('a retried read does not retry a stalled body, and ends within totalTimeout', LIMIT, async () => {
    let calls = 0;
    const fetch = stalling();
    const counting: typeof globalThis.fetch = (input, init) => (calls++, fetch(input, init));
    await within(1_500, 'timeout', () => core({ retryLimit: 2, timeout: 100, totalTimeout: 300, fetch: counting }).invoke(readDef, undefined));
    assert.equal(calls, 1);
  });

  test("the caller's abort, or the call's totalTimeout, also ends the wait for a slow CSRF token", LIMIT, async () => {
    server.use(http.get(`${BASE}auth/csrf`, async () => {
      await new Promise((resolve) => setTimeout(resolve, 1_500));
      return HttpResponse.json({ token: TOKEN });
    }));
    answer('post', 'x/write', () => HttpResponse.json({ ok: true }));
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 50);
    await within(500, 'aborted', () => core().invoke(writeDef, undefined, { signal: controller.signal }));
    await within(900, 'timeout', () => core({ totalTimeout: 300 }).invoke(writeDef, undefined));
    assert.equal(requests.length, 0, 'the write itself was never sent');
  });

  test('an answer larger than any answer of the portal is malformed-response', LIMIT, async () => {
    // Valid JSON (trailing white space is allowed), of the right shape: only its size is wrong.
    const huge = `{"ok":true}${' '.repeat(5 * 1024 * 1024)}`;
    answer('get', 'x/read', () => new HttpResponse(huge, { headers: json }));
    await rejectsWith(core().invoke(readDef, undefined), 'malformed-response');
  });
});

describe('2. an empty answer means empty', () => {
  test('an HTML page, truncated JSON or a JSON object are malformed-response', async () => {
    const bodies: [string, string][] = [
      ['<html><body>Maintenance</body></html>', 'text/html'],
      ['{"accepted":', 'application/json'],
      ['{}', 'application/json'],
      [' ', 'text/plain'],
    ];
    for (const [body, type] of bodies) {
      answer('post', 'x/empty', () => new HttpResponse(body, { status: 200, headers: { 'Content-Type': type } }));
      const error = await rejectsWith(core().invoke(emptyDef, undefined), 'malformed-response');
      assert.equal(error.status, 200, body);
    }
  });

  test('a 204, or a 2xx with an empty body, is the success', async () => {
    answer('post', 'x/empty', () => new HttpResponse(null, { status: 204 }));
    assert.equal(await core().invoke(emptyDef, undefined), undefined);
    answer('post', 'x/empty', () => new HttpResponse('', { status: 200 }));
    assert.equal(await core().invoke(emptyDef, undefined), undefined);
  });

  test('resetPassword and logout are empty-answer operations', async () => {
    answer('post', 'password/reset', () => HttpResponse.json({ ok: true }));
    await rejectsWith(resetPassword(core(), { token: 'A'.repeat(43), password: 'Chantier2026!' }), 'malformed-response');
    answer('post', 'auth/logout', () => new HttpResponse('<html></html>', { status: 200 }));
    await rejectsWith(logout(core()), 'malformed-response');
  });
});

describe('3. dates from the server', () => {
  const rateLimited = (headers: Record<string, string>, body: Record<string, unknown> = { code: 'rate-limited' }) =>
    answer('post', 'x/write', () => HttpResponse.json(body, { status: 429, headers }));

  const assertSane = (retryAt: Date | undefined, label: string) => {
    assert.ok(retryAt instanceof Date, `${label}: a Date`);
    assert.ok(!Number.isNaN(retryAt.getTime()), `${label}: a valid Date`);
    assert.ok(retryAt.getTime() <= Date.now() + DAY + 1_000, `${label}: at most 24 h ahead`);
    assert.doesNotThrow(() => new Intl.DateTimeFormat('fr', { hour: '2-digit' }).format(retryAt), label);
  };

  test('a huge Retry-After gives a retryAt at most 24 h ahead', async () => {
    for (const value of ['99999999999999', '1e20', '8640000000000001']) {
      rateLimited({ 'Retry-After': value });
      const error = await rejectsWith(core().invoke(writeDef, undefined), 'rate-limited');
      assertSane(error.retryAt, value);
      assert.ok(error.retryAt && error.retryAt.getTime() > Date.now() + DAY - 60_000, `${value}: clamped, not dropped`);
    }
  });

  test('a Retry-After that is negative or not a date gives no retryAt', async () => {
    for (const value of ['-30', 'demain', 'Thu, 99 Foo 2026 25:61:00 GMT']) {
      rateLimited({ 'Retry-After': value });
      assert.equal((await rejectsWith(core().invoke(writeDef, undefined), 'rate-limited')).retryAt, undefined, value);
    }
  });

  test('a body retryAt far ahead is clamped; before 2000 or not a date it is dropped (the header then counts)', async () => {
    rateLimited({}, { code: 'rate-limited', retryAt: '9999-12-31T23:59:59Z' });
    assertSane((await rejectsWith(core().invoke(writeDef, undefined), 'rate-limited')).retryAt, 'year 9999');
    // A past date is a date: the server's clock may lag behind the page's.
    rateLimited({}, { code: 'rate-limited', retryAt: '2001-01-01T00:00:00Z' });
    assert.equal((await rejectsWith(core().invoke(writeDef, undefined), 'rate-limited')).retryAt?.toISOString(), '2001-01-01T00:00:00.000Z');
    rateLimited({}, { code: 'rate-limited', retryAt: '1999-12-31T23:59:59Z' });
    assert.equal((await rejectsWith(core().invoke(writeDef, undefined), 'rate-limited')).retryAt, undefined);
    for (const retryAt of ['demain', 42, { at: 1 }, '-271821-04-20T00:00:00Z']) {
      rateLimited({ 'Retry-After': '30' }, { code: 'rate-limited', retryAt });
      const error = await rejectsWith(core().invoke(writeDef, undefined), 'rate-limited');
      const ahead = (error.retryAt?.getTime() ?? 0) - Date.now();
      assert.ok(ahead > 25_000 && ahead <= 30_000, String(retryAt));
    }
  });

  test('a PortalError never holds an impossible retryAt', () => {
    assert.equal(new PortalError('rate-limited', { retryAt: new Date(Number.NaN) }).retryAt, undefined);
    assert.equal(new PortalError('rate-limited', { retryAt: new Date('1970-01-01T00:00:00Z') }).retryAt, undefined);
    assertSane(new PortalError('rate-limited', { retryAt: new Date(8.64e15) }).retryAt, 'max date');
  });

  test('a session or challenge date that is invalid or outside 2000–2100 is malformed-response', async () => {
    const session = (expiresAt: string) => ({
      user: { email: 'a@b.fr', firstName: 'A', lastName: 'B', kind: 'entreprise' }, tiers: null, tiersCount: 1, expiresAt,
    });
    for (const expiresAt of ['9999-01-01T00:00:00Z', '1970-01-01T00:00:00Z', '2026-02-30T00:00:00Z']) {
      answer('post', 'auth/tiers', () => HttpResponse.json({ status: 'signed-in', session: session(expiresAt) }));
      await rejectsWith(selectTiers(core(), { tiersId: 't1' }), 'malformed-response');
    }
    answer('post', 'auth/tiers', () => HttpResponse.json({ status: 'signed-in', session: session('2026-01-15T08:30:00+01:00') }));
    assert.equal((await selectTiers(core(), { tiersId: 't1' })).status, 'signed-in');
  });
});

describe('4. a rate limit beyond the budget', () => {
  test('a 429 whose Retry-After lies beyond totalTimeout fails at once as rate-limited, without a retry', LIMIT, async () => {
    answer('get', 'x/read', () => HttpResponse.json({ code: 'rate-limited' }, { status: 429, headers: { 'Retry-After': '10' } }));
    const client = core({ retryLimit: 2, totalTimeout: 1_000, maxRetryAfter: 60_000 });
    const error = await within(500, 'rate-limited', () => client.invoke(readDef, undefined));
    assert.ok(error.retryAt && error.retryAt.getTime() > Date.now() + 5_000);
    assert.equal(requests.length, 1);
  });

  test('a 503 likewise fails at once as server, with its retryAt', LIMIT, async () => {
    answer('get', 'x/read', () => new HttpResponse(null, { status: 503, headers: { 'Retry-After': '10' } }));
    const client = core({ retryLimit: 2, totalTimeout: 1_000, maxRetryAfter: 60_000 });
    const error = await within(500, 'server', () => client.invoke(readDef, undefined));
    assert.equal(error.status, 503);
    assert.ok(error.retryAt);
    assert.equal(requests.length, 1);
  });

  test('a wait longer than maxRetryAfter is not retried at all', LIMIT, async () => {
    answer('get', 'x/read', () => HttpResponse.json({ code: 'server' }, { status: 503, headers: { 'Retry-After': '30' } }));
    await within(500, 'server', () => core({ retryLimit: 2, maxRetryAfter: 50 }).invoke(readDef, undefined));
    assert.equal(requests.length, 1);
  });

  test('a body retryAt beyond the budget stops retries too', LIMIT, async () => {
    const retryAt = new Date(Date.now() + HOUR).toISOString();
    answer('get', 'x/read', () => HttpResponse.json({ code: 'rate-limited', retryAt }, { status: 429 }));
    await within(500, 'rate-limited', () => core({ retryLimit: 2 }).invoke(readDef, undefined));
    assert.equal(requests.length, 1);
  });

  test('a wait within both is waited for, then retried', LIMIT, async () => {
    let calls = 0;
    answer('get', 'x/read', () =>
      ++calls === 1 ? HttpResponse.json({ code: 'rate-limited' }, { status: 429, headers: { 'Retry-After': '0' } }) : HttpResponse.json({ ok: true }));
    assert.deepEqual(await core({ retryLimit: 2 }).invoke(readDef, undefined), { ok: true });
    assert.equal(calls, 2);
  });
});

describe('5. strings have a maximum', () => {
  const huge = 'x'.repeat(1_000_000);

  test('a 1 MB challengeId or tiersId is refused as too-long, and nothing is sent', async () => {
    const client = core();
    assert.deepEqual((await rejectsWith(verifyOtp(client, { challengeId: huge, code: '123456' }), 'validation')).fields, { challengeId: 'too-long' });
    assert.deepEqual((await rejectsWith(selectTiers(client, { tiersId: huge }), 'validation')).fields, { tiersId: 'too-long' });
    assert.equal(requests.length + csrfCalls, 0);
  });

  test('passwords of 64 characters and more are accepted (ASVS 6.2.9)', () => {
    const long = `Aa1!${'é'.repeat(124)}`;
    assert.deepEqual(fieldErrors(operations.login.request, { email: 'a@b.fr', password: long }), {});
    assert.deepEqual(fieldErrors(resetPasswordRequest(DEFAULT_PASSWORD_POLICY), { token: 'A'.repeat(43), password: long }), {});
  });

  /** Every string (and array) in a JSON Schema without a maximum, by its path. */
  function unbounded(node: unknown, path: string, found: string[]): string[] {
    if (Array.isArray(node)) node.forEach((n, i) => unbounded(n, `${path}[${i}]`, found));
    else if (typeof node === 'object' && node !== null) {
      const schema = node as Record<string, unknown>;
      const bounded = 'const' in schema || 'enum' in schema;
      if (schema.type === 'string' && !bounded && typeof schema.maxLength !== 'number') found.push(path);
      if (schema.type === 'array' && typeof schema.maxItems !== 'number') found.push(path);
      for (const [key, value] of Object.entries(schema)) unbounded(value, `${path}.${key}`, found);
    }
    return found;
  }

  test('every string and array of every operation, request and answer, has a maximum', () => {
    const schemas: [string, z.ZodMiniType][] = [['ErrorBody', ErrorBody], ['PasswordPolicy', PasswordPolicy]];
    for (const [name, def] of Object.entries(operations)) {
      if (def.request) schemas.push([`${name}.request`, def.request]);
      if (typeof def.response === 'object') schemas.push([`${name}.response`, def.response]);
    }
    const found: string[] = [];
    for (const [name, schema] of schemas) {
      for (const io of ['input', 'output'] as const) unbounded(z.toJSONSchema(schema, { io, unrepresentable: 'any' }), `${name}(${io})`, found);
    }
    assert.deepEqual([...new Set(found)], []);
  });
});

describe('6. a refusal names its field', () => {
  test('resendActivation({}) names the fields of both ways, one of { email: 42 } the email', async () => {
    const client = core();
    assert.deepEqual((await rejectsWith(resendActivation(client, {} as never), 'validation')).fields, { token: 'required', email: 'required' });
    assert.deepEqual((await rejectsWith(resendActivation(client, { email: 42 } as never), 'validation')).fields, { email: 'invalid' });
    assert.deepEqual((await rejectsWith(resendActivation(client, { token: 'court' }), 'validation')).fields, { token: 'invalid' });
    assert.deepEqual((await rejectsWith(resendActivation(client, undefined as never), 'validation')).fields, { token: 'required', email: 'required' });
    assert.equal(requests.length, 0);
  });

  test('a non-object input to an object schema names its fields', () => {
    assert.deepEqual(fieldErrors(operations.login.request, 'x'), { email: 'required', password: 'required' });
  });
});

describe('7. programmer errors are TypeErrors, sent nowhere', () => {
  test('bad call options reject with a TypeError before anything is sent, no CSRF token either', async () => {
    answer('post', 'x/write', () => HttpResponse.json({ ok: true }));
    const bad: unknown[] = [
      { idempotencyKey: 'a\nb' }, { idempotencyKey: 'clé-1' }, { idempotencyKey: '' }, { idempotencyKey: 42 },
      { signal: {} }, { signal: 'stop' }, { onUploadProgress: 'x' }, null, 'options',
    ];
    for (const options of bad) {
      const pending = core().invoke(writeDef, undefined, options as never);
      await assert.rejects(pending, (error: unknown) => error instanceof TypeError && !isPortalError(error), JSON.stringify(options));
    }
    assert.equal(requests.length + csrfCalls, 0);
  });

  test('createPortalCore refuses a bad baseUrl or bad limits at once', () => {
    for (const baseUrl of ['', 'ftp://x/api/', 'javascript:alert(1)', 'data:text/plain,x', 42]) {
      assert.throws(() => createPortalCore({ baseUrl: baseUrl as string }), TypeError, String(baseUrl));
    }
    for (const limits of [{ timeout: -1 }, { timeout: Number.NaN }, { totalTimeout: 0 }, { totalTimeout: Infinity },
      { retryLimit: 1.5 }, { retryLimit: -1 }, { maxRetryAfter: -5 }, { timeout: 3e9 }, { fetch: 'x' }, { onSessionExpired: 1 }]) {
      assert.throws(() => createPortalCore({ baseUrl: BASE, ...(limits as object) }), TypeError, JSON.stringify(limits));
    }
    for (const baseUrl of [BASE, 'https://espace.caisse.fr/api', '/api/', new URL(BASE)]) assert.ok(createPortalCore({ baseUrl }));
  });

  test('a locale that cannot be a header value is a TypeError too', async () => {
    const client = core();
    client.locale = 'fr\n' as 'fr';
    await assert.rejects(client.invoke(readDef, undefined), TypeError);
    assert.equal(requests.length, 0);
  });
});

describe('10. error bodies are read field by field', () => {
  const refuse = (status: number, body: unknown) => answer('post', 'x/write', () => HttpResponse.json(body as object, { status }));

  test('a 401 with an unknown code is server, and announces no expiry', async () => {
    let announced = 0;
    const client = core({ onSessionExpired: () => announced++ });
    refuse(401, { code: 'token-revoked' });
    assert.equal((await rejectsWith(client.invoke(writeDef, undefined), 'server')).status, 401);
    answer('post', 'x/write', () => new HttpResponse('Unauthorized', { status: 401 }));
    await rejectsWith(client.invoke(writeDef, undefined), 'server');
    assert.equal(announced, 0);
    refuse(401, { code: 'session-expired' });
    await rejectsWith(client.invoke(writeDef, undefined), 'session-expired');
    assert.equal(announced, 1);
  });

  test('fields: null or retryAt: null keep the rest of the body', async () => {
    refuse(401, { code: 'invalid-credentials', fields: null, attemptsLeft: null });
    await rejectsWith(core().invoke(writeDef, undefined), 'invalid-credentials');
    refuse(403, { code: 'account-not-activated', retryAt: null, message: 42 });
    await rejectsWith(core().invoke(writeDef, undefined), 'account-not-activated');
    refuse(400, { code: 'validation', fields: { email: 'invalid', password: 42, confirmation: 'mismatch' }, retryAt: 'x' });
    const error = await rejectsWith(core().invoke(writeDef, undefined), 'validation');
    assert.deepEqual(error.fields, { email: 'invalid', password: 'invalid', confirmation: 'mismatch' });
  });

  test('attemptsLeft is kept only as a small non-negative integer', async () => {
    for (const attemptsLeft of [-1, 1.5, 1e308, '2', Number.MAX_SAFE_INTEGER, 101]) {
      refuse(401, { code: 'otp-invalid', attemptsLeft });
      assert.equal((await rejectsWith(core().invoke(writeDef, undefined), 'otp-invalid')).attemptsLeft, undefined, String(attemptsLeft));
    }
    for (const attemptsLeft of [0, 2, 100]) {
      refuse(401, { code: 'otp-invalid', attemptsLeft });
      assert.equal((await rejectsWith(core().invoke(writeDef, undefined), 'otp-invalid')).attemptsLeft, attemptsLeft);
    }
    assert.equal(new PortalError('otp-invalid', { attemptsLeft: -3 }).attemptsLeft, undefined);
  });

  test('field codes: a backend’s own well-formed code is kept, a malformed one is invalid; a bounded number of fields with bounded names', async () => {
    const fields = Object.fromEntries(
      Array.from({ length: 500 }, (_, i) => [`champ${i}`, i === 0 ? 'trop-court' : i === 1 ? 'Trop Court <b>' : 'required']),
    );
    refuse(400, { code: 'validation', fields: { ...fields, ['n'.repeat(1_000)]: 'required' } });
    const error = await rejectsWith(core().invoke(writeDef, undefined), 'validation');
    assert.equal(error.fields['champ0'], 'trop-court');
    assert.equal(error.fields['champ1'], 'invalid');
    assert.ok(Object.keys(error.fields).length <= 50);
    assert.ok(Object.keys(error.fields).every((name) => name.length <= 128));
    refuse(400, { code: 'validation', fields: ['email'] });
    assert.deepEqual((await rejectsWith(core().invoke(writeDef, undefined), 'validation')).fields, {});
  });

  test('codes only the client can know are not taken from a server', async () => {
    for (const code of ['aborted', 'network', 'timeout', 'malformed-response']) {
      refuse(500, { code });
      await rejectsWith(core().invoke(writeDef, undefined), 'server');
    }
  });
});

describe('11. errors from another copy of the kit', () => {
  const BRAND = Symbol.for('cibtp.portal-error');

  test('are recognised by their brand and code; the name alone is not enough', () => {
    assert.ok(isPortalError(new PortalError('network'), 'network'));
    const foreign = Object.assign(new Error('Portal request failed'), { name: 'PortalError', code: 'rate-limited', [BRAND]: true });
    assert.ok(isPortalError(foreign, 'rate-limited'));
    assert.ok(!isPortalError(foreign, 'network'));
    assert.ok(isPortalError({ [BRAND]: true, code: 'timeout', fields: {} }), 'a plain object with the brand');
    assert.ok(!isPortalError({ [BRAND]: true, code: 'pas-un-code' }), 'an unknown code');
    assert.ok(!isPortalError({ name: 'PortalError', code: 'network' }), 'no brand');
    assert.ok(!isPortalError(Object.assign(new Error('x'), { name: 'PortalError', code: 'network' })), 'an Error named so, no brand');
    assert.equal((new PortalError('server') as unknown as Record<symbol, unknown>)[BRAND], true);
  });
});

describe('12. the password policy is data', () => {
  const policy = { minLength: 12, maxLength: 64, minCategories: 2, categories: ['lower', 'digit', 'special'] as const };

  test('passwordPolicy() reads the served policy, checked with its schema', async () => {
    answer('get', 'password/policy', () => HttpResponse.json(policy));
    assert.deepEqual(await passwordPolicy(core()), policy);
    for (const wrong of [{ ...policy, minLength: 0 }, { ...policy, maxLength: 32 }, { ...policy, minLength: 100 },
      { ...policy, minCategories: 4 }, { ...policy, categories: ['lower', 'lower'] }, { ...policy, categories: ['emoji'] }]) {
      answer('get', 'password/policy', () => HttpResponse.json(wrong));
      await rejectsWith(passwordPolicy(core()), 'malformed-response');
    }
  });

  test('passwordSchema(policy) and the checklist read the same value', () => {
    const schema = z.object({ password: passwordSchema(policy) });
    for (const password of ['court1!', 'seulementdeslettres', 'lettres et espaces', 'minuscule123', 'MAJUSCULES123', `${'a1'.repeat(32)}x`, '']) {
      const evaluation = evaluatePassword(password, policy);
      assert.equal(fieldErrors(schema, { password }).password === undefined, evaluation.valid, password);
      assert.deepEqual(evaluation.checks.map((c) => c.id), ['length', 'lower', 'digit', 'special', 'categories']);
    }
    assert.deepEqual(fieldErrors(schema, { password: 'seulementdeslettres' }), { password: 'policy' });
    assert.deepEqual(fieldErrors(schema, { password: '' }), { password: 'required' });
  });

  test("resetPassword's own schema checks only what every policy shares", () => {
    assert.deepEqual(fieldErrors(operations.resetPassword.request, { token: 'A'.repeat(43), password: 'court' }), {});
    assert.deepEqual(fieldErrors(operations.resetPassword.request, { token: 'A'.repeat(43), password: 'x'.repeat(257) }), { password: 'too-long' });
  });
});

describe('a missing backend', () => {
  let errors: unknown[][] = [];
  const original = console.error;
  beforeEach(() => {
    errors = [];
    console.error = (...args: unknown[]) => errors.push(args);
  });
  afterEach(() => {
    console.error = original;
  });

  test('a 404, 405 or 501 without our error body is server, with one console.error per client naming the base URL', async () => {
    const client = core();
    const answers: [number, string | null, string][] = [
      [404, '<html><body>Cannot GET /api/x/read</body></html>', 'text/html'],
      [404, null, 'text/plain'],
      [405, '{"status":405,"error":"Method Not Allowed"}', 'application/json'],
      [501, 'Not Implemented', 'text/plain'],
    ];
    for (const [status, body, type] of answers) {
      answer('get', 'x/read', () => new HttpResponse(body, { status, headers: { 'Content-Type': type } }));
      assert.equal((await rejectsWith(client.invoke(readDef, undefined), 'server')).status, status);
    }
    assert.equal(errors.length, 1);
    assert.equal(errors[0]?.[0], `[cibtp] ${BASE} answered 404 without a portal error body: is base-url right?`);
    answer('get', 'x/read', () => new HttpResponse(null, { status: 404 }));
    await rejectsWith(core().invoke(readDef, undefined), 'server');
    assert.equal(errors.length, 2, 'once per client');
  });

  test('a 404 with our body is what it says, and logs nothing', async () => {
    answer('get', 'x/read', () => HttpResponse.json({ code: 'not-found' }, { status: 404 }));
    await rejectsWith(core().invoke(readDef, undefined), 'not-found');
    answer('get', 'x/read', () => HttpResponse.json({ code: 'link-invalid' }, { status: 404 }));
    await rejectsWith(core().invoke(readDef, undefined), 'link-invalid');
    assert.equal(errors.length, 0);
  });
});
