/**
 * The backend's mutable state and its security mechanisms: CSRF tokens, the session "cookie",
 * the login throttle, one-time code challenges, email links, message rate limits. Route handlers
 * (`routes/*.ts`) combine these into the flows; every rule is documented in `README.md`.
 */
import { resetPasswordRequest } from '../sdk/schemas/auth.js';
import type { PasswordPolicy, Session, Tiers } from '../sdk/schemas/common.js';
import { maskPhone } from '../sdk/rules/identifiers.js';
import { DEFAULT_PASSWORD_POLICY } from '../sdk/rules/password.js';
import {
  createSeedDb, DEMO_ACCOUNTS, findAccountById, normaliseEmail, tiersOf,
  type MockAccount, type MockDb, type MockSite,
} from './db.js';
import { MockHttpError } from './http-error.js';
import type { OutboxWriter } from './outbox.js';
import { randomDigits, randomToken } from './random.js';

const MINUTE = 60_000;

/** Every delay of the mock, in one place (README.md explains each choice). */
export const LIMITS = Object.freeze({
  sessionTtl: 30 * MINUTE,
  pendingTiersTtl: 10 * MINUTE,
  /** Consecutive failures answered 401 before the account locks. */
  freeLoginFailures: 5,
  firstLock: 1 * MINUTE,
  maxLock: 15 * MINUTE,
  /** A login with no failure for this long starts again from zero (old typos do not add up). */
  loginFailureMemory: 24 * 60 * MINUTE,
  /** Most logins whose failures are remembered: beyond, the stalest unlocked ones are forgotten. */
  loginFailuresKept: 10_000,
  otpTtl: 5 * MINUTE,
  otpAttempts: 3,
  otpResendDelay: 30_000,
  otpMaxResends: 3,
  resetLinkTtl: 30 * MINUTE,
  activationLinkTtl: 48 * 60 * MINUTE,
  /** How long an email stays certified after following an activation or certification link. */
  certificationValidity: 365 * 24 * 60 * MINUTE,
  messageWindow: 10 * MINUTE,
  messagesPerWindow: 3,
  idempotencyTtl: 24 * 60 * MINUTE,
  /** Most answers kept for their Idempotency-Key: beyond, the oldest are forgotten. */
  idempotencyKept: 1_000,
  csrfTokensKept: 50,
});

export type LinkPurpose = 'reset' | 'activation' | 'certification';

interface LinkRecord {
  accountId: string;
  purpose: LinkPurpose;
  expiresAt: Date;
  used: boolean;
}

export interface OtpChallengeRecord {
  id: string;
  accountId: string;
  code: string;
  expiresAt: Date;
  attemptsLeft: number;
  resends: number;
  resendAvailableAt: Date;
}

interface SessionRecord {
  accountId: string;
  tiersId: string | null;
  expiresAt: Date;
}

interface PendingTiers {
  accountId: string;
  tiersIds: string[];
  expiresAt: Date;
}

interface ThrottleRecord {
  failures: number;
  lockedUntil: Date | null;
  lastFailureAt?: Date;
}

export interface StoredAnswer {
  status: number;
  headers: Record<string, string>;
  body: string | Blob | null;
}

export interface BackendStateOptions {
  now: () => Date;
  linkBase: string | undefined;
  outbox: OutboxWriter;
  /** The caisse's password policy (default: `DEFAULT_PASSWORD_POLICY`), already checked. */
  passwordPolicy?: PasswordPolicy;
}

export class BackendState {
  db!: MockDb;
  readonly outbox: OutboxWriter;
  readonly now: () => Date;
  readonly #linkBase: string | undefined;
  /** What `GET password/policy` serves, and what a new password must meet. */
  readonly passwordPolicy: PasswordPolicy;
  /** `resetPassword`'s input under that policy, built once. */
  readonly resetPasswordRequest: ReturnType<typeof resetPasswordRequest>;

  #csrf: string[] = [];
  #session: SessionRecord | null = null;
  #pending: PendingTiers | null = null;
  #challenges = new Map<string, OtpChallengeRecord>();
  #links = new Map<string, LinkRecord>();
  #throttle = new Map<string, ThrottleRecord>();
  #sent = new Map<string, Date[]>();
  /**
   * Answers kept per Idempotency-Key, oldest first, with the time they were kept; a promise, so that a
   * concurrent duplicate waits for the first.
   */
  readonly idempotency = new Map<string, { answer: Promise<StoredAnswer>; at: number }>();

  constructor(options: BackendStateOptions) {
    this.now = options.now;
    this.#linkBase = options.linkBase;
    this.outbox = options.outbox;
    this.passwordPolicy = options.passwordPolicy ?? DEFAULT_PASSWORD_POLICY;
    this.resetPasswordRequest = resetPasswordRequest(this.passwordPolicy);
    this.reset();
  }

  /** Back to the seed: fresh data, no session, the demo scenarios' initial state, empty outbox. */
  reset(): void {
    const now = this.now();
    this.db = createSeedDb(now);
    this.#csrf = [];
    this.#session = null;
    this.#pending = null;
    this.#challenges.clear();
    this.#links.clear();
    this.#throttle.clear();
    this.#sent.clear();
    this.idempotency.clear();
    this.outbox.clear();
    // bloque@: locked for the longest delay, as if someone had kept guessing its password.
    this.#throttle.set(DEMO_ACCOUNTS.locked, { failures: 9, lockedUntil: new Date(now.getTime() + LIMITS.maxLock) });
    // nouveau@: its activation email is already waiting, so a person can follow it in the outbox.
    const fresh = this.db.accounts.find((a) => a.email === DEMO_ACCOUNTS.notActivated);
    if (fresh) this.sendLinkEmail(fresh, 'activation');
  }

  // ---- Idempotency ----------------------------------------------------------------------------------

  /** The answer kept for `key`, while it is fresh (`LIMITS.idempotencyTtl`). */
  keptAnswer(key: string): Promise<StoredAnswer> | undefined {
    const entry = this.idempotency.get(key);
    return entry && this.now().getTime() - entry.at < LIMITS.idempotencyTtl ? entry.answer : undefined;
  }

  /**
   * Keeps `answer` for `key`. The store stays bounded: the answers that ran out go (oldest first, so the
   * sweep stops at the first fresh one), and the oldest beyond `LIMITS.idempotencyKept`.
   */
  keepAnswer(key: string, answer: Promise<StoredAnswer>): void {
    const now = this.now().getTime();
    this.idempotency.delete(key);
    for (const [old, { at }] of this.idempotency) {
      if (now - at < LIMITS.idempotencyTtl && this.idempotency.size < LIMITS.idempotencyKept) break;
      this.idempotency.delete(old);
    }
    this.idempotency.set(key, { answer, at: now });
    // A failure (a bug, answered 500) is not an answer worth replaying: the next attempt runs again.
    answer.catch(() => {
      if (this.idempotency.get(key)?.answer === answer) this.idempotency.delete(key);
    });
  }

  account(id: string): MockAccount | undefined {
    return findAccountById(this.db, id);
  }

  // ---- CSRF -------------------------------------------------------------------------------------

  issueCsrfToken(): string {
    const token = randomToken();
    // Bounded: several widgets may each hold one, but the list cannot grow without limit.
    this.#csrf = [...this.#csrf, token].slice(-LIMITS.csrfTokensKept);
    return token;
  }

  isCsrfTokenValid(token: string | null): boolean {
    return token !== null && this.#csrf.includes(token);
  }

  /** A new session (or its end) invalidates earlier tokens, as a synchronizer token bound to the session would. */
  #rotateCsrf(): void {
    this.#csrf = [];
  }

  // ---- Session ------------------------------------------------------------------------------------

  /** Signs `account` in for `tiersId` and returns the session as the SDK sees it. */
  startSession(account: MockAccount, tiersId: string | null): Session {
    this.#pending = null;
    this.#session = { accountId: account.id, tiersId, expiresAt: new Date(this.now().getTime() + LIMITS.sessionTtl) };
    this.#rotateCsrf();
    const session = this.#sessionView();
    if (!session) throw new Error('session just started is missing');
    return session;
  }

  /**
   * The current session, extended by this activity (sliding expiry); `null` when there is none.
   * A session that ran out answers 401 once (its "cookie" is then cleared, as a real server would).
   */
  touchSession(): Session | null {
    const record = this.#session;
    if (!record) return null;
    if (record.expiresAt.getTime() <= this.now().getTime()) {
      this.#session = null;
      throw new MockHttpError(401, { code: 'session-expired' });
    }
    record.expiresAt = new Date(this.now().getTime() + LIMITS.sessionTtl);
    return this.#sessionView();
  }

  /** The account signed in now, if any, without extending the session. */
  sessionAccount(): MockAccount | undefined {
    const record = this.#session;
    if (!record || record.expiresAt.getTime() <= this.now().getTime()) return undefined;
    return this.account(record.accountId);
  }

  endSession(): void {
    this.#session = null;
    this.#pending = null;
    this.#rotateCsrf();
  }

  /** After a password reset: the account's session, pending tiers choice and code challenges end. */
  revokeAccount(accountId: string): void {
    if (this.#session?.accountId === accountId) this.endSession();
    if (this.#pending?.accountId === accountId) this.#pending = null;
    for (const [id, c] of this.#challenges) if (c.accountId === accountId) this.#challenges.delete(id);
  }

  /** Test hook: the session runs out now; the next authenticated call answers 401 session-expired. */
  expireSession(): void {
    if (this.#session) this.#session.expiresAt = new Date(this.now().getTime() - 1);
    if (this.#pending) this.#pending.expiresAt = new Date(this.now().getTime() - 1);
  }

  #sessionView(): Session | null {
    const record = this.#session;
    const account = record && this.account(record.accountId);
    if (!record || !account) return null;
    const tiers: Tiers | null = record.tiersId === null
      ? null
      : (tiersOf(this.db, account).find((t) => t.id === record.tiersId) ?? null);
    return {
      user: { email: account.email, firstName: account.firstName, lastName: account.lastName, kind: account.kind },
      tiers,
      expiresAt: record.expiresAt.toISOString(),
    };
  }

  // ---- Tiers choice ---------------------------------------------------------------------------------

  /** Remembers an authenticated login that still has to pick its tiers (as a short-lived cookie would). */
  rememberPendingTiers(account: MockAccount, tiers: Tiers[]): void {
    this.#pending = {
      accountId: account.id,
      tiersIds: tiers.map((t) => t.id),
      expiresAt: new Date(this.now().getTime() + LIMITS.pendingTiersTtl),
    };
  }

  /** The login waiting for a tiers choice, or `undefined` when it never existed or ran out. */
  pendingTiers(): { account: MockAccount; tiersIds: readonly string[] } | undefined {
    const pending = this.#pending;
    if (!pending) return undefined;
    if (pending.expiresAt.getTime() <= this.now().getTime()) {
      this.#pending = null;
      return undefined;
    }
    const account = this.account(pending.accountId);
    return account && { account, tiersIds: pending.tiersIds };
  }

  // ---- Login throttle ---------------------------------------------------------------------------------

  /**
   * When the login `email` is locked, the end of the lock. Keyed by the typed email whether or not an
   * account exists, so that a lock does not reveal which emails are known.
   */
  lockedUntil(email: string): Date | null {
    const record = this.#throttle.get(normaliseEmail(email));
    if (!record?.lockedUntil) return null;
    return record.lockedUntil.getTime() > this.now().getTime() ? record.lockedUntil : null;
  }

  /** Counts a failed password; returns the end of the lock when this failure locks the login. */
  recordLoginFailure(email: string): Date | null {
    const key = normaliseEmail(email);
    const now = this.now();
    let record = this.#throttle.get(key);
    if (!record || (record.lastFailureAt && now.getTime() - record.lastFailureAt.getTime() > LIMITS.loginFailureMemory)) {
      record = { failures: 0, lockedUntil: null };
    }
    record.failures += 1;
    record.lastFailureAt = now;
    // Re-inserted last: the map stays ordered from the stalest to the freshest failure.
    this.#throttle.delete(key);
    this.#throttle.set(key, record);
    this.#forgetStaleFailures(now);
    if (record.failures < LIMITS.freeLoginFailures) return null;
    // 1 min at the 5th failure, then doubling at each failure after a lock ends, capped at 15 min.
    const delay = Math.min(LIMITS.maxLock, LIMITS.firstLock * 2 ** (record.failures - LIMITS.freeLoginFailures));
    record.lockedUntil = new Date(this.now().getTime() + delay);
    return record.lockedUntil;
  }

  /**
   * Unknown emails are counted too (so that a lock reveals nothing): keep the map bounded by forgetting
   * the stalest logins that are not locked. A locked login is never forgotten before its lock ends.
   */
  #forgetStaleFailures(now: Date): void {
    if (this.#throttle.size <= LIMITS.loginFailuresKept) return;
    for (const [key, record] of this.#throttle) {
      if (this.#throttle.size <= LIMITS.loginFailuresKept) break;
      if (!record.lockedUntil || record.lockedUntil.getTime() <= now.getTime()) this.#throttle.delete(key);
    }
  }

  clearLoginFailures(email: string): void {
    this.#throttle.delete(normaliseEmail(email));
  }

  // ---- Outgoing messages -----------------------------------------------------------------------------

  /**
   * Whether one more message of `family` may go to `target` (3 per 10 minutes). Counting happens only
   * when a message is really sent, and the caller still answers 202: the limit reveals nothing.
   */
  maySend(family: string, target: string): boolean {
    const key = `${family}:${target.trim().toLowerCase()}`;
    const since = this.now().getTime() - LIMITS.messageWindow;
    const recent = (this.#sent.get(key) ?? []).filter((d) => d.getTime() > since);
    this.#sent.set(key, recent);
    if (recent.length >= LIMITS.messagesPerWindow) return false;
    recent.push(this.now());
    return true;
  }

  linkBase(): string {
    if (this.#linkBase !== undefined) return this.#linkBase;
    const location = (globalThis as { location?: { origin: string; pathname: string } }).location;
    return location ? `${location.origin}${location.pathname}` : 'http://localhost/';
  }

  /**
   * Issues a single-use link for `account` and emails it. An earlier unused link of the same purpose
   * stops working: only the newest email is valid.
   */
  sendLinkEmail(account: MockAccount, purpose: LinkPurpose): void {
    for (const record of this.#links.values()) {
      if (record.accountId === account.id && record.purpose === purpose) record.used = true;
    }
    const token = randomToken();
    const ttl = purpose === 'reset' ? LIMITS.resetLinkTtl : LIMITS.activationLinkTtl;
    this.#links.set(token, { accountId: account.id, purpose, expiresAt: new Date(this.now().getTime() + ttl), used: false });
    const action = purpose === 'reset' ? 'reset-password' : 'activate';
    const link = `${this.linkBase()}#action=${action}&token=${token}`;
    const hello = `Bonjour ${account.firstName} ${account.lastName},`;
    const notYou = 'Si vous n’êtes pas à l’origine de cette demande, ignorez ce message.';
    const sign = 'Votre caisse CIBTP';
    const templates: Record<LinkPurpose, { subject: string; text: string }> = {
      reset: {
        subject: 'Réinitialisation de votre mot de passe',
        text: 'Vous avez demandé à réinitialiser le mot de passe de votre espace sécurisé. '
          + 'Ce lien est valable 30 minutes et ne sert qu’une fois :',
      },
      activation: {
        subject: 'Activez votre espace sécurisé',
        text: 'Pour activer votre espace sécurisé et certifier votre adresse électronique, '
          + 'suivez ce lien, valable 48 heures et utilisable une seule fois :',
      },
      certification: {
        subject: 'Renouvelez la certification de votre adresse électronique',
        text: 'La certification de votre adresse électronique doit être renouvelée. '
          + 'Suivez ce lien, valable 48 heures et utilisable une seule fois :',
      },
    };
    const { subject, text } = templates[purpose];
    this.outbox.send({
      kind: 'email',
      to: account.email,
      subject,
      body: `${hello}\n\n${text}\n${link}\n\n${notYou}\n\n${sign}`,
      link,
    });
  }

  /**
   * The record behind a link token, consumed. Unknown and already used tokens are the same
   * `link-invalid`; an expired one is `link-expired` (the page then offers a new link).
   */
  consumeLink(token: string, purposes: readonly LinkPurpose[]): { account: MockAccount; purpose: LinkPurpose } {
    const record = this.#links.get(token);
    const account = record && this.account(record.accountId);
    if (!record || !account || record.used || !purposes.includes(record.purpose)) {
      throw new MockHttpError(404, { code: 'link-invalid' });
    }
    if (record.expiresAt.getTime() <= this.now().getTime()) throw new MockHttpError(410, { code: 'link-expired' });
    record.used = true;
    return { account, purpose: record.purpose };
  }

  /** The account and purpose of a link, even expired (to send a fresh one); not consumed. */
  peekLink(token: string): { account: MockAccount; purpose: LinkPurpose } | undefined {
    const record = this.#links.get(token);
    const account = record && this.account(record.accountId);
    return record && account ? { account, purpose: record.purpose } : undefined;
  }

  sendConfidentialCodeLetter(site: MockSite): void {
    const company = this.db.companies.find((c) => c.id === site.companyId);
    // A new code replaces the previous one, as the caisse's *Courrier informatique* does.
    site.confidentialCode = `${randomDigits(4)}-${randomDigits(4)}`;
    this.outbox.send({
      kind: 'letter',
      to: (company?.address ?? [site.name]).join(', '),
      subject: 'Courrier informatique — votre code confidentiel provisoire',
      body: 'Madame, Monsieur,\n\nUn nouveau code confidentiel vous est adressé par courrier. '
        + `Il vous permet de créer votre espace sécurisé ou d’y associer l’établissement ${site.name} `
        + `(identifiant CIBTP ${site.identifiantCibtp}).\n\nCode confidentiel provisoire : ${site.confidentialCode}\n\n`
        + 'Votre caisse CIBTP',
      code: site.confidentialCode,
    });
  }

  // ---- One-time codes --------------------------------------------------------------------------------

  /** Starts a challenge for this login attempt and texts its code to the certified mobile. */
  startOtpChallenge(account: MockAccount): OtpChallengeRecord {
    // One live challenge per account: a new login attempt voids the previous one.
    for (const [id, c] of this.#challenges) if (c.accountId === account.id) this.#challenges.delete(id);
    const now = this.now().getTime();
    const challenge: OtpChallengeRecord = {
      id: randomToken(16),
      accountId: account.id,
      code: randomDigits(6),
      expiresAt: new Date(now + LIMITS.otpTtl),
      attemptsLeft: LIMITS.otpAttempts,
      resends: 0,
      resendAvailableAt: new Date(now + LIMITS.otpResendDelay),
    };
    this.#challenges.set(challenge.id, challenge);
    this.#textCode(account, challenge);
    return challenge;
  }

  /** A live challenge, or 410 otp-expired when it is unknown, used up or out of time. */
  liveChallenge(id: string): OtpChallengeRecord {
    const challenge = this.#challenges.get(id);
    if (!challenge || challenge.expiresAt.getTime() <= this.now().getTime() || challenge.attemptsLeft <= 0) {
      this.#challenges.delete(id);
      throw new MockHttpError(410, { code: 'otp-expired' });
    }
    return challenge;
  }

  burnChallenge(id: string): void {
    this.#challenges.delete(id);
  }

  /** A new code for the same challenge: the old code stops working, attempts and lifetime restart. */
  renewOtpCode(challenge: OtpChallengeRecord, account: MockAccount): void {
    const now = this.now().getTime();
    challenge.code = randomDigits(6);
    challenge.resends += 1;
    challenge.attemptsLeft = LIMITS.otpAttempts;
    challenge.expiresAt = new Date(now + LIMITS.otpTtl);
    challenge.resendAvailableAt = new Date(now + LIMITS.otpResendDelay);
    this.#textCode(account, challenge);
  }

  otpView(challenge: OtpChallengeRecord): {
    id: string; channel: 'sms'; maskedPhone: string; expiresAt: string; resendAvailableAt: string;
  } {
    const account = this.account(challenge.accountId);
    return {
      id: challenge.id,
      channel: 'sms',
      maskedPhone: maskPhone(account?.mobile?.number ?? ''),
      expiresAt: challenge.expiresAt.toISOString(),
      resendAvailableAt: challenge.resendAvailableAt.toISOString(),
    };
  }

  #textCode(account: MockAccount, challenge: OtpChallengeRecord): void {
    if (!account.mobile?.certified) throw new Error('one-time codes go only to a certified mobile');
    this.outbox.send({
      kind: 'sms',
      to: account.mobile.number,
      subject: 'Code de connexion',
      body: `CIBTP : votre code de connexion est ${challenge.code}. Il est valable 5 minutes. `
        + 'Ne le communiquez à personne, même à un conseiller de votre caisse.',
      code: challenge.code,
    });
  }
}
