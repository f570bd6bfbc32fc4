import assert from 'node:assert/strict';
import { after, beforeEach, describe, test } from 'node:test';
import { DEMO_ACCOUNTS, DEMO_PASSWORD, KNOWN_IDENTIFIANT_CIBTP, LIMITS } from './index.js';
import {
  LINK_BASE, createTestClient, linkToken, rawPost, rejectsWith, startTestBackend,
} from './test-support.js';

const { mock, clock } = startTestBackend();
after(() => mock.close());
beforeEach(() => mock.reset());

const NEW_PASSWORD = 'Truelle&Niveau7';

describe('forgotten password', () => {
  test('the same answer for a known and an unknown email; only the known one gets an email', async () => {
    const known = await rawPost('password/forgot', { email: DEMO_ACCOUNTS.admin }, { csrf: true });
    const unknown = await rawPost('password/forgot', { email: 'inconnu@exemple.fr' }, { csrf: true });
    assert.equal(known.status, 202);
    assert.equal(unknown.status, known.status);
    assert.equal(await unknown.text(), await known.text());

    const { client } = createTestClient();
    assert.deepEqual(await client.forgotPassword({ email: 'personne@exemple.fr' }), { accepted: true });

    const emails = mock.outbox.list().filter((m) => m.kind === 'email' && m.to !== DEMO_ACCOUNTS.notActivated);
    assert.equal(emails.length, 1);
    const [email] = emails;
    assert.equal(email?.to, DEMO_ACCOUNTS.admin);
    assert.equal(email?.subject, 'Réinitialisation de votre mot de passe');
    assert.match(email?.body ?? '', /Bonjour Claire Durand/);
    assert.match(email?.body ?? '', /30 minutes/);
    assert.ok(email?.link?.startsWith(`${LINK_BASE}#action=reset-password&token=`));
    assert.ok(linkToken(email?.link).length >= 22, 'at least 128 bits of base64url');
  });

  test('the reset link sets a new password once, and does not sign in', async () => {
    const { client } = createTestClient();
    await client.forgotPassword({ email: DEMO_ACCOUNTS.admin });
    const token = linkToken(mock.outbox.last({ to: DEMO_ACCOUNTS.admin })?.link);
    assert.equal(await client.resetPassword({ token, password: NEW_PASSWORD }), undefined);
    assert.equal(client.session, null);
    assert.deepEqual(await client.currentSession(undefined), { session: null });

    await rejectsWith(client.login({ email: DEMO_ACCOUNTS.admin, password: DEMO_PASSWORD }), 'invalid-credentials');
    assert.equal((await client.login({ email: DEMO_ACCOUNTS.admin, password: NEW_PASSWORD })).status, 'signed-in');
    const reused = await rejectsWith(client.resetPassword({ token, password: 'Encore1autre!' }), 'link-invalid');
    assert.equal(reused.status, 404);
  });

  test('a reset ends the account\'s running session', async () => {
    const { client } = createTestClient();
    await client.login({ email: DEMO_ACCOUNTS.admin, password: DEMO_PASSWORD });
    await client.forgotPassword({ email: DEMO_ACCOUNTS.admin });
    await client.resetPassword({ token: linkToken(mock.outbox.last({ to: DEMO_ACCOUNTS.admin })?.link), password: NEW_PASSWORD });
    assert.deepEqual(await client.currentSession(undefined), { session: null });
  });

  test('the reset link runs out after 30 minutes', async () => {
    const { client } = createTestClient();
    await client.forgotPassword({ email: DEMO_ACCOUNTS.admin });
    const token = linkToken(mock.outbox.last({ to: DEMO_ACCOUNTS.admin })?.link);
    clock.advance(LIMITS.resetLinkTtl);
    const error = await rejectsWith(client.resetPassword({ token, password: NEW_PASSWORD }), 'link-expired');
    assert.equal(error.status, 410);
  });

  test('an unknown token is link-invalid', async () => {
    const { client } = createTestClient();
    await rejectsWith(client.resetPassword({ token: 'A'.repeat(43), password: NEW_PASSWORD }), 'link-invalid');
  });

  test('only the newest reset link works', async () => {
    const { client } = createTestClient();
    await client.forgotPassword({ email: DEMO_ACCOUNTS.admin });
    const older = linkToken(mock.outbox.last({ to: DEMO_ACCOUNTS.admin })?.link);
    await client.forgotPassword({ email: DEMO_ACCOUNTS.admin });
    const newer = linkToken(mock.outbox.last({ to: DEMO_ACCOUNTS.admin })?.link);
    assert.notEqual(older, newer);
    await rejectsWith(client.resetPassword({ token: older, password: NEW_PASSWORD }), 'link-invalid');
    await client.resetPassword({ token: newer, password: NEW_PASSWORD });
  });

  test('the server checks the password policy itself and keeps the link usable', async () => {
    const { client } = createTestClient();
    await client.forgotPassword({ email: DEMO_ACCOUNTS.admin });
    const token = linkToken(mock.outbox.last({ to: DEMO_ACCOUNTS.admin })?.link);
    // Sent raw: the SDK would refuse this password before sending it.
    const response = await rawPost('password/reset', { token, password: 'motdepasse' }, { csrf: true });
    assert.equal(response.status, 400);
    assert.deepEqual(await response.json(), { code: 'validation', fields: { password: 'policy' } });
    await client.resetPassword({ token, password: NEW_PASSWORD });
  });

  test('at most 3 emails per address in 10 minutes, with the same answer every time', async () => {
    const { client } = createTestClient();
    for (let i = 0; i < 5; i++) {
      assert.deepEqual(await client.forgotPassword({ email: DEMO_ACCOUNTS.admin }), { accepted: true });
    }
    const count = () => mock.outbox.list().filter((m) => m.to === DEMO_ACCOUNTS.admin).length;
    assert.equal(count(), LIMITS.messagesPerWindow);
    clock.advance(LIMITS.messageWindow);
    await client.forgotPassword({ email: DEMO_ACCOUNTS.admin });
    assert.equal(count(), LIMITS.messagesPerWindow + 1);
  });
});

describe('confidential code by post', () => {
  test('a known identifiant gets a letter; an unknown one the same answer and no letter', async () => {
    const known = await rawPost('confidential-code/request', { identifiantCibtp: KNOWN_IDENTIFIANT_CIBTP }, { csrf: true });
    const unknown = await rawPost('confidential-code/request', { identifiantCibtp: '999888777' }, { csrf: true });
    assert.equal(known.status, 202);
    assert.equal(unknown.status, known.status);
    assert.equal(await unknown.text(), await known.text());
    const letters = mock.outbox.list().filter((m) => m.kind === 'letter');
    assert.equal(letters.length, 1);
    const [letter] = letters;
    assert.match(letter?.to ?? '', /DURAND BTP.*69003 LYON/);
    assert.match(letter?.body ?? '', /Un nouveau code confidentiel vous est adressé par courrier/);
    assert.match(letter?.body ?? '', new RegExp(KNOWN_IDENTIFIANT_CIBTP));
    assert.ok(letter?.code && letter.body.includes(letter.code));
    assert.equal(mock.db.sites.find((s) => s.identifiantCibtp === KNOWN_IDENTIFIANT_CIBTP)?.confidentialCode, letter.code);
  });

  test('letters are rate limited per identifiant without changing the answer', async () => {
    const { client } = createTestClient();
    for (let i = 0; i < 4; i++) {
      assert.deepEqual(await client.requestConfidentialCode({ identifiantCibtp: KNOWN_IDENTIFIANT_CIBTP }), { accepted: true });
    }
    assert.equal(mock.outbox.list().filter((m) => m.kind === 'letter').length, LIMITS.messagesPerWindow);
  });

  test('a malformed identifiant is refused by the SDK with a field code, before any request', async () => {
    const { client, requests } = createTestClient();
    const error = await rejectsWith(client.requestConfidentialCode({ identifiantCibtp: '12-34' }), 'validation');
    assert.deepEqual(error.fields, { identifiantCibtp: 'invalid' });
    assert.equal(requests.length, 0);
  });
});

describe('activation', () => {
  const seededLink = () => mock.outbox.last({ to: DEMO_ACCOUNTS.notActivated })?.link;

  test('the seeded activation email activates the account once; login then works', async () => {
    const { client } = createTestClient();
    const link = seededLink();
    assert.ok(link?.startsWith(`${LINK_BASE}#action=activate&token=`));
    const token = linkToken(link);
    assert.deepEqual(await client.activateAccount({ token }), { purpose: 'activation', email: DEMO_ACCOUNTS.notActivated });
    assert.equal(client.session, null, 'activation does not sign in');
    await rejectsWith(client.activateAccount({ token }), 'link-invalid');
    assert.equal((await client.login({ email: DEMO_ACCOUNTS.notActivated, password: DEMO_PASSWORD })).status, 'signed-in');
  });

  test('an expired activation link can ask for a new one, which works', async () => {
    const { client } = createTestClient();
    const expired = linkToken(seededLink());
    clock.advance(LIMITS.activationLinkTtl);
    await rejectsWith(client.activateAccount({ token: expired }), 'link-expired');
    assert.deepEqual(await client.resendActivation({ token: expired }), { accepted: true });
    const fresh = linkToken(seededLink());
    assert.notEqual(fresh, expired);
    assert.equal((await client.activateAccount({ token: fresh })).purpose, 'activation');
  });

  test('a new activation link by email: only for an account awaiting activation, same answer always', async () => {
    const { client } = createTestClient();
    const before = mock.outbox.list().length;
    for (const email of ['inconnu@durand-btp.fr', DEMO_ACCOUNTS.admin]) {
      assert.deepEqual(await client.resendActivation({ email }), { accepted: true });
    }
    assert.equal(mock.outbox.list().length, before);
    await client.resendActivation({ email: DEMO_ACCOUNTS.notActivated });
    assert.equal(mock.outbox.list().length, before + 1);
    assert.equal(mock.outbox.last()?.to, DEMO_ACCOUNTS.notActivated);
  });

  test('renewing the certification of an unknown email sends nothing', async () => {
    const { client } = createTestClient();
    const before = mock.outbox.list().length;
    assert.deepEqual(await client.renewCertification({ email: 'inconnu@durand-btp.fr' }), { accepted: true });
    assert.equal(mock.outbox.list().length, before);
  });
});
