import assert from 'node:assert/strict';
import { after, beforeEach, describe, test } from 'node:test';
import { isSiret } from '../sdk/rules/identifiers.js';
import { DEMO_ACCOUNTS, DEMO_PASSWORD, LIMITS } from './index.js';
import { CABINET_MEMBER_COUNT } from './db.js';
import { createOutbox } from './outbox.js';
import { BackendState } from './state.js';
import {
  createTestClient, linkToken, rawPost, rejectsWith, startTestBackend,
} from './test-support.js';

const { mock, clock } = startTestBackend();
after(() => mock.close());
beforeEach(() => mock.reset());

const login = (email: string, password = DEMO_PASSWORD) => createTestClient().client.login({ email, password });

describe('login answers', () => {
  test('a company administrator with one tiers is signed in directly', async () => {
    const { client } = createTestClient();
    const result = await client.login({ email: DEMO_ACCOUNTS.admin, password: DEMO_PASSWORD });
    assert.equal(result.status, 'signed-in');
    assert.equal(result.session.user.kind, 'entreprise');
    assert.equal(result.session.tiers?.identifiantCibtp, '100234567');
    assert.deepEqual(client.session, result.session);
    assert.deepEqual(await client.currentSession(), { session: result.session });
  });

  test('the email is matched whatever its case and surrounding spaces', async () => {
    const result = await login(' ADMIN@Durand-BTP.fr ');
    assert.equal(result.status, 'signed-in');
  });

  test('a user of three declaring sites chooses one; only those are accepted', async () => {
    const { client } = createTestClient();
    const result = await client.login({ email: DEMO_ACCOUNTS.multi, password: DEMO_PASSWORD });
    assert.deepEqual(result, { status: 'choose-tiers', tiersCount: 3 });
    const { items, total } = await client.searchTiers({ sort: 'raisonSociale', direction: 'asc', page: 1, pageSize: 10 });
    assert.equal(total, 3);
    assert.ok(items.every((t) => isSiret(t.siret)));
    const withAlerts = items.find((t) => t.dsnAlerts.length > 0);
    assert.ok(withAlerts, 'one site has DSN alerts');
    assert.match(withAlerts.dsnAlerts.map((a) => a.title).join(' '), /Anomalie dans le traitement/);
    // Read through a function: an assertion on `client.session` would narrow the getter for good.
    const sessionTiersId = () => client.session?.tiers?.id;
    assert.equal(sessionTiersId(), undefined, 'not signed in before the choice');
    await rejectsWith(client.tiersRights(), 'session-expired');

    await rejectsWith(client.selectTiers({ tiersId: 'plomberie-faure/site' }), 'forbidden');
    const chosen = await client.selectTiers({ tiersId: withAlerts.id });
    assert.equal(chosen.session.tiers?.id, withAlerts.id);
    assert.equal(chosen.session.tiersCount, 3);
    assert.equal(sessionTiersId(), withAlerts.id);

    // *Changer de tiers* later, within the same login's sites: the list is still there in the session.
    const again = await client.searchTiers({ sort: 'siteName', direction: 'desc', page: 1, pageSize: 2 });
    assert.equal(again.total, 3);
    assert.equal(again.items.length, 2);
    const other = again.items.find((t) => t.id !== withAlerts.id);
    assert.ok(other);
    assert.equal((await client.selectTiers({ tiersId: other.id })).session.tiers?.id, other.id);
  });

  test('an accounting firm acts for 3,000 members, searched and paged by the backend', async () => {
    const { client } = createTestClient();
    const result = await client.login({ email: DEMO_ACCOUNTS.cabinet, password: DEMO_PASSWORD });
    assert.deepEqual(result, { status: 'choose-tiers', tiersCount: CABINET_MEMBER_COUNT });
    const all = { sort: 'raisonSociale', direction: 'asc', page: 1, pageSize: 100 } as const;
    const first = await client.searchTiers(all);
    assert.equal(first.total, CABINET_MEMBER_COUNT);
    assert.equal(first.items.length, 100);
    const names = first.items.map((t) => t.raisonSociale);
    assert.deepEqual(names, [...names].sort((a, b) => a.localeCompare(b, 'fr', { sensitivity: 'base' })), 'sorted');
    // The last page holds the rest; no row is on two pages.
    const last = await client.searchTiers({ ...all, page: 30 });
    assert.equal(last.items.length, CABINET_MEMBER_COUNT - 29 * 100);
    assert.equal(new Set([...first.items, ...last.items].map((t) => t.id)).size, first.items.length + last.items.length);

    // Search: accents and case do not matter; a SIRET is found with or without its spaces; an identifiant.
    const byName = await client.searchTiers({ ...all, q: 'maconnerie lefevre' });
    assert.ok(byName.total >= 1);
    assert.ok(byName.items.every((t) => /MAÇONNERIE LEF[EÈ]VRE/.test(t.raisonSociale)));
    const target = last.items[3]!;
    const spaced = `${target.siret.slice(0, 3)} ${target.siret.slice(3, 6)} ${target.siret.slice(6, 9)} ${target.siret.slice(9)}`;
    assert.deepEqual((await client.searchTiers({ ...all, q: spaced })).items.map((t) => t.id), [target.id]);
    assert.ok((await client.searchTiers({ ...all, q: target.identifiantCibtp })).items.some((t) => t.id === target.id));
    assert.equal((await client.searchTiers({ ...all, q: 'aucun adhérent de ce nom' })).total, 0);

    // Some members have alerts: sorted by their count, they come first in descending order.
    const alerts = await client.searchTiers({ ...all, sort: 'dsnAlerts', direction: 'desc', pageSize: 5 });
    assert.ok(alerts.items.every((t) => t.dsnAlerts.length > 0));

    const signedIn = await client.selectTiers({ tiersId: target.id });
    assert.equal(signedIn.session.user.kind, 'cabinet');
    assert.equal(signedIn.session.tiersCount, CABINET_MEMBER_COUNT);
  });

  test('the rights on the current tiers: everything for an administrator, what was delegated otherwise', async () => {
    const { client } = createTestClient();
    await client.login({ email: DEMO_ACCOUNTS.multi, password: DEMO_PASSWORD });
    await client.selectTiers({ tiersId: 'durand-btp/lyon' });
    assert.equal((await client.tiersRights()).administrator, true);
    await client.selectTiers({ tiersId: 'durand-btp/saint-etienne' });
    const delegated = await client.tiersRights();
    assert.equal(delegated.administrator, false);
    assert.equal(delegated.functions['gerer-salaries'], 'write');
    assert.equal(delegated.functions['comptes-bancaires'], undefined);
  });

  test('the tiles: most used first, only what the rights allow; each use is counted', async () => {
    const { client } = createTestClient();
    await client.login({ email: DEMO_ACCOUNTS.multi, password: DEMO_PASSWORD });
    await client.selectTiers({ tiersId: 'durand-btp/saint-etienne' });
    const { items } = await client.homeTiles();
    // The seed's most used there is the bank accounts, which these rights no longer allow.
    assert.deepEqual(items.slice(0, 2), ['planning', 'gerer-salaries']);
    assert.ok(!items.includes('comptes-bancaires'));
    await rejectsWith(client.recordUse({ function: 'comptes-bancaires' }), 'forbidden');
    for (let i = 0; i < 25; i++) await client.recordUse({ function: 'documents' });
    assert.equal((await client.homeTiles()).items[0], 'documents');
  });

  test('choosing a tiers without a pending login is refused as an expired session', async () => {
    const { client } = createTestClient();
    await rejectsWith(client.selectTiers({ tiersId: 'durand-btp/lyon' }), 'session-expired');
  });

  test('the pending tiers choice runs out', async () => {
    const { client } = createTestClient();
    await client.login({ email: DEMO_ACCOUNTS.multi, password: DEMO_PASSWORD });
    clock.advance(LIMITS.pendingTiersTtl + 1);
    await rejectsWith(client.selectTiers({ tiersId: 'durand-btp/lyon' }), 'session-expired');
  });

  test('a not-activated account is told so only after the right password', async () => {
    await rejectsWith(login(DEMO_ACCOUNTS.notActivated, 'Mauvais1!'), 'invalid-credentials');
    const error = await rejectsWith(login(DEMO_ACCOUNTS.notActivated), 'account-not-activated');
    assert.equal(error.status, 403);
  });

  test('an expired email certification is told only after the right password, and renewed by a link', async () => {
    await rejectsWith(login(DEMO_ACCOUNTS.certificationExpired, 'Mauvais1!'), 'invalid-credentials');
    await rejectsWith(login(DEMO_ACCOUNTS.certificationExpired), 'email-certification-expired');
    const { client } = createTestClient();
    assert.deepEqual(await client.renewCertification({ email: DEMO_ACCOUNTS.certificationExpired }), { accepted: true });
    const email = mock.outbox.last({ to: DEMO_ACCOUNTS.certificationExpired });
    assert.ok(email?.link?.includes('#action=activate&token='));
    const activated = await client.activateAccount({ token: linkToken(email?.link) });
    assert.deepEqual(activated, { purpose: 'certification', email: DEMO_ACCOUNTS.certificationExpired });
    assert.equal((await login(DEMO_ACCOUNTS.certificationExpired)).status, 'signed-in');
  });
});

describe('invalid credentials never reveal whether the email exists', () => {
  test('same status and same body for an unknown email and a wrong password', async () => {
    const known = await rawPost('auth/login', { email: DEMO_ACCOUNTS.admin, password: 'Mauvais1!' }, { csrf: true });
    const unknown = await rawPost('auth/login', { email: 'personne@inconnu.fr', password: 'Mauvais1!' }, { csrf: true });
    assert.equal(known.status, 401);
    assert.equal(unknown.status, known.status);
    const knownBody = await known.text();
    assert.equal(await unknown.text(), knownBody);
    assert.deepEqual(JSON.parse(knownBody), { code: 'invalid-credentials' });

    const a = await rejectsWith(login(DEMO_ACCOUNTS.multi, 'Mauvais1!'), 'invalid-credentials');
    const b = await rejectsWith(login('absent@durand-btp.fr', 'Mauvais1!'), 'invalid-credentials');
    assert.deepEqual([a.status, a.fields, a.retryAt, a.attemptsLeft], [b.status, b.fields, b.retryAt, b.attemptsLeft]);
  });

  test('an unknown email locks exactly like a known one', async () => {
    const answers = async (email: string) => {
      const out: string[] = [];
      for (let i = 0; i < LIMITS.freeLoginFailures + 1; i++) {
        const response = await rawPost('auth/login', { email, password: 'Mauvais1!' }, { csrf: true });
        out.push(`${response.status} ${await response.text()}`);
      }
      return out;
    };
    assert.deepEqual(await answers('inconnu@durand-btp.fr'), await answers(DEMO_ACCOUNTS.admin));
  });
});

describe('brute force: temporary lock per account', () => {
  test('five failures lock for a minute, the right password is refused while locked, then accepted', async () => {
    for (let i = 1; i < LIMITS.freeLoginFailures; i++) {
      await rejectsWith(login(DEMO_ACCOUNTS.admin, `Mauvais${i}!`), 'invalid-credentials');
    }
    const locked = await rejectsWith(login(DEMO_ACCOUNTS.admin, 'Mauvais5!'), 'account-locked');
    assert.equal(locked.status, 423);
    assert.equal(locked.retryAt?.getTime(), clock.now().getTime() + 60_000);

    const stillLocked = await rejectsWith(login(DEMO_ACCOUNTS.admin), 'account-locked');
    assert.equal(stillLocked.retryAt?.getTime(), locked.retryAt.getTime());
    // Another account is not affected.
    assert.equal((await login(DEMO_ACCOUNTS.multi)).status, 'choose-tiers');

    clock.advance(60_000);
    assert.equal((await login(DEMO_ACCOUNTS.admin)).status, 'signed-in');
    // The success resets the count: a new failure is a plain 401 again.
    await rejectsWith(login(DEMO_ACCOUNTS.admin, 'Mauvais6!'), 'invalid-credentials');
  });

  test('failures a day apart do not add up to a lock', async () => {
    for (let i = 1; i < LIMITS.freeLoginFailures; i++) {
      await rejectsWith(login(DEMO_ACCOUNTS.admin, `Mauvais${i}!`), 'invalid-credentials');
    }
    clock.advance(LIMITS.loginFailureMemory + 1);
    await rejectsWith(login(DEMO_ACCOUNTS.admin, 'Mauvais5!'), 'invalid-credentials');
    // …but failures close together still do.
    for (let i = 2; i < LIMITS.freeLoginFailures; i++) {
      await rejectsWith(login(DEMO_ACCOUNTS.admin, `Encore${i}!`), 'invalid-credentials');
    }
    await rejectsWith(login(DEMO_ACCOUNTS.admin, 'Encore5!'), 'account-locked');
  });

  test('failures of unknown emails are forgotten beyond a bound, never a running lock', () => {
    const now = () => new Date('2026-01-15T08:00:00Z');
    const state = new BackendState({ now, linkBase: undefined, outbox: createOutbox(now) });
    for (let i = 0; i < LIMITS.freeLoginFailures; i++) state.recordLoginFailure('cible@exemple.fr');
    const lock = state.lockedUntil('cible@exemple.fr');
    assert.ok(lock);
    state.recordLoginFailure('premier-inconnu@exemple.fr');
    for (let i = 0; i < LIMITS.loginFailuresKept; i++) state.recordLoginFailure(`inconnu${i}@exemple.fr`);
    // The oldest unlocked login was forgotten to make room; the locked one is still locked.
    assert.deepEqual(state.lockedUntil('cible@exemple.fr'), lock);
    for (let i = 1; i < LIMITS.freeLoginFailures; i++) state.recordLoginFailure('premier-inconnu@exemple.fr');
    assert.equal(state.lockedUntil('premier-inconnu@exemple.fr'), null);
  });

  test('each failure after a lock doubles it, up to 15 minutes', async () => {
    for (let i = 1; i <= LIMITS.freeLoginFailures; i++) await login(DEMO_ACCOUNTS.admin, 'Mauvais1!').catch(() => undefined);
    const delays: number[] = [];
    let lock = 60_000;
    for (let round = 0; round < 6; round++) {
      clock.advance(lock);
      const error = await rejectsWith(login(DEMO_ACCOUNTS.admin, 'Mauvais1!'), 'account-locked');
      assert.ok(error.retryAt);
      lock = error.retryAt.getTime() - clock.now().getTime();
      delays.push(lock / 60_000);
    }
    assert.deepEqual(delays, [2, 4, 8, 15, 15, 15]);
  });

  test('the seeded locked account is locked for 15 minutes, even with the right password', async () => {
    const error = await rejectsWith(login(DEMO_ACCOUNTS.locked), 'account-locked');
    assert.equal(error.retryAt?.getTime(), clock.now().getTime() + 15 * 60_000);
    clock.advance(15 * 60_000);
    assert.equal((await login(DEMO_ACCOUNTS.locked)).status, 'signed-in');
  });

  test('a password reset lifts the lock, so an attacker cannot keep the owner out', async () => {
    await rejectsWith(login(DEMO_ACCOUNTS.locked), 'account-locked');
    const { client } = createTestClient();
    await client.forgotPassword({ email: DEMO_ACCOUNTS.locked });
    const token = linkToken(mock.outbox.last({ to: DEMO_ACCOUNTS.locked })?.link);
    await client.resetPassword({ token, password: 'NouveauMot2passe!' });
    assert.equal((await login(DEMO_ACCOUNTS.locked, 'NouveauMot2passe!')).status, 'signed-in');
  });
});

describe('one-time SMS codes', () => {
  async function startOtp() {
    const { client, requests } = createTestClient();
    const result = await client.login({ email: DEMO_ACCOUNTS.worker, password: DEMO_PASSWORD });
    assert.equal(result.status, 'otp-required');
    const sms = mock.outbox.last({ kind: 'sms' });
    assert.ok(sms?.code);
    return { client, requests, challenge: result.challenge, code: sms.code };
  }

  test('a worker gets a 6-digit code on the certified mobile and is signed in with it, once', async () => {
    const { client, challenge, code } = await startOtp();
    assert.match(code, /^\d{6}$/);
    assert.equal(mock.outbox.last({ kind: 'sms' })?.to, '+33612345678');
    assert.ok(challenge.maskedPhone.endsWith('78') && !challenge.maskedPhone.includes('612345'));
    assert.equal(Date.parse(challenge.expiresAt), clock.now().getTime() + 5 * 60_000);
    const result = await client.verifyOtp({ challengeId: challenge.id, code });
    assert.equal(result.status, 'signed-in');
    assert.equal(result.session.user.kind, 'salarie');
    assert.equal(result.session.tiers, null);
    await rejectsWith(client.verifyOtp({ challengeId: challenge.id, code }), 'otp-expired');
  });

  test('three wrong codes burn the challenge', async () => {
    const { client, challenge, code } = await startOtp();
    const wrong = code === '000000' ? '111111' : '000000';
    const left: Array<number | undefined> = [];
    for (let i = 0; i < LIMITS.otpAttempts; i++) {
      left.push((await rejectsWith(client.verifyOtp({ challengeId: challenge.id, code: wrong }), 'otp-invalid')).attemptsLeft);
    }
    assert.deepEqual(left, [2, 1, 0]);
    await rejectsWith(client.verifyOtp({ challengeId: challenge.id, code }), 'otp-expired');
  });

  test('a code runs out after 5 minutes', async () => {
    const { client, challenge, code } = await startOtp();
    clock.advance(LIMITS.otpTtl);
    await rejectsWith(client.verifyOtp({ challengeId: challenge.id, code }), 'otp-expired');
  });

  test('a code is bound to the challenge of its login attempt', async () => {
    const first = await startOtp();
    await rejectsWith(first.client.verifyOtp({ challengeId: 'autre-tentative', code: first.code }), 'otp-expired');
    const second = await startOtp();
    // The new login attempt voided the first challenge.
    await rejectsWith(first.client.verifyOtp({ challengeId: first.challenge.id, code: first.code }), 'otp-expired');
    assert.equal((await second.client.verifyOtp({ challengeId: second.challenge.id, code: second.code })).status, 'signed-in');
  });

  test('resend waits 30 s, replaces the code, and stops after 3 resends', async () => {
    const { client, challenge, code } = await startOtp();
    const early = await rejectsWith(client.resendOtp({ challengeId: challenge.id }), 'rate-limited');
    assert.equal(early.status, 429);
    assert.equal(early.retryAt?.toISOString(), new Date(Date.parse(challenge.resendAvailableAt)).toISOString());

    clock.advance(LIMITS.otpResendDelay);
    const renewed = await client.resendOtp({ challengeId: challenge.id });
    assert.equal(renewed.id, challenge.id);
    assert.equal(Date.parse(renewed.resendAvailableAt), clock.now().getTime() + LIMITS.otpResendDelay);
    const newCode = mock.outbox.last({ kind: 'sms' })?.code;
    assert.ok(newCode);
    assert.equal(mock.outbox.list().filter((m) => m.kind === 'sms').length, 2);
    // Two random codes coincide once in a million: only then is there nothing to check here.
    if (newCode !== code) {
      const stale = await rejectsWith(client.verifyOtp({ challengeId: challenge.id, code }), 'otp-invalid');
      assert.equal(stale.attemptsLeft, 2);
    }

    for (let i = 1; i < LIMITS.otpMaxResends; i++) {
      clock.advance(LIMITS.otpResendDelay);
      await client.resendOtp({ challengeId: challenge.id });
    }
    clock.advance(LIMITS.otpResendDelay);
    await rejectsWith(client.resendOtp({ challengeId: challenge.id }), 'rate-limited');
    const latest = mock.outbox.last({ kind: 'sms' })?.code;
    assert.ok(latest);
    assert.equal((await client.verifyOtp({ challengeId: challenge.id, code: latest })).status, 'signed-in');
  });
});

describe('session', () => {
  test('no session before login, one after, none after logout', async () => {
    const { client } = createTestClient();
    assert.deepEqual(await client.currentSession(undefined), { session: null });
    await client.login({ email: DEMO_ACCOUNTS.admin, password: DEMO_PASSWORD });
    const { session } = await client.currentSession(undefined);
    assert.equal(session?.user.email, DEMO_ACCOUNTS.admin);
    await client.logout(undefined);
    assert.equal(client.session, null);
    assert.deepEqual(await client.currentSession(undefined), { session: null });
  });

  test('activity extends the session by 30 minutes', async () => {
    const { client } = createTestClient();
    await client.login({ email: DEMO_ACCOUNTS.admin, password: DEMO_PASSWORD });
    clock.advance(20 * 60_000);
    const { session } = await client.currentSession(undefined);
    assert.equal(Date.parse(session?.expiresAt ?? ''), clock.now().getTime() + LIMITS.sessionTtl);
  });

  test('an expired session answers 401 and is announced once for several failing calls', async () => {
    let announced = 0;
    const { client } = createTestClient({ onSessionExpired: () => announced++ });
    await client.login({ email: DEMO_ACCOUNTS.multi, password: DEMO_PASSWORD });
    await client.selectTiers({ tiersId: 'durand-btp/lyon' });
    assert.ok(client.session);
    mock.expireSession();
    await Promise.all([
      rejectsWith(client.currentSession(undefined), 'session-expired'),
      rejectsWith(client.selectTiers({ tiersId: 'durand-btp/saint-etienne' }), 'session-expired'),
    ]);
    await rejectsWith(client.selectTiers({ tiersId: 'durand-btp/lyon' }), 'session-expired');
    assert.equal(announced, 1);
    assert.equal(client.session, null);
  });

  test('a session also runs out by itself after 30 minutes without activity', async () => {
    const { client } = createTestClient();
    await client.login({ email: DEMO_ACCOUNTS.admin, password: DEMO_PASSWORD });
    clock.advance(LIMITS.sessionTtl);
    await rejectsWith(client.currentSession(undefined), 'session-expired');
  });
});

test('no password, token or code ever appears in a request URL', async () => {
  const { client, requests } = createTestClient();
  const secrets: string[] = [DEMO_PASSWORD];
  await client.login({ email: DEMO_ACCOUNTS.admin, password: DEMO_PASSWORD });
  await client.logout(undefined);
  await client.forgotPassword({ email: DEMO_ACCOUNTS.admin });
  const resetToken = linkToken(mock.outbox.last({ to: DEMO_ACCOUNTS.admin })?.link);
  await client.resetPassword({ token: resetToken, password: 'Echafaudage#42' });
  const activationToken = linkToken(mock.outbox.last({ to: DEMO_ACCOUNTS.notActivated })?.link);
  await client.activateAccount({ token: activationToken });
  const otp = await client.login({ email: DEMO_ACCOUNTS.worker, password: DEMO_PASSWORD });
  assert.equal(otp.status, 'otp-required');
  const code = mock.outbox.last({ kind: 'sms' })?.code ?? '';
  await client.verifyOtp({ challengeId: otp.challenge.id, code });
  secrets.push(resetToken, 'Echafaudage#42', activationToken, code, otp.challenge.id);

  assert.ok(requests.length >= 8);
  for (const { url } of requests) {
    const decoded = decodeURIComponent(url);
    for (const secret of secrets) assert.ok(!decoded.includes(secret), `${url} carries a secret`);
    assert.equal(new URL(url).search, '', 'no query string at all');
  }
  // They travel in bodies instead.
  assert.ok(requests.some((r) => r.body.includes(resetToken)));
});
