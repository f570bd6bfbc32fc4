/**
 * Signup, site association, mobile certification, look-ups and FranceConnect (flows 1–3). Every rule and
 * the reason for it is in README.md ("Signup").
 */
import type { FieldErrorCode } from '../../sdk/errors.js';
import type { LoginResult } from '../../sdk/schemas/auth.js';
import { parseFields } from '../../sdk/validate.js';
import type { z } from '../../sdk/zod.js';
import { searchCommunes } from '../communes.js';
import {
  DEMO_PASSWORD, FRANCECONNECT_IDENTITIES, SECRET_QUESTIONS, findAccount, findSiteByIdentifiant, findWorkerByIdentifiant,
  normaliseEmail, sameCivilStatus, siteHasSpace, type MockAccount, type MockSite,
} from '../db.js';
import { MockHttpError, rateLimited } from '../http-error.js';
import { randomToken } from '../random.js';
import { route, type MockRoute } from '../route.js';
import { LIMITS, sameSecret, type BackendState } from '../state.js';

/** One answer for every refused identification: same status, headers and body whatever was wrong. */
const identificationFailed = () => new MockHttpError(401, { code: 'identification-failed' });
/** A ticket that is unknown, used or out of time: the wizard goes back to step 1. */
const ticketExpired = () => new MockHttpError(410, { code: 'link-expired' });

/**
 * The caisse's password policy on a registration (the request schema only bounds every policy), plus the
 * fields the caller adds: all refusals in one answer, so the user corrects everything at once.
 */
function refuseFields(schema: z.ZodMiniType, body: unknown, more: Record<string, FieldErrorCode | undefined>): void {
  const checked = parseFields(schema, body);
  const fields: Record<string, FieldErrorCode> = checked.success ? {} : { ...checked.fields };
  for (const [name, code] of Object.entries(more)) if (code && !fields[name]) fields[name] = code;
  if (Object.keys(fields).length > 0) throw new MockHttpError(400, { code: 'validation', fields });
}

/** The site of a company ticket, as long as its code has not been spent meanwhile (by another ticket). */
function ticketSite(state: BackendState, token: string, purpose: 'signup' | 'associate'): MockSite {
  const subject = state.ticket(token, 'company');
  const site = state.db.sites.find((s) => s.id === subject.siteId);
  if (subject.purpose !== purpose || !site || site.confidentialCode === null) throw ticketExpired();
  if (purpose === 'signup' && siteHasSpace(state.db, site.id)) throw ticketExpired();
  return site;
}

/** `DA SILVA` → `Da Silva`: the record's upper-case name as a login shows it. */
function displayName(name: string): string {
  return name.toLowerCase().replace(/(^|[\s'’-])(\p{L})/gu, (_, before: string, letter: string) => before + letter.toUpperCase());
}

function newAccount(state: BackendState, init: Omit<MockAccount, 'id' | 'activated' | 'emailCertifiedUntil' | 'usage'>): MockAccount {
  const account: MockAccount = {
    ...init, id: `u-${randomToken(12)}`, email: normaliseEmail(init.email), activated: false, emailCertifiedUntil: null, usage: {},
  };
  state.db.accounts.push(account);
  // The same activation link as any inactive account (`<cibtp-activate-account>` follows it); counted
  // with the resends, so that a new space cannot be used to flood a mailbox.
  state.maySend('activation', account.email);
  state.sendLinkEmail(account, 'activation');
  return account;
}

/** A FranceConnect identity signs in like a password login, without an SMS code (FranceConnect was strong). */
function signInWorker(state: BackendState, account: MockAccount): LoginResult {
  if (!account.activated) throw new MockHttpError(403, { code: 'account-not-activated' });
  if (!account.emailCertifiedUntil || account.emailCertifiedUntil.getTime() <= state.now().getTime()) {
    throw new MockHttpError(403, { code: 'email-certification-expired' });
  }
  return { status: 'signed-in', session: state.startSession(account, null) };
}

export const signupRoutes: MockRoute[] = [
  route('identifyCompany', ({ body, state, now }) => {
    const { purpose, identifiantCibtp, siret, confidentialCode } = body;
    const lockedUntil = state.identificationLockedUntil('site', identifiantCibtp);
    if (lockedUntil) throw rateLimited(lockedUntil, now());
    const site = findSiteByIdentifiant(state.db, identifiantCibtp);
    // Every comparison is made, whatever fails first: the time taken says as little as the answer.
    const siretOk = sameSecret(site?.siret ?? '', siret);
    const code = site?.confidentialCode ?? null;
    const codeOk = sameSecret((code ?? '').toUpperCase(), confidentialCode.toUpperCase()) && code !== null;
    // A space already made for the site is refused like a mismatch: step 1 reveals nothing about it.
    const open = site !== undefined && (purpose === 'associate' || !siteHasSpace(state.db, site.id));
    if (!site || !siretOk || !codeOk || !open) {
      const lock = state.recordIdentificationFailure('site', identifiantCibtp);
      if (lock) throw rateLimited(lock, now());
      throw identificationFailed();
    }
    state.clearIdentificationFailures('site', identifiantCibtp);
    const company = state.db.companies.find((c) => c.id === site.companyId);
    return {
      ticket: state.issueTicket({ kind: 'company', purpose, siteId: site.id }),
      raisonSociale: company?.raisonSociale ?? '',
      siteName: site.name,
      lastName: site.contact.lastName,
      firstName: site.contact.firstName,
    };
  }),

  route('registerCompany', ({ body, state }) => {
    const site = ticketSite(state, body.ticket, 'signup');
    const { mobilePhone, mobileCertificate } = body;
    let mobile: FieldErrorCode | undefined;
    if (mobileCertificate !== undefined) {
      mobile = mobilePhone === undefined ? 'required' : state.isPhoneCertificateValid(mobileCertificate, mobilePhone) ? undefined : 'not-certified';
    }
    refuseFields(state.registerCompanyRequest, body, {
      email: findAccount(state.db, body.email) ? 'in-use' : undefined,
      mobilePhone: mobile,
    });
    const certified = mobilePhone !== undefined && mobileCertificate !== undefined && state.consumePhoneCertificate(mobileCertificate, mobilePhone);
    newAccount(state, {
      email: body.email,
      password: body.password,
      firstName: body.firstName,
      lastName: body.lastName,
      kind: 'entreprise',
      siteIds: [site.id],
      mobile: mobilePhone === undefined ? null : { number: mobilePhone, certified },
      fixedPhone: body.fixedPhone ?? null,
      secret: null,
    });
    state.spendTicket(body.ticket);
    state.spendConfidentialCode(site);
    return { status: 'activation-sent' };
  }),

  route('identifyWorker', ({ body, state, now }) => {
    const { identifiantCibtp, civilStatus } = body;
    const lockedUntil = state.identificationLockedUntil('worker', identifiantCibtp);
    if (lockedUntil) throw rateLimited(lockedUntil, now());
    const worker = findWorkerByIdentifiant(state.db, identifiantCibtp);
    const matches = worker !== undefined && sameCivilStatus(worker.civilStatus, civilStatus);
    // A worker who already has a space is refused like a mismatch (the guide: "contact your caisse").
    if (!worker || !matches || worker.accountId !== null) {
      const lock = state.recordIdentificationFailure('worker', identifiantCibtp);
      if (lock) throw rateLimited(lock, now());
      throw identificationFailed();
    }
    state.clearIdentificationFailures('worker', identifiantCibtp);
    return { ticket: state.issueTicket({ kind: 'worker', workerId: worker.id }) };
  }),

  route('registerWorker', ({ body, state }) => {
    const subject = state.ticket(body.ticket, 'worker');
    const worker = state.db.workers.find((w) => w.id === subject.workerId);
    if (!worker || worker.accountId !== null) throw ticketExpired();
    const { mobilePhone, mobileCertificate } = body;
    // A worker's mobile is mandatory AND certified: the login sends its one-time code there.
    const certified = mobileCertificate !== undefined && state.isPhoneCertificateValid(mobileCertificate, mobilePhone);
    refuseFields(state.registerWorkerRequest, body, {
      email: findAccount(state.db, body.email) ? 'in-use' : undefined,
      mobilePhone: certified ? undefined : 'not-certified',
      secretQuestion: SECRET_QUESTIONS.some((q) => q.id === body.secretQuestion) ? undefined : 'invalid',
    });
    if (mobileCertificate === undefined || !state.consumePhoneCertificate(mobileCertificate, mobilePhone)) {
      throw new Error('certificate checked just before');
    }
    const { birthName, firstNames } = worker.civilStatus;
    const account = newAccount(state, {
      email: body.email,
      password: body.password,
      firstName: displayName(firstNames.split(/\s+/)[0] ?? firstNames),
      lastName: displayName(birthName),
      kind: 'salarie',
      siteIds: [],
      mobile: { number: mobilePhone, certified: true },
      fixedPhone: body.fixedPhone ?? null,
      secret: { questionId: body.secretQuestion, answer: body.secretAnswer },
    });
    worker.accountId = account.id;
    state.spendTicket(body.ticket);
    return { status: 'activation-sent' };
  }),

  route('associateSite', ({ body, state }) => {
    const site = ticketSite(state, body.ticket, 'associate');
    const { email, password } = body;
    // The existing login's password, under the login's own throttle: the same lock, counted the same way.
    const lockedUntil = state.lockedUntil(email);
    if (lockedUntil) throw new MockHttpError(423, { code: 'account-locked', retryAt: lockedUntil.toISOString() });
    const account = findAccount(state.db, email);
    const passwordOk = sameSecret(account?.password ?? DEMO_PASSWORD, password) && account !== undefined;
    if (!account || !passwordOk) {
      const lock = state.recordLoginFailure(email);
      if (lock) throw new MockHttpError(423, { code: 'account-locked', retryAt: lock.toISOString() });
      throw new MockHttpError(401, { code: 'invalid-credentials' });
    }
    state.clearLoginFailures(email);
    if (!account.activated) throw new MockHttpError(403, { code: 'account-not-activated' });
    // A worker's login acts for no company site.
    if (account.kind === 'salarie') throw new MockHttpError(403, { code: 'forbidden' });
    if (!account.siteIds.includes(site.id)) account.siteIds.push(site.id);
    state.spendTicket(body.ticket);
    state.spendConfidentialCode(site);
    const company = state.db.companies.find((c) => c.id === site.companyId);
    return { raisonSociale: company?.raisonSociale ?? '', siteName: site.name };
  }),

  route('sendPhoneCode', ({ body, state }) => state.phoneChallengeView(state.startPhoneChallenge(body.phone))),

  route('resendPhoneCode', ({ body, state }) => {
    const challenge = state.livePhoneChallenge(body.challengeId);
    state.renewPhoneCode(challenge);
    return state.phoneChallengeView(challenge);
  }),

  route('verifyPhoneCode', ({ body, state }) => {
    const challenge = state.livePhoneChallenge(body.challengeId);
    state.checkCode(challenge, body.code, () => state.burnPhoneChallenge(challenge.id));
    state.burnPhoneChallenge(challenge.id);
    return { phone: challenge.phone, certificate: state.issuePhoneCertificate(challenge.phone) };
  }),

  route('searchCommunes', async ({ body }) => ({ items: await searchCommunes(body.departement, body.q) })),

  route('secretQuestions', () => ({ items: SECRET_QUESTIONS.map((q) => ({ ...q })) })),

  route('franceConnectStart', ({ body, state }) => {
    const { state: pending, codes } = state.startFranceConnect();
    const authorizationUrl = `${state.franceConnectPage()}?state=${pending}&return=${encodeURIComponent(body.returnUrl)}`
      + `&matched=${codes.matched}&unmatched=${codes.unmatched}`;
    return { authorizationUrl };
  }),

  route('franceConnectReturn', ({ body, state }) => {
    const identity = FRANCECONNECT_IDENTITIES[state.consumeFranceConnect(body.state, body.code)];
    // Matched by civil status only when exactly one record fits: never pick one of several homonyms.
    const records = state.db.workers.filter((w) => sameCivilStatus(w.civilStatus, identity));
    const [only] = records;
    if (records.length === 1 && only) {
      const account = only.accountId === null ? undefined : state.account(only.accountId);
      // One record, no space: there is nothing to sign in to, and asking the identifiant would not help.
      if (!account) throw identificationFailed();
      return signInWorker(state, account);
    }
    const ticket = state.issueTicket({ kind: 'franceconnect', identity, attemptsLeft: LIMITS.franceConnectLinkAttempts }, LIMITS.franceConnectTtl);
    return { status: 'identify', ticket, firstNames: identity.firstNames };
  }),

  route('franceConnectLink', ({ body, state }) => {
    const subject = state.ticket(body.ticket, 'franceconnect');
    const worker = findWorkerByIdentifiant(state.db, body.identifiantCibtp);
    const account = worker?.accountId ? state.account(worker.accountId) : undefined;
    if (!worker || !account || !sameCivilStatus(worker.civilStatus, subject.identity)) {
      subject.attemptsLeft -= 1;
      // A few tries per FranceConnect login; then the user goes through FranceConnect again.
      if (subject.attemptsLeft <= 0) state.spendTicket(body.ticket);
      throw identificationFailed();
    }
    state.spendTicket(body.ticket);
    return signInWorker(state, account);
  }),
];
