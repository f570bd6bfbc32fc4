/**
 * The SDK client against the mock backend: how every injected fault surfaces as a PortalError, which
 * calls are retried, and the client-side validation. Through the real client, over MSW in Node.
 */
import assert from 'node:assert/strict';
import { after, beforeEach, describe, test } from 'node:test';
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from '../mock-server/index.js';
import { createTestClient, rejectsWith, startTestBackend } from '../mock-server/test-support.js';
import { PortalError } from './errors.js';

const { mock } = startTestBackend();
after(() => mock.close());
beforeEach(() => mock.reset());

const forgot = { email: DEMO_ACCOUNTS.admin };
const callsTo = (requests: { url: string }[], path: string) => requests.filter((r) => r.url.endsWith(path)).length;

describe('injected faults become PortalError codes', () => {
  test('network', async () => {
    mock.faults.set('forgotPassword', { kind: 'network' });
    const { client } = createTestClient();
    const error = await rejectsWith(client.forgotPassword(forgot), 'network');
    assert.ok(error.isTransient);
  });

  test('server (500)', async () => {
    mock.faults.set('login', { kind: 'server' });
    const { client } = createTestClient();
    const error = await rejectsWith(client.login({ email: DEMO_ACCOUNTS.admin, password: DEMO_PASSWORD }), 'server');
    assert.equal(error.status, 500);
  });

  test('timeout, when the answer comes later than the client waits', async () => {
    mock.faults.set('forgotPassword', { kind: 'latency', ms: 300 });
    const { client } = createTestClient({ timeout: 50 });
    await rejectsWith(client.forgotPassword(forgot), 'timeout');
  });

  test('latency below the timeout only delays the answer', async () => {
    mock.faults.set('forgotPassword', { kind: 'latency', ms: 20 });
    const { client } = createTestClient();
    assert.deepEqual(await client.forgotPassword(forgot), { accepted: true });
  });

  test('malformed (not JSON) and unexpected shape are both malformed-response', async () => {
    const { client } = createTestClient();
    for (const kind of ['malformed', 'unexpected-shape'] as const) {
      mock.faults.set('login', { kind }, { times: 1 });
      const error = await rejectsWith(client.login({ email: DEMO_ACCOUNTS.admin, password: DEMO_PASSWORD }), 'malformed-response');
      assert.equal(error.status, 200);
    }
  });

  test('they make an empty-answer operation fail too: resetPassword and logout are no success then', async () => {
    const { client } = createTestClient();
    for (const kind of ['malformed', 'unexpected-shape'] as const) {
      mock.faults.set('resetPassword', { kind }, { times: 1 });
      await rejectsWith(client.resetPassword({ token: 'A'.repeat(43), password: 'Chantier2026!' }), 'malformed-response');
      mock.faults.set('logout', { kind }, { times: 1 });
      await rejectsWith(client.logout(undefined), 'malformed-response');
    }
  });

  test('a 503 on a POST is not retried and tells when to come back', async () => {
    mock.faults.set('forgotPassword', { kind: 'unavailable', retryAfter: 30 });
    const { client, requests } = createTestClient();
    const error = await rejectsWith(client.forgotPassword(forgot), 'server');
    assert.equal(error.status, 503);
    assert.ok(error.retryAt && error.retryAt.getTime() > Date.now());
    assert.equal(callsTo(requests, 'password/forgot'), 1);
  });

  test('a GET is retried after a Retry-After within maxRetryAfter; a longer one fails at once with its retryAt', async () => {
    mock.faults.set('currentSession', { kind: 'unavailable', retryAfter: 0 }, { times: 1 });
    const { client, requests } = createTestClient({ maxRetryAfter: 50, totalTimeout: 5_000 });
    assert.deepEqual(await client.currentSession(undefined), { session: null });
    assert.equal(callsTo(requests, 'auth/session'), 2);
    // 30 s is more than maxRetryAfter (50 ms): no retry before the server's time, no retry at all.
    mock.faults.set('currentSession', { kind: 'unavailable', retryAfter: 30 }, { times: 1 });
    const error = await rejectsWith(client.currentSession(undefined), 'server');
    assert.ok(error.retryAt && error.retryAt.getTime() > Date.now() + 25_000);
    assert.equal(callsTo(requests, 'auth/session'), 3);
  });

  test('a GET gives up after retryLimit retries', async () => {
    mock.faults.set('currentSession', { kind: 'server' });
    const { client, requests } = createTestClient({ retryLimit: 1 });
    await rejectsWith(client.currentSession(undefined), 'server');
    assert.equal(callsTo(requests, 'auth/session'), 2);
  });

  test('a fault on "*" hits every operation, one on an operation wins over it, and times runs out', async () => {
    const { client } = createTestClient({ retryLimit: 0 });
    // '*' covers the CSRF token's GET too: let the client hold a token first.
    await client.forgotPassword(forgot);
    mock.faults.set('*', { kind: 'server' });
    mock.faults.set('forgotPassword', { kind: 'network' }, { times: 1 });
    await rejectsWith(client.forgotPassword(forgot), 'network');
    await rejectsWith(client.currentSession(undefined), 'server');
    // The operation's single fault was used up, so '*' applies to it again until cleared.
    await rejectsWith(client.forgotPassword(forgot), 'server');
    mock.faults.clear('*');
    assert.deepEqual(await client.forgotPassword(forgot), { accepted: true });
  });

  test('an aborted call is aborted, not a network error', async () => {
    mock.faults.set('forgotPassword', { kind: 'latency', ms: 300 });
    const { client } = createTestClient();
    const controller = new AbortController();
    const pending = client.forgotPassword(forgot, { signal: controller.signal });
    setTimeout(() => controller.abort(), 20);
    await rejectsWith(pending, 'aborted');
  });
});

describe('client-side validation', () => {
  test('fields are checked with the request schema before anything is sent', async () => {
    const { client, requests } = createTestClient();
    const error = await rejectsWith(client.login({ email: 'jean.martin', password: '' }), 'validation');
    assert.deepEqual(error.fields, { email: 'invalid', password: 'required' });
    assert.equal(requests.length, 0);
  });

  test('a new password outside the served policy is refused by the server, a policy error on its field', async () => {
    // The SDK checks only the bounds every policy shares: the caisse's policy is its backend's.
    const { client, requests } = createTestClient();
    const error = await rejectsWith(client.resetPassword({ token: 'A'.repeat(43), password: 'court' }), 'validation');
    assert.deepEqual(error.fields, { password: 'policy' });
    assert.equal(error.status, 400);
    const sent = requests.length;
    const malformed = await rejectsWith(client.resetPassword({ token: 'x', password: 'Chantier2026!' }), 'validation');
    assert.deepEqual(malformed.fields, { token: 'invalid' });
    assert.equal(requests.length, sent, 'a malformed token is refused before sending');
  });

  test('a one-time code must be 6 digits', async () => {
    const { client } = createTestClient();
    const error = await rejectsWith(client.verifyOtp({ challengeId: 'c', code: '12a456' }), 'validation');
    assert.deepEqual(error.fields, { code: 'invalid' });
  });

  test('PortalError messages name the code only, never user data', async () => {
    const { client } = createTestClient();
    const error = await rejectsWith(client.login({ email: 'x@y.fr', password: 'Secret-123!' }), 'invalid-credentials');
    assert.ok(error instanceof PortalError);
    assert.equal(error.message, 'Portal request failed: invalid-credentials');
  });
});

describe('requests', () => {
  test('state changes are POSTs with a CSRF token and an Idempotency-Key; a manual retry reuses the key', async () => {
    const { client, requests } = createTestClient();
    mock.faults.set('forgotPassword', { kind: 'network' }, { times: 1 });
    await rejectsWith(client.forgotPassword(forgot, { idempotencyKey: 'action-1' }), 'network');
    await client.forgotPassword(forgot, { idempotencyKey: 'action-1' });
    const posts = requests.filter((r) => r.method === 'POST');
    assert.equal(posts.length, 2);
    for (const post of posts) {
      assert.ok((post.headers.get('X-CSRF-Token') ?? '').length >= 16);
      assert.equal(post.headers.get('Idempotency-Key'), 'action-1');
    }
  });

  test('concurrent first state changes fetch the CSRF token once', async () => {
    const { client, requests } = createTestClient();
    await Promise.all([client.forgotPassword(forgot), client.forgotPassword({ email: 'autre@exemple.fr' })]);
    assert.equal(requests.filter((r) => r.url.endsWith('/auth/csrf')).length, 1);
    const tokens = new Set(requests.filter((r) => r.method === 'POST').map((r) => r.headers.get('X-CSRF-Token')));
    assert.equal(tokens.size, 1);
  });
});
