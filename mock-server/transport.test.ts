import assert from 'node:assert/strict';
import { after, beforeEach, describe, test } from 'node:test';
import { operations, type OperationName } from '../sdk/operations.js';
import { createFaults } from './faults.js';
import { createOutbox } from './outbox.js';
import { DEMO_ACCOUNTS } from './index.js';
import { route } from './route.js';
import { BackendState } from './state.js';
import {
  BASE_URL, createTestClient, csrfToken, rawPost, startTestBackend,
} from './test-support.js';

const { mock } = startTestBackend();
after(() => mock.close());
beforeEach(() => mock.reset());

describe('CSRF', () => {
  test('a POST without the header, or with a token the server never issued, is refused with 403', async () => {
    for (const csrf of [undefined, 'jeton-invente-0123456789']) {
      const response = await rawPost('password/forgot', { email: DEMO_ACCOUNTS.admin }, csrf ? { csrf } : {});
      assert.equal(response.status, 403);
      assert.deepEqual(await response.json(), { code: 'csrf' });
    }
    const emailsTo = () => mock.outbox.list().filter((m) => m.to === DEMO_ACCOUNTS.admin).length;
    assert.equal(emailsTo(), 0, 'nothing was done');
    const accepted = await rawPost('password/forgot', { email: DEMO_ACCOUNTS.admin }, { csrf: true });
    assert.equal(accepted.status, 202);
    assert.equal(emailsTo(), 1);
  });

  test('issued tokens are long random strings, different each time', async () => {
    const a = await csrfToken();
    const b = await csrfToken();
    assert.notEqual(a, b);
    assert.match(a, /^[A-Za-z0-9_-]{43}$/);
  });

  test('a sign-in invalidates earlier tokens; the SDK fetches a new one by itself', async () => {
    const stale = await csrfToken();
    const { client } = createTestClient();
    await client.login({ email: DEMO_ACCOUNTS.admin, password: 'Chantier2026!' });
    const response = await rawPost('password/forgot', { email: DEMO_ACCOUNTS.admin }, { csrf: stale });
    assert.equal(response.status, 403);
    await client.logout(undefined);
    assert.equal(client.session, null);
  });

  test('the SDK retries once with a fresh token when the server forgot its token', async () => {
    const { client, requests } = createTestClient();
    await client.forgotPassword({ email: DEMO_ACCOUNTS.admin });
    mock.reset(); // the server restarts: every token it issued is gone
    assert.deepEqual(await client.forgotPassword({ email: DEMO_ACCOUNTS.admin }), { accepted: true });
    assert.equal(requests.filter((r) => r.url.endsWith('auth/csrf')).length, 2);
    assert.equal(mock.outbox.list().filter((m) => m.to === DEMO_ACCOUNTS.admin).length, 1);
  });
});

describe('Idempotency-Key', () => {
  test('the same key twice has one effect and the same answer', async () => {
    const { client } = createTestClient();
    const key = 'cle-essai-1';
    const first = await client.forgotPassword({ email: DEMO_ACCOUNTS.admin }, { idempotencyKey: key });
    const second = await client.forgotPassword({ email: DEMO_ACCOUNTS.admin }, { idempotencyKey: key });
    assert.deepEqual(second, first);
    assert.equal(mock.outbox.list().filter((m) => m.to === DEMO_ACCOUNTS.admin).length, 1);
    await client.forgotPassword({ email: DEMO_ACCOUNTS.admin }, { idempotencyKey: 'cle-essai-2' });
    assert.equal(mock.outbox.list().filter((m) => m.to === DEMO_ACCOUNTS.admin).length, 2);
  });

  test('a double click (two concurrent requests with one key) has one effect', async () => {
    const { client } = createTestClient();
    mock.faults.set('forgotPassword', { kind: 'latency', ms: 20 }, { times: 2 });
    await Promise.all([
      client.forgotPassword({ email: DEMO_ACCOUNTS.admin }, { idempotencyKey: 'double-clic' }),
      client.forgotPassword({ email: DEMO_ACCOUNTS.admin }, { idempotencyKey: 'double-clic' }),
    ]);
    assert.equal(mock.outbox.list().filter((m) => m.to === DEMO_ACCOUNTS.admin).length, 1);
  });

  test('a replayed failed login counts one failure, and replays the same error', async () => {
    const body = { email: DEMO_ACCOUNTS.admin, password: 'Mauvais1!' };
    const answers: string[] = [];
    for (let i = 0; i < 6; i++) {
      const response = await rawPost('auth/login', body, { csrf: true, idempotencyKey: 'meme-cle' });
      answers.push(`${response.status}`);
    }
    assert.deepEqual(answers, ['401', '401', '401', '401', '401', '401'], 'no lock: one failure only');
  });

  test('keys are per operation', async () => {
    const { client } = createTestClient();
    await client.forgotPassword({ email: DEMO_ACCOUNTS.admin }, { idempotencyKey: 'partagee' });
    await client.requestConfidentialCode({ identifiantCibtp: '100234567' }, { idempotencyKey: 'partagee' });
    assert.equal(mock.outbox.list().filter((m) => m.kind === 'letter').length, 1);
  });
});

describe('server-side validation', () => {
  test('a body outside the request schema gets 400 with per-field codes', async () => {
    const response = await rawPost('auth/login', { email: 'pas-une-adresse', password: '' }, { csrf: true });
    assert.equal(response.status, 400);
    assert.deepEqual(await response.json(), { code: 'validation', fields: { email: 'invalid', password: 'required' } });
  });

  test('a body that is not JSON gets 400 validation', async () => {
    const response = await fetch(new URL('auth/login', BASE_URL), {
      method: 'POST', headers: { 'X-CSRF-Token': await csrfToken() }, body: '{pas du json',
    });
    assert.equal(response.status, 400);
    assert.equal(((await response.json()) as { code: string }).code, 'validation');
  });
});

describe('route()', () => {
  test('every operation of the SDK has a mock route', () => {
    const served = mock.handlers.map((h) => String(h.info.path));
    for (const name of Object.keys(operations) as OperationName[]) {
      // MSW writes a path parameter `{x}` as `:x`.
      assert.ok(served.includes(`${BASE_URL}${operations[name].path.replace(/\{(\w+)\}/g, ':$1')}`), name);
    }
  });

  test('a handler answering outside the response schema fails loudly with a 500', async () => {
    const now = () => new Date();
    const state = new BackendState({ now, linkBase: undefined, outbox: createOutbox(now) });
    // Deliberately wrong: the CSRF schema wants a token of at least 16 characters.
    const buggy = route('csrf', () => ({ token: 'court' }));
    mock.server.use(buggy.toHandler({ baseUrl: BASE_URL, state, faults: createFaults() }));
    const errors: unknown[] = [];
    const original = console.error;
    console.error = (...args: unknown[]) => errors.push(args);
    try {
      const response = await fetch(new URL('auth/csrf', BASE_URL));
      assert.equal(response.status, 500);
      assert.match(await response.text(), /answered outside its response schema/);
    } finally {
      console.error = original;
      mock.server.resetHandlers();
    }
  });
});
