/**
 * The signup domain of the mock (flows 1–3), through the real SDK client: identification that reveals
 * nothing, its lock, codes and tickets that work once, registrations inactive until activation, mobile
 * certification, the commune look-up and the FranceConnect simulation.
 */
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { after, beforeEach, describe, test } from 'node:test';
import { isSiret, luhnValid } from '../sdk/rules/identifiers.js';
import { DEPARTEMENTS } from '../sdk/rules/civil.js';
import { MAX_SUGGESTIONS, type IdentifyCompanyRequest, type IdentifyWorkerRequest } from '../sdk/schemas/signup.js';
import { COMMUNES_DIR, communeModules } from '../scripts/communes.js';
import { COMMUNE_LOADERS } from './data/communes/index.js';
import { findAccount, siteHasSpace, type CivilStatus } from './db.js';
import {
  DEMO_ACCOUNTS, DEMO_PASSWORD, DEMO_SIGNUP, DEMO_WORKERS, FRANCECONNECT_IDENTITIES, LIMITS, SECRET_QUESTIONS,
} from './index.js';
import { createOutbox } from './outbox.js';
import { BackendState } from './state.js';
import { createTestClient, linkToken, rawPost, rejectsWith, startTestBackend } from './test-support.js';

const { mock, clock } = startTestBackend();
after(() => mock.close());
beforeEach(() => mock.reset());

const PASSWORD = 'Coffrage&Banche26';
const MOBILE = '+33601020304';

function site(identifiantCibtp: string) {
  const found = mock.db.sites.find((s) => s.identifiantCibtp === identifiantCibtp);
  assert.ok(found, identifiantCibtp);
  return found;
}

function companyStep1(identifiantCibtp: string, purpose: 'signup' | 'associate' = 'signup'): IdentifyCompanyRequest {
  const record = site(identifiantCibtp);
  return { purpose, identifiantCibtp, siret: record.siret, confidentialCode: record.confidentialCode ?? 'SPENT000' };
}

function worker(identifiantCibtp: string): IdentifyWorkerRequest {
  const record = mock.db.workers.find((w) => w.identifiantCibtp === identifiantCibtp);
  assert.ok(record, identifiantCibtp);
  return { identifiantCibtp, civilStatus: { ...record.civilStatus } };
}

/** Certifies `phone` as the phone field does: the code from the outbox, then the certificate. */
async function certify(phone: string): Promise<string> {
  const { client } = createTestClient();
  const challenge = await client.sendPhoneCode({ phone });
  const code = mock.outbox.last({ kind: 'sms', to: phone })?.code;
  assert.ok(code);
  const certified = await client.verifyPhoneCode({ challengeId: challenge.id, code });
  assert.equal(certified.phone, phone);
  return certified.certificate;
}

/** Status, headers and body of a raw answer, to compare two refusals byte for byte. */
async function answer(response: Response): Promise<{ status: number; headers: Record<string, string>; body: string }> {
  return { status: response.status, headers: Object.fromEntries(response.headers), body: await response.text() };
}

const identifyRaw = (body: unknown) => rawPost('signup/company/identify', body, { csrf: true });

describe('identifyCompany', () => {
  test('the three values of one site give a ticket and the record to pre-fill step 2', async () => {
    const { client } = createTestClient();
    const request = companyStep1(DEMO_SIGNUP.company.identifiantCibtp);
    // The SIRET as people type it, in groups.
    const spaced = request.siret.replace(/^(\d{3})(\d{3})(\d{3})(\d{5})$/, '$1 $2 $3 $4');
    const identity = await client.identifyCompany({ ...request, siret: spaced });
    assert.equal(identity.raisonSociale, 'BÂTI-RHÔNE CONSTRUCTION');
    assert.equal(identity.siteName, 'Siège — Villeurbanne');
    assert.deepEqual([identity.lastName, identity.firstName], ['Garnier', 'Émilie']);
    assert.match(identity.ticket, /^[A-Za-z0-9_-]{43}$/);
  });

  test('answers alike whichever field is wrong, and for an unknown identifiant or a site that has its space', async () => {
    const good = companyStep1(DEMO_SIGNUP.company.identifiantCibtp);
    const laPoste = companyStep1(DEMO_SIGNUP.laPoste.identifiantCibtp);
    const refusals = [
      // The company's SIRET and code with another site's identifiant.
      { ...good, identifiantCibtp: DEMO_SIGNUP.association.identifiantCibtp },
      { ...good, siret: site('100451203').siret },
      { ...laPoste, confidentialCode: '00000000' },
      { ...good, identifiantCibtp: '999999999' },
      // DURAND BTP's head office has its space already: a signup with its right data is refused alike.
      companyStep1('100234567'),
    ];
    const answers = [];
    for (const body of refusals) answers.push(await answer(await identifyRaw(body)));
    for (const a of answers) assert.deepEqual(a, answers[0]);
    assert.equal(answers[0]?.status, 401);
    assert.deepEqual(JSON.parse(answers[0]?.body ?? ''), { code: 'identification-failed' });
  });

  test('failures lock the identifiant typed, known or not, with the same answer; the lock ends', async () => {
    const { client } = createTestClient();
    const good = companyStep1(DEMO_SIGNUP.company.identifiantCibtp);
    const wrong = { ...good, confidentialCode: '11111111' };
    const unknown = { ...good, identifiantCibtp: '999999998' };
    for (let i = 1; i < LIMITS.freeLoginFailures; i++) {
      await rejectsWith(client.identifyCompany(wrong), 'identification-failed');
      await rejectsWith(client.identifyCompany(unknown), 'identification-failed');
    }
    const knownLock = await answer(await identifyRaw(wrong));
    const unknownLock = await answer(await identifyRaw(unknown));
    assert.equal(knownLock.status, 429);
    assert.deepEqual(unknownLock, knownLock, 'a lock says nothing about whether the identifiant exists');
    assert.equal(knownLock.headers['retry-after'], '60');
    assert.deepEqual(JSON.parse(knownLock.body), { code: 'rate-limited', retryAt: new Date(clock.now().getTime() + LIMITS.firstLock).toISOString() });

    // While locked, even the right data is refused; other identifiants are not affected.
    await rejectsWith(client.identifyCompany(good), 'rate-limited');
    await client.identifyCompany(companyStep1(DEMO_SIGNUP.laPoste.identifiantCibtp));
    clock.advance(LIMITS.firstLock);
    assert.ok((await client.identifyCompany(good)).ticket);
  });

  test('a site that has its space can still be associated with another login', async () => {
    const { client } = createTestClient();
    assert.ok(siteHasSpace(mock.db, 'durand-btp/saint-etienne'));
    const identity = await client.identifyCompany(companyStep1('100234568', 'associate'));
    assert.equal(identity.siteName, 'Agence de Saint-Étienne');
  });
});

describe('registerCompany', () => {
  test('creates an inactive login for the site; the activation link makes it usable', async () => {
    const { client } = createTestClient();
    const { ticket } = await client.identifyCompany(companyStep1(DEMO_SIGNUP.company.identifiantCibtp));
    const mobileCertificate = await certify(MOBILE);
    const email = 'Emilie.Garnier@Bati-Rhone.fr';
    assert.deepEqual(await client.registerCompany({
      ticket, email, password: PASSWORD, lastName: 'Garnier', firstName: 'Émilie',
      mobilePhone: MOBILE, mobileCertificate, fixedPhone: '+33478000000',
    }), { status: 'activation-sent' });

    const account = findAccount(mock.db, email);
    assert.ok(account);
    assert.equal(account.activated, false);
    assert.deepEqual(account.mobile, { number: MOBILE, certified: true });
    assert.equal(account.fixedPhone, '+33478000000');
    await rejectsWith(client.login({ email, password: PASSWORD }), 'account-not-activated');

    const mail = mock.outbox.last({ kind: 'email', to: 'emilie.garnier@bati-rhone.fr' });
    assert.equal(mail?.subject, 'Activez votre espace sécurisé');
    assert.doesNotMatch(mail?.body ?? '', new RegExp(PASSWORD));
    assert.deepEqual(await client.activateAccount({ token: linkToken(mail?.link) }), { purpose: 'activation', email: account.email });
    const signedIn = await client.login({ email, password: PASSWORD });
    assert.equal(signedIn.status, 'signed-in');
    assert.equal(signedIn.session.user.lastName, 'Garnier');
    assert.equal(signedIn.session.tiers?.identifiantCibtp, DEMO_SIGNUP.company.identifiantCibtp);
  });

  test('the code confidentiel works once: after the signup, step 1 with it fails, and so do other tickets', async () => {
    const { client } = createTestClient();
    const request = companyStep1(DEMO_SIGNUP.company.identifiantCibtp);
    const first = await client.identifyCompany(request);
    // Someone else identified the same site for an association meanwhile.
    const other = await client.identifyCompany({ ...request, purpose: 'associate' });
    await client.registerCompany({ ticket: first.ticket, email: 'emilie@bati-rhone.fr', password: PASSWORD, lastName: 'Garnier', firstName: 'Émilie' });
    await rejectsWith(client.identifyCompany(request), 'identification-failed');
    await rejectsWith(client.identifyCompany({ ...request, purpose: 'associate' }), 'identification-failed');
    await rejectsWith(client.associateSite({ ticket: other.ticket, email: DEMO_ACCOUNTS.admin, password: DEMO_PASSWORD }), 'link-expired');
    // A new letter brings a new code, which works (here: for an association, the space exists now).
    await client.requestConfidentialCode({ identifiantCibtp: DEMO_SIGNUP.company.identifiantCibtp });
    const code = mock.outbox.last({ kind: 'letter' })?.code;
    assert.ok(code);
    assert.ok((await client.identifyCompany({ ...request, purpose: 'associate', confidentialCode: code })).ticket);
  });

  test('an unknown, used or expired ticket is link-expired', async () => {
    const { client } = createTestClient();
    const form = { email: 'emilie@bati-rhone.fr', password: PASSWORD, lastName: 'Garnier', firstName: 'Émilie' };
    const unknown = await rejectsWith(client.registerCompany({ ...form, ticket: 'x'.repeat(43) }), 'link-expired');
    assert.equal(unknown.status, 410);

    const { ticket } = await client.identifyCompany(companyStep1(DEMO_SIGNUP.laPoste.identifiantCibtp));
    clock.advance(LIMITS.signupTicketTtl);
    await rejectsWith(client.registerCompany({ ...form, ticket }), 'link-expired');

    mock.reset();
    const fresh = await client.identifyCompany(companyStep1(DEMO_SIGNUP.laPoste.identifiantCibtp));
    await client.registerCompany({ ...form, ticket: fresh.ticket });
    await rejectsWith(client.registerCompany({ ...form, email: 'autre@bati-rhone.fr', ticket: fresh.ticket }), 'link-expired');
  });

  test('an association ticket does not create a space', async () => {
    const { client } = createTestClient();
    const { ticket } = await client.identifyCompany(companyStep1(DEMO_SIGNUP.company.identifiantCibtp, 'associate'));
    await rejectsWith(client.registerCompany({ ticket, email: 'x@bati-rhone.fr', password: PASSWORD, lastName: 'A', firstName: 'B' }), 'link-expired');
  });

  test('an email in use and a password outside the policy are refused together; the ticket stays usable', async () => {
    const { client } = createTestClient();
    const { ticket } = await client.identifyCompany(companyStep1(DEMO_SIGNUP.company.identifiantCibtp));
    const form = { ticket, lastName: 'Garnier', firstName: 'Émilie' };
    const inUse = await rejectsWith(client.registerCompany({ ...form, email: ` ${DEMO_SIGNUP.emailInUse.toUpperCase()} `, password: PASSWORD }), 'validation');
    assert.deepEqual(inUse.fields, { email: 'in-use' });
    const both = await rejectsWith(client.registerCompany({ ...form, email: DEMO_SIGNUP.emailInUse, password: 'motdepasse' }), 'validation');
    assert.deepEqual(both.fields, { email: 'in-use', password: 'policy' });
    assert.deepEqual(await client.registerCompany({ ...form, email: 'emilie@bati-rhone.fr', password: PASSWORD }), { status: 'activation-sent' });
    assert.equal(findAccount(mock.db, 'emilie@bati-rhone.fr')?.mobile, null);
  });

  test('a mobile certificate must be live and for that very number; it works once', async () => {
    const { client } = createTestClient();
    const { ticket } = await client.identifyCompany(companyStep1(DEMO_SIGNUP.company.identifiantCibtp));
    const form = { ticket, email: 'emilie@bati-rhone.fr', password: PASSWORD, lastName: 'Garnier', firstName: 'Émilie' };
    const certificate = await certify(MOBILE);
    const other = await rejectsWith(client.registerCompany({ ...form, mobilePhone: '+33605060708', mobileCertificate: certificate }), 'validation');
    assert.deepEqual(other.fields, { mobilePhone: 'not-certified' });
    const noNumber = await rejectsWith(client.registerCompany({ ...form, mobileCertificate: certificate }), 'validation');
    assert.deepEqual(noNumber.fields, { mobilePhone: 'required' });
    const forged = await rejectsWith(client.registerCompany({ ...form, mobilePhone: MOBILE, mobileCertificate: 'forged' }), 'validation');
    assert.deepEqual(forged.fields, { mobilePhone: 'not-certified' });
    // The refusals did not use it up.
    await client.registerCompany({ ...form, mobilePhone: MOBILE, mobileCertificate: certificate });

    const second = await client.identifyCompany(companyStep1(DEMO_SIGNUP.laPoste.identifiantCibtp));
    const reused = await rejectsWith(client.registerCompany({
      ...form, ticket: second.ticket, email: 'karine@laposte.fr', mobilePhone: MOBILE, mobileCertificate: certificate,
    }), 'validation');
    assert.deepEqual(reused.fields, { mobilePhone: 'not-certified' });

    const late = await certify('+33605060708');
    clock.advance(LIMITS.phoneCertificateTtl);
    const third = await client.identifyCompany(companyStep1(DEMO_SIGNUP.laPoste.identifiantCibtp));
    const expired = await rejectsWith(client.registerCompany({
      ...form, ticket: third.ticket, email: 'karine@laposte.fr', mobilePhone: '+33605060708', mobileCertificate: late,
    }), 'validation');
    assert.deepEqual(expired.fields, { mobilePhone: 'not-certified' });
  });
});

describe('worker signup', () => {
  test('born in France: names compared without case, accents or extra spaces; then the space, activation and the SMS login', async () => {
    const { client } = createTestClient();
    const request = worker(DEMO_WORKERS.bornInFrance);
    const { ticket } = await client.identifyWorker({
      ...request, civilStatus: { ...request.civilStatus, birthName: '  dupont ', firstNames: 'MARIE-HELENE' },
    });
    const mobileCertificate = await certify(MOBILE);
    const email = 'marie.dupont@exemple.fr';
    assert.deepEqual(await client.registerWorker({
      ticket, email, password: PASSWORD, mobilePhone: MOBILE, mobileCertificate,
      secretQuestion: 'q-animal', secretAnswer: 'Réglisse',
    }), { status: 'activation-sent' });

    const account = findAccount(mock.db, email);
    assert.equal(account?.kind, 'salarie');
    assert.deepEqual([account?.firstName, account?.lastName], ['Marie', 'Dupont']);
    assert.deepEqual(account?.secret, { questionId: 'q-animal', answer: 'Réglisse' });
    assert.ok(mock.outbox.list().every((m) => !m.body.includes('Réglisse')), 'the answer is never sent');
    await rejectsWith(client.login({ email, password: PASSWORD }), 'account-not-activated');

    await client.activateAccount({ token: linkToken(mock.outbox.last({ kind: 'email', to: email })?.link) });
    const login = await client.login({ email, password: PASSWORD });
    assert.equal(login.status, 'otp-required');
    const sms = mock.outbox.last({ kind: 'sms', to: MOBILE });
    assert.equal(sms?.subject, 'Code de connexion');
    assert.ok(sms?.code);
    const signedIn = await client.verifyOtp({ challengeId: login.challenge.id, code: sms.code });
    assert.equal(signedIn.status, 'signed-in');
    assert.equal(signedIn.session.user.kind, 'salarie');

    // The space exists: step 1 with the same civil status is now refused like a mismatch.
    await rejectsWith(client.identifyWorker(request), 'identification-failed');
  });

  test('born abroad: no département nor commune', async () => {
    const { client } = createTestClient();
    const request = worker(DEMO_WORKERS.bornAbroad);
    assert.equal(request.civilStatus.birthDepartement, undefined);
    assert.ok((await client.identifyWorker({ ...request, civilStatus: { ...request.civilStatus, firstNames: 'joao miguel' } })).ticket);
  });

  test('answers alike whichever data is wrong, for an unknown identifiant and for a worker with a space', async () => {
    const good = worker(DEMO_WORKERS.bornInFrance);
    const change = (patch: Partial<CivilStatus>) => ({ ...good, civilStatus: { ...good.civilStatus, ...patch } });
    const refusals = [
      change({ birthDate: '1992-11-25' }),
      change({ sex: 'M' }),
      change({ birthCommune: '75101', birthDepartement: '75' }),
      change({ firstNames: 'Marie' }),
      { ...good, identifiantCibtp: DEMO_WORKERS.bornAbroad },
      { ...good, identifiantCibtp: '999999999' },
      worker(DEMO_WORKERS.withAccount),
    ];
    const answers = [];
    for (const body of refusals) answers.push(await answer(await rawPost('signup/worker/identify', body, { csrf: true })));
    for (const a of answers) assert.deepEqual(a, answers[0]);
    assert.equal(answers[0]?.status, 401);
    assert.deepEqual(JSON.parse(answers[0]?.body ?? ''), { code: 'identification-failed' });
  });

  test('failures lock the worker identifiant typed, known or not', async () => {
    const { client } = createTestClient();
    const good = worker(DEMO_WORKERS.bornAbroad);
    const wrong = { ...good, civilStatus: { ...good.civilStatus, birthDate: '1980-01-01' } };
    for (let i = 1; i < LIMITS.freeLoginFailures; i++) {
      await rejectsWith(client.identifyWorker(wrong), 'identification-failed');
      await rejectsWith(client.identifyWorker({ ...wrong, identifiantCibtp: 'INCONNU42' }), 'identification-failed');
    }
    const known = await rejectsWith(client.identifyWorker(wrong), 'rate-limited');
    const unknown = await rejectsWith(client.identifyWorker({ ...wrong, identifiantCibtp: 'inconnu42' }), 'rate-limited');
    assert.deepEqual(unknown.retryAt, known.retryAt);
    await rejectsWith(client.identifyWorker(good), 'rate-limited');
    clock.advance(LIMITS.firstLock);
    assert.ok((await client.identifyWorker(good)).ticket);
  });

  test('the mobile must be certified (that number), the question one of the list, the email free', async () => {
    const { client } = createTestClient();
    const { ticket } = await client.identifyWorker(worker(DEMO_WORKERS.bornAbroad));
    const form = { ticket, email: 'joao.dasilva@exemple.fr', password: PASSWORD, mobilePhone: MOBILE, secretQuestion: 'q-ecole', secretAnswer: 'Lisboa' };
    const none = await rejectsWith(client.registerWorker(form), 'validation');
    assert.deepEqual(none.fields, { mobilePhone: 'not-certified' });
    const elsewhere = await certify('+33605060708');
    const wrongNumber = await rejectsWith(client.registerWorker({ ...form, mobileCertificate: elsewhere }), 'validation');
    assert.deepEqual(wrongNumber.fields, { mobilePhone: 'not-certified' });
    const mobileCertificate = await certify(MOBILE);
    const all = await rejectsWith(client.registerWorker({
      ...form, mobileCertificate, email: DEMO_ACCOUNTS.worker, secretQuestion: 'q-inventee', password: 'court',
    }), 'validation');
    assert.deepEqual(all.fields, { password: 'policy', email: 'in-use', secretQuestion: 'invalid' });
    await client.registerWorker({ ...form, mobileCertificate });
    const account = findAccount(mock.db, form.email);
    assert.deepEqual(account?.mobile, { number: MOBILE, certified: true });
    assert.deepEqual([account?.firstName, account?.lastName], ['João', 'Da Silva']);
    assert.equal(mock.db.workers.find((w) => w.identifiantCibtp === DEMO_WORKERS.bornAbroad)?.accountId, account?.id);
    await rejectsWith(client.registerWorker({ ...form, mobileCertificate }), 'link-expired');
  });

  test('a company ticket is not a worker ticket', async () => {
    const { client } = createTestClient();
    const { ticket } = await client.identifyCompany(companyStep1(DEMO_SIGNUP.company.identifiantCibtp));
    await rejectsWith(client.registerWorker({
      ticket, email: 'x@exemple.fr', password: PASSWORD, mobilePhone: MOBILE, mobileCertificate: await certify(MOBILE),
      secretQuestion: 'q-ecole', secretAnswer: 'Lisboa',
    }), 'link-expired');
  });
});

describe('associateSite', () => {
  test('links the site to the existing login, which then chooses its tiers; the code is spent', async () => {
    const { client } = createTestClient();
    const request = companyStep1(DEMO_SIGNUP.association.identifiantCibtp, 'associate');
    const { ticket, raisonSociale } = await client.identifyCompany(request);
    assert.equal(raisonSociale, 'DURAND BTP');
    assert.deepEqual(await client.associateSite({ ticket, email: DEMO_ACCOUNTS.admin, password: DEMO_PASSWORD }), {
      raisonSociale: 'DURAND BTP', siteName: 'Agence de Villefranche-sur-Saône',
    });
    const login = await client.login({ email: DEMO_ACCOUNTS.admin, password: DEMO_PASSWORD });
    assert.deepEqual(login, { status: 'choose-tiers', tiersCount: 2 });
    const { items } = await client.searchTiers({ sort: 'identifiantCibtp', direction: 'asc', page: 1, pageSize: 5 });
    assert.deepEqual(items.map((t) => t.identifiantCibtp), ['100234567', DEMO_SIGNUP.association.identifiantCibtp]);
    await rejectsWith(client.identifyCompany(request), 'identification-failed');
    await rejectsWith(client.associateSite({ ticket, email: DEMO_ACCOUNTS.admin, password: DEMO_PASSWORD }), 'link-expired');
  });

  test('a wrong password counts as a login failure: the same lock as the login; the ticket survives', async () => {
    const { client } = createTestClient();
    const { ticket } = await client.identifyCompany(companyStep1(DEMO_SIGNUP.association.identifiantCibtp, 'associate'));
    for (let i = 1; i < LIMITS.freeLoginFailures; i++) {
      await rejectsWith(client.associateSite({ ticket, email: DEMO_ACCOUNTS.admin, password: 'Mauvais1!' }), 'invalid-credentials');
    }
    await rejectsWith(client.associateSite({ ticket, email: 'inconnu@durand-btp.fr', password: 'Mauvais1!' }), 'invalid-credentials');
    await rejectsWith(client.associateSite({ ticket, email: DEMO_ACCOUNTS.admin, password: 'Mauvais1!' }), 'account-locked');
    await rejectsWith(client.login({ email: DEMO_ACCOUNTS.admin, password: DEMO_PASSWORD }), 'account-locked');
    await rejectsWith(client.associateSite({ ticket, email: DEMO_ACCOUNTS.admin, password: DEMO_PASSWORD }), 'account-locked');
    clock.advance(LIMITS.firstLock);
    assert.equal((await client.associateSite({ ticket, email: DEMO_ACCOUNTS.admin, password: DEMO_PASSWORD })).raisonSociale, 'DURAND BTP');
  });

  test('a signup ticket does not associate; a worker login cannot be associated', async () => {
    const { client } = createTestClient();
    const signup = await client.identifyCompany(companyStep1(DEMO_SIGNUP.company.identifiantCibtp));
    await rejectsWith(client.associateSite({ ticket: signup.ticket, email: DEMO_ACCOUNTS.admin, password: DEMO_PASSWORD }), 'link-expired');
    const { ticket } = await client.identifyCompany(companyStep1(DEMO_SIGNUP.association.identifiantCibtp, 'associate'));
    await rejectsWith(client.associateSite({ ticket, email: DEMO_ACCOUNTS.worker, password: DEMO_PASSWORD }), 'forbidden');
    await rejectsWith(client.associateSite({ ticket, email: DEMO_ACCOUNTS.notActivated, password: DEMO_PASSWORD }), 'account-not-activated');
  });
});

describe('mobile certification codes', () => {
  test('6 digits by SMS to the number, masked in the answer; a code runs out after 10 minutes', async () => {
    const { client } = createTestClient();
    const challenge = await client.sendPhoneCode({ phone: MOBILE });
    assert.equal(challenge.maskedPhone, '•••••••••04');
    assert.equal(challenge.expiresAt, new Date(clock.now().getTime() + LIMITS.phoneCodeTtl).toISOString());
    const sms = mock.outbox.last({ kind: 'sms' });
    assert.equal(sms?.to, MOBILE);
    assert.match(sms?.code ?? '', /^\d{6}$/);
    assert.match(sms?.body ?? '', /10 minutes/);
    clock.advance(LIMITS.phoneCodeTtl);
    await rejectsWith(client.verifyPhoneCode({ challengeId: challenge.id, code: sms?.code ?? '' }), 'otp-expired');
  });

  test('three attempts: attemptsLeft 2, 1, 0, then the challenge is burnt even for the right code', async () => {
    const { client } = createTestClient();
    const challenge = await client.sendPhoneCode({ phone: MOBILE });
    const code = mock.outbox.last({ kind: 'sms' })?.code ?? '';
    const wrong = code === '000000' ? '111111' : '000000';
    for (const left of [2, 1, 0]) {
      const error = await rejectsWith(client.verifyPhoneCode({ challengeId: challenge.id, code: wrong }), 'otp-invalid');
      assert.equal(error.attemptsLeft, left);
    }
    await rejectsWith(client.verifyPhoneCode({ challengeId: challenge.id, code }), 'otp-expired');
  });

  test('resends: after the cooldown, a new code replaces the old one; at most LIMITS.otpMaxResends', async () => {
    const { client } = createTestClient();
    const challenge = await client.sendPhoneCode({ phone: MOBILE });
    const first = mock.outbox.last({ kind: 'sms' })?.code ?? '';
    const early = await rejectsWith(client.resendPhoneCode({ challengeId: challenge.id }), 'rate-limited');
    assert.equal(early.retryAt?.toISOString(), challenge.resendAvailableAt);
    for (let i = 0; i < LIMITS.otpMaxResends; i++) {
      clock.advance(LIMITS.otpResendDelay);
      const again = await client.resendPhoneCode({ challengeId: challenge.id });
      assert.equal(again.id, challenge.id);
    }
    clock.advance(LIMITS.otpResendDelay);
    await rejectsWith(client.resendPhoneCode({ challengeId: challenge.id }), 'rate-limited');
    const latest = mock.outbox.last({ kind: 'sms' })?.code ?? '';
    if (first !== latest) await rejectsWith(client.verifyPhoneCode({ challengeId: challenge.id, code: first }), 'otp-invalid');
    assert.equal((await client.verifyPhoneCode({ challengeId: challenge.id, code: latest })).phone, MOBILE);
    // A code works once.
    await rejectsWith(client.verifyPhoneCode({ challengeId: challenge.id, code: latest }), 'otp-expired');
  });

  test('a new code for the number voids the previous challenge; SMS per number are limited per window', async () => {
    const { client } = createTestClient();
    const old = await client.sendPhoneCode({ phone: MOBILE });
    const oldCode = mock.outbox.last({ kind: 'sms' })?.code ?? '';
    await client.sendPhoneCode({ phone: MOBILE });
    await rejectsWith(client.verifyPhoneCode({ challengeId: old.id, code: oldCode }), 'otp-expired');
    for (let i = 2; i < LIMITS.phoneCodesPerWindow; i++) await client.sendPhoneCode({ phone: MOBILE });
    const limited = await rejectsWith(client.sendPhoneCode({ phone: MOBILE }), 'rate-limited');
    assert.equal(limited.retryAt?.toISOString(), new Date(clock.now().getTime() + LIMITS.messageWindow).toISOString());
    assert.equal(mock.outbox.list().filter((m) => m.to === MOBILE).length, LIMITS.phoneCodesPerWindow);
    // Another number is not affected; the window moves on.
    await client.sendPhoneCode({ phone: '+33605060708' });
    clock.advance(LIMITS.messageWindow);
    await client.sendPhoneCode({ phone: MOBILE });
  });

  test('a login challenge is not a certification challenge, nor the reverse', async () => {
    const { client } = createTestClient();
    const login = await client.login({ email: DEMO_ACCOUNTS.worker, password: DEMO_PASSWORD });
    assert.equal(login.status, 'otp-required');
    const loginCode = mock.outbox.last({ kind: 'sms' })?.code ?? '';
    await rejectsWith(client.verifyPhoneCode({ challengeId: login.challenge.id, code: loginCode }), 'otp-expired');
    const phone = await client.sendPhoneCode({ phone: MOBILE });
    await rejectsWith(client.verifyOtp({ challengeId: phone.id, code: mock.outbox.last({ kind: 'sms' })?.code ?? '' }), 'otp-expired');
  });
});

describe('searchCommunes', () => {
  test('by département, without case nor accents: exact name, then prefix, word and contains', async () => {
    const { client } = createTestClient();
    const { items } = await client.searchCommunes({ departement: '42', q: 'saint etienne' });
    assert.deepEqual(items[0], { code: '42218', name: 'Saint-Étienne' });
    assert.ok(items.slice(1).every((c) => c.name.startsWith('Saint-Étienne-')), JSON.stringify(items));
    const lyon = await client.searchCommunes({ departement: '69', q: 'LYON' });
    assert.deepEqual(lyon.items.map((c) => c.code), ['69123', '69202']);
    assert.deepEqual((await client.searchCommunes({ departement: '38', q: 'Grenoble' })).items[0], { code: '38185', name: 'Grenoble' });
  });

  test('Corsica (2A, 2B) and overseas (971–976)', async () => {
    const { client } = createTestClient();
    assert.deepEqual((await client.searchCommunes({ departement: '2A', q: 'ajaccio' })).items, [{ code: '2A004', name: 'Ajaccio' }]);
    assert.deepEqual((await client.searchCommunes({ departement: '2B', q: 'bastia' })).items[0], { code: '2B033', name: 'Bastia' });
    assert.deepEqual((await client.searchCommunes({ departement: '971', q: 'pointe a pitre' })).items, [{ code: '97120', name: 'Pointe-à-Pitre' }]);
    assert.deepEqual((await client.searchCommunes({ departement: '976', q: 'mamoudzou' })).items, [{ code: '97611', name: 'Mamoudzou' }]);
    // Another département's commune is not offered.
    assert.deepEqual((await client.searchCommunes({ departement: '2B', q: 'ajaccio' })).items, []);
  });

  test(`current communes only, at most ${MAX_SUGGESTIONS}`, async () => {
    const { client } = createTestClient();
    assert.deepEqual((await client.searchCommunes({ departement: '75', q: 'paris' })).items, [{ code: '75056', name: 'Paris' }]);
    const many = await client.searchCommunes({ departement: '62', q: 'saint' });
    assert.equal(many.items.length, MAX_SUGGESTIONS);
    const unknown = await rejectsWith(client.searchCommunes({ departement: '20', q: 'ajaccio' }), 'validation');
    assert.deepEqual(unknown.fields, { departement: 'invalid' });
  });

  test('every département of birth has its data, generated from the installed package (up to date)', async () => {
    assert.deepEqual(Object.keys(COMMUNE_LOADERS).sort(), [...DEPARTEMENTS].sort());
    const expected = communeModules();
    assert.deepEqual(readdirSync(COMMUNES_DIR).sort(), [...expected.keys()].sort(), 'run: node --import tsx scripts/communes.ts');
    for (const [name, content] of expected) {
      assert.equal(readFileSync(join(COMMUNES_DIR, name), 'utf8'), content, `${name} is stale: run node --import tsx scripts/communes.ts`);
    }
    // Small enough for the browser to load one at a time.
    const largest = Math.max(...[...expected.values()].map((c) => c.length));
    assert.ok(largest < 40_000, `largest département module: ${largest} characters`);
  });
});

describe('secretQuestions', () => {
  test('a fixed list of questions in French', async () => {
    const { client } = createTestClient();
    const { items } = await client.secretQuestions(undefined);
    assert.deepEqual(items, SECRET_QUESTIONS.map((q) => ({ ...q })));
    assert.ok(items.length >= 5);
    for (const q of items) assert.match(q.label, /^[A-ZÀ-Ý].* \?$/);
  });
});

describe('FranceConnect (simulated)', () => {
  const RETURN = 'https://espace.caisse.test/salarie?entree=1';

  async function start(): Promise<{ state: string; matched: string; unmatched: string; url: URL }> {
    const { client } = createTestClient();
    const { authorizationUrl } = await client.franceConnectStart({ returnUrl: RETURN });
    const url = new URL(authorizationUrl);
    const param = (name: string) => {
      const value = url.searchParams.get(name);
      assert.ok(value, name);
      return value;
    };
    return { state: param('state'), matched: param('matched'), unmatched: param('unmatched'), url };
  }

  test('start points to the simulated page with the state, the return address and one code per identity', async () => {
    const { url, matched, unmatched } = await start();
    assert.equal(`${url.origin}${url.pathname}`, 'http://localhost/franceconnect.html');
    assert.equal(url.searchParams.get('return'), RETURN);
    assert.notEqual(matched, unmatched);
    const state = new BackendState({ now: clock.now, linkBase: undefined, outbox: createOutbox(clock.now), franceConnectPage: 'https://demo.test/fc.html' });
    assert.equal(state.franceConnectPage(), 'https://demo.test/fc.html');
  });

  test('the matched identity signs its worker in, without an SMS code; the code works once', async () => {
    const { client } = createTestClient();
    const { state, matched } = await start();
    const before = mock.outbox.list().length;
    const result = await client.franceConnectReturn({ code: matched, state });
    assert.equal(result.status, 'signed-in');
    assert.equal(result.status === 'signed-in' && result.session.user.email, DEMO_ACCOUNTS.worker);
    assert.equal(client.session?.user.kind, 'salarie');
    assert.equal(mock.outbox.list().length, before, 'no SMS');
    const reused = await rejectsWith(client.franceConnectReturn({ code: matched, state }), 'link-invalid');
    assert.equal(reused.status, 404);
  });

  test('a wrong code spends the pending login; an old one is link-expired', async () => {
    const { client } = createTestClient();
    const first = await start();
    await rejectsWith(client.franceConnectReturn({ code: 'a'.repeat(43), state: first.state }), 'link-invalid');
    await rejectsWith(client.franceConnectReturn({ code: first.matched, state: first.state }), 'link-invalid');
    const second = await start();
    clock.advance(LIMITS.franceConnectTtl);
    await rejectsWith(client.franceConnectReturn({ code: second.matched, state: second.state }), 'link-expired');
  });

  test('the unmatched identity (homonyms) gives the identifiant CIBTP once; the right one signs in', async () => {
    const { client } = createTestClient();
    const { state, unmatched } = await start();
    const result = await client.franceConnectReturn({ code: unmatched, state });
    assert.equal(result.status, 'identify');
    assert.ok(result.status === 'identify');
    assert.equal(result.firstNames, FRANCECONNECT_IDENTITIES.unmatched.firstNames);
    assert.equal(client.session, null);
    // The homonym without a space, and another worker: refused alike.
    await rejectsWith(client.franceConnectLink({ ticket: result.ticket, identifiantCibtp: DEMO_WORKERS.homonymWithoutAccount }), 'identification-failed');
    await rejectsWith(client.franceConnectLink({ ticket: result.ticket, identifiantCibtp: DEMO_WORKERS.withAccount }), 'identification-failed');
    const signedIn = await client.franceConnectLink({ ticket: result.ticket, identifiantCibtp: ` ${DEMO_WORKERS.homonymWithAccount} ` });
    assert.equal(signedIn.status, 'signed-in');
    assert.equal(signedIn.status === 'signed-in' && signedIn.session.user.email, 'nicolas.petit@exemple.fr');
    await rejectsWith(client.franceConnectLink({ ticket: result.ticket, identifiantCibtp: DEMO_WORKERS.homonymWithAccount }), 'link-expired');
  });

  test(`the identifiant question allows ${LIMITS.franceConnectLinkAttempts} tries`, async () => {
    const { client } = createTestClient();
    const { state, unmatched } = await start();
    const result = await client.franceConnectReturn({ code: unmatched, state });
    assert.ok(result.status === 'identify');
    for (let i = 0; i < LIMITS.franceConnectLinkAttempts; i++) {
      await rejectsWith(client.franceConnectLink({ ticket: result.ticket, identifiantCibtp: '999999999' }), 'identification-failed');
    }
    await rejectsWith(client.franceConnectLink({ ticket: result.ticket, identifiantCibtp: DEMO_WORKERS.homonymWithAccount }), 'link-expired');
  });
});

describe('bounded stores', () => {
  test(`tickets, certificates and FranceConnect logins: at most LIMITS.pendingKept (${LIMITS.pendingKept}) each, the newest`, () => {
    const state = new BackendState({ now: clock.now, linkBase: undefined, outbox: createOutbox(clock.now) });
    const tickets = Array.from({ length: LIMITS.pendingKept + 1 }, (_, i) => state.issueTicket({ kind: 'worker', workerId: `w-${i}` }));
    assert.throws(() => state.ticket(tickets[0] ?? '', 'worker'), /link-expired/);
    assert.equal(state.ticket(tickets.at(-1) ?? '', 'worker').workerId, `w-${LIMITS.pendingKept}`);
    const certificates = Array.from({ length: LIMITS.pendingKept + 1 }, () => state.issuePhoneCertificate(MOBILE));
    assert.equal(state.isPhoneCertificateValid(certificates[0] ?? '', MOBILE), false);
    assert.equal(state.isPhoneCertificateValid(certificates.at(-1) ?? '', MOBILE), true);
  });
});

describe('demo records', () => {
  test('every case of the README exists in the seed', () => {
    const company = site(DEMO_SIGNUP.company.identifiantCibtp);
    assert.equal(company.confidentialCode, DEMO_SIGNUP.company.confidentialCode);
    assert.equal(siteHasSpace(mock.db, company.id), false);
    const association = site(DEMO_SIGNUP.association.identifiantCibtp);
    assert.equal(association.companyId, 'durand-btp');
    assert.equal(siteHasSpace(mock.db, association.id), false);
    const laPoste = site(DEMO_SIGNUP.laPoste.identifiantCibtp);
    assert.ok(laPoste.siret.startsWith('356000000'));
    assert.ok(isSiret(laPoste.siret) && !luhnValid(laPoste.siret), 'valid by the digit-sum rule only');
    assert.ok(findAccount(mock.db, DEMO_SIGNUP.emailInUse));
    const byId = (id: string) => mock.db.workers.find((w) => w.identifiantCibtp === id);
    assert.equal(byId(DEMO_WORKERS.bornInFrance)?.civilStatus.birthCountry, 'FR');
    assert.notEqual(byId(DEMO_WORKERS.bornAbroad)?.civilStatus.birthCountry, 'FR');
    assert.equal(byId(DEMO_WORKERS.withAccount)?.accountId, 'u-worker');
    assert.equal(new Set(mock.db.workers.map((w) => w.identifiantCibtp)).size, mock.db.workers.length);
  });
});
