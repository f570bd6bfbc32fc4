/**
 * The mock backend under hostile inputs and over time: the caisse's password policy as data, 400 answers
 * that always name a field, and an idempotency store that stays bounded.
 */
import assert from 'node:assert/strict';
import { after, beforeEach, describe, test } from 'node:test';
import { DEFAULT_PASSWORD_POLICY } from '../sdk/rules/password.js';
import type { PasswordPolicy } from '../sdk/schemas/common.js';
import { DEMO_ACCOUNTS, createMockBackend } from './index.js';
import { startMockServer } from './node.js';
import { createOutbox } from './outbox.js';
import { BackendState, LIMITS, type StoredAnswer } from './state.js';
import { BASE_URL, LINK_BASE, createClock, createTestClient, csrfToken, linkToken, rawPost, rejectsWith } from './test-support.js';

/** Stricter than the default: 12 characters, all 4 categories. */
const STRICT: PasswordPolicy = { minLength: 12, maxLength: 64, minCategories: 4, categories: ['upper', 'lower', 'digit', 'special'] };

const clock = createClock();
const mock = startMockServer({ backend: createMockBackend({ now: clock.now, baseUrl: BASE_URL, linkBase: LINK_BASE, passwordPolicy: STRICT }) });
after(() => mock.close());
beforeEach(() => mock.reset());

describe('the password policy is data', () => {
  test("GET password/policy serves the caisse's policy", async () => {
    const { client } = createTestClient();
    assert.deepEqual(await client.passwordPolicy(undefined), STRICT);
    assert.deepEqual(await (await fetch(new URL('password/policy', BASE_URL))).json(), STRICT);
  });

  test('resetPassword enforces it before using the link: refused, the link stays usable', async () => {
    const { client } = createTestClient();
    await client.forgotPassword({ email: DEMO_ACCOUNTS.admin });
    const token = linkToken(mock.outbox.last({ to: DEMO_ACCOUNTS.admin })?.link);
    // 3 categories out of 4: the default policy would take it, this caisse's does not.
    const error = await rejectsWith(client.resetPassword({ token, password: 'Chantier2026' }), 'validation');
    assert.deepEqual(error.fields, { password: 'policy' });
    assert.equal(await client.resetPassword({ token, password: 'Chantier-2026' }), undefined);
    assert.equal((await client.login({ email: DEMO_ACCOUNTS.admin, password: 'Chantier-2026' })).status, 'signed-in');
  });

  test('the default backend serves the default policy', () => {
    const state = new BackendState({ now: clock.now, linkBase: undefined, outbox: createOutbox(clock.now) });
    assert.deepEqual(state.passwordPolicy, DEFAULT_PASSWORD_POLICY);
  });

  test('an impossible policy is refused when the backend is made', () => {
    const impossible: PasswordPolicy[] = [
      { ...STRICT, minLength: 100 }, { ...STRICT, maxLength: 20 }, { ...STRICT, minCategories: 5 },
      { ...STRICT, categories: ['upper'] }, { ...STRICT, categories: ['upper', 'upper', 'lower', 'digit'] },
    ];
    for (const passwordPolicy of impossible) {
      assert.throws(() => createMockBackend({ passwordPolicy }), TypeError, JSON.stringify(passwordPolicy));
    }
  });
});

describe('a 400 always names a field', () => {
  test('a union refused as a whole names the fields of its branches', async () => {
    const response = await rawPost('account/activation/resend', {}, { csrf: true });
    assert.equal(response.status, 400);
    assert.deepEqual(await response.json(), { code: 'validation', fields: { token: 'required', email: 'required' } });
    const typed = await rawPost('account/activation/resend', { email: 42 }, { csrf: true });
    assert.deepEqual(await typed.json(), { code: 'validation', fields: { email: 'invalid' } });
  });

  test('a body that is not JSON names the fields it lacks', async () => {
    const response = await fetch(new URL('auth/login', BASE_URL), {
      method: 'POST', headers: { 'X-CSRF-Token': await csrfToken() }, body: '{pas du json',
    });
    assert.equal(response.status, 400);
    assert.deepEqual(await response.json(), { code: 'validation', fields: { email: 'required', password: 'required' } });
  });
});

describe('the idempotency store', () => {
  const answer = (): Promise<StoredAnswer> => Promise.resolve({ status: 204, headers: {}, body: null });

  test('forgets the answers that ran out', () => {
    const time = createClock();
    const state = new BackendState({ now: time.now, linkBase: undefined, outbox: createOutbox(time.now) });
    for (let i = 0; i < 10; i++) state.keepAnswer(`cle-${i}`, answer());
    assert.ok(state.keptAnswer('cle-0'));
    time.advance(LIMITS.idempotencyTtl);
    assert.equal(state.keptAnswer('cle-0'), undefined, 'no replay once expired');
    state.keepAnswer('nouvelle', answer());
    assert.deepEqual([...state.idempotency.keys()], ['nouvelle'], 'the expired ones are gone, not only ignored');
  });

  test(`keeps at most LIMITS.idempotencyKept (${LIMITS.idempotencyKept}) answers, the newest`, () => {
    const state = new BackendState({ now: clock.now, linkBase: undefined, outbox: createOutbox(clock.now) });
    for (let i = 0; i < LIMITS.idempotencyKept + 50; i++) state.keepAnswer(`cle-${i}`, answer());
    assert.equal(state.idempotency.size, LIMITS.idempotencyKept);
    assert.equal(state.keptAnswer('cle-0'), undefined);
    assert.ok(state.keptAnswer(`cle-${LIMITS.idempotencyKept + 49}`));
  });
});
