/**
 * The backend's mutable state and its security mechanisms: CSRF tokens, the session "cookie",
 * the login throttle, one-time code challenges, email links, message rate limits. Route handlers
 * (`routes/*.ts`) combine these into the flows; every rule is documented in `README.md`.
 */
import { resetPasswordRequest } from '../sdk/schemas/auth.js';
import type { PasswordPolicy, Session, Tiers } from '../sdk/schemas/common.js';
import { registerCompanyRequest, registerWorkerRequest } from '../sdk/schemas/registration.js';
import { maskPhone } from '../sdk/rules/identifiers.js';
import { DEFAULT_PASSWORD_POLICY } from '../sdk/rules/password.js';
import { type RightsGrant } from '../sdk/rules/rights.js';
import { effectiveGrant } from '../sdk/rules/delegation.js';
import type { DelegationStatus } from '../sdk/schemas/rights.js';
import {
  createSeedDb, DEMO_ACCOUNTS, findAccountById, normaliseEmail, parisDate, rightsOf, tiersView,
  type CivilStatus, type MockAccount, type MockDb, type MockDelegation, type MockSite,
} from './db.js';
import { MockHttpError, rateLimited } from './http-error.js';
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
  /** A mobile's certification code (signup, account settings): same attempts and resends as a login code. */
  phoneCodeTtl: 10 * MINUTE,
  /** SMS of certification codes (sends and resends) one number receives per `messageWindow`. */
  phoneCodesPerWindow: 5,
  /** How long a certified number's proof lasts, to finish the form it was made for. */
  phoneCertificateTtl: 30 * MINUTE,
  /** The ticket of a signup or association step 1, for its step 2. */
  signupTicketTtl: 30 * MINUTE,
  /** A FranceConnect round trip (start → return) and the identifiant question after it. */
  franceConnectTtl: 10 * MINUTE,
  /** Wrong identifiants CIBTP a FranceConnect identity may give before starting again. */
  franceConnectLinkAttempts: 3,
  /** Most tickets, certificates and FranceConnect logins kept (each kind): beyond, the oldest go. */
  pendingKept: 1_000,
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
  /**
   * Session slots (one per cookie of the HTTP mock) kept at most: beyond, the least recently used go.
   * The browser and Node-interception mocks use one slot only.
   */
  sessionSlotsKept: 1_000,
  /**
   * A slot unused this long is forgotten. Twice the session's lifetime, so that a session that ran out
   * still answers `session-expired` (once) before its cookie is forgotten.
   */
  sessionSlotIdle: 60 * MINUTE,
});

/**
 * `welcome`: the first link of a delegate whose login the delegation created. It opens the
 * reset-password page (`#action=reset-password`): following it, the delegate chooses its password, which
 * activates the login and certifies its email (the activation link alone would leave it without one).
 */
export type LinkPurpose = 'reset' | 'activation' | 'certification' | 'welcome';

/** The accounting firm's links: *Compléter son compte*, and the administrator's confirmation. */
export type DelegationLinkPurpose = 'complete-account' | 'confirm-delegation';

interface DelegationLinkRecord {
  siteId: string;
  delegationId: string;
  purpose: DelegationLinkPurpose;
  expiresAt: Date;
  used: boolean;
}

interface LinkRecord {
  accountId: string;
  purpose: LinkPurpose;
  expiresAt: Date;
  used: boolean;
}

/** A code sent by SMS, with its lifetime, attempts and resends: a login's or a mobile certification's. */
export interface CodeChallenge {
  id: string;
  code: string;
  expiresAt: Date;
  attemptsLeft: number;
  resends: number;
  resendAvailableAt: Date;
}

/** A login's one-time code, for one login attempt of one account. */
export interface OtpChallengeRecord extends CodeChallenge {
  accountId: string;
}

/** The certification of a mobile number: no account yet (signup), the number itself is what is proved. */
export interface PhoneChallengeRecord extends CodeChallenge {
  phone: string;
}

/** What a signup or association ticket stands for: the record identified at step 1. */
export type TicketSubject =
  | { kind: 'company'; purpose: 'signup' | 'associate'; siteId: string }
  | { kind: 'worker'; workerId: string }
  | { kind: 'franceconnect'; identity: CivilStatus; attemptsLeft: number };

interface Expiring {
  expiresAt: Date;
}

interface TicketRecord extends Expiring {
  subject: TicketSubject;
}

interface CertificateRecord extends Expiring {
  phone: string;
}

interface FranceConnectLogin extends Expiring {
  codes: Record<'matched' | 'unmatched', string>;
}

interface SessionRecord {
  accountId: string;
  tiersId: string | null;
  expiresAt: Date;
}

interface PendingTiers {
  accountId: string;
  expiresAt: Date;
}

/**
 * What a session cookie stands for: its session, its pending tiers choice and its CSRF tokens. `change`
 * says whether a session started or ended since the slot was picked (the HTTP layer then issues a new
 * cookie, or clears it).
 */
interface SessionSlot {
  csrf: string[];
  session: SessionRecord | null;
  pending: PendingTiers | null;
  lastUsed: number;
  change: SessionChange | null;
}

/** `started`: a login succeeded (session or pending tiers choice); `ended`: logout, or the session ran out. */
export type SessionChange = 'started' | 'ended';

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
  /** The simulated FranceConnect page; default `/franceconnect.html` on the current origin. */
  franceConnectPage?: string;
}

/**
 * Compares without stopping at the first difference, so that the time taken says as little as possible
 * about the secret (ASVS 6.3.8 "similar timing").
 */
export function sameSecret(expected: string, given: string): boolean {
  const a = new TextEncoder().encode(expected);
  const b = new TextEncoder().encode(given);
  let diff = a.length ^ b.length;
  for (let i = 0; i < Math.max(a.length, b.length); i++) diff |= (a[i] ?? 0) ^ (b[i] ?? 0);
  return diff === 0;
}

/**
 * A map of short-lived records, bounded: what runs out goes on the next write, and beyond `LIMITS.pendingKept`
 * the oldest go. Unauthenticated calls create these records, so none may grow without limit.
 */
class ExpiringMap<T extends Expiring> {
  readonly #items = new Map<string, T>();
  readonly #now: () => Date;

  constructor(now: () => Date) {
    this.#now = now;
  }

  set(key: string, value: T): void {
    const now = this.#now().getTime();
    for (const [old, item] of this.#items) {
      if (item.expiresAt.getTime() <= now || this.#items.size >= LIMITS.pendingKept) this.#items.delete(old);
    }
    this.#items.set(key, value);
  }

  /** The record while it is live; an expired one is reported as `'expired'` (and forgotten). */
  get(key: string): T | 'expired' | undefined {
    const item = this.#items.get(key);
    if (!item) return undefined;
    if (item.expiresAt.getTime() <= this.#now().getTime()) {
      this.#items.delete(key);
      return 'expired';
    }
    return item;
  }

  delete(key: string): void {
    this.#items.delete(key);
  }

  deleteWhere(predicate: (item: T) => boolean): void {
    for (const [key, item] of this.#items) if (predicate(item)) this.#items.delete(key);
  }

  clear(): void {
    this.#items.clear();
  }
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
  /** `registerCompany`'s and `registerWorker`'s inputs under that policy. */
  readonly registerCompanyRequest: ReturnType<typeof registerCompanyRequest>;
  readonly registerWorkerRequest: ReturnType<typeof registerWorkerRequest>;
  readonly #franceConnectPage: string | undefined;

  /** The slot of the request being answered; the default one unless the HTTP layer picked another. */
  #slot: SessionSlot = newSlot(0);
  #defaultSlot: SessionSlot = this.#slot;
  /** Slots picked by id (`useSlot`), least recently used first. */
  #slots = new Map<string, SessionSlot>();
  #challenges = new Map<string, OtpChallengeRecord>();
  #phoneChallenges: ExpiringMap<PhoneChallengeRecord>;
  #certificates: ExpiringMap<CertificateRecord>;
  #tickets: ExpiringMap<TicketRecord>;
  #franceConnect: ExpiringMap<FranceConnectLogin>;
  #links = new Map<string, LinkRecord>();
  #delegationLinks = new Map<string, DelegationLinkRecord>();
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
    this.registerCompanyRequest = registerCompanyRequest(this.passwordPolicy);
    this.registerWorkerRequest = registerWorkerRequest(this.passwordPolicy);
    this.#franceConnectPage = options.franceConnectPage;
    this.#phoneChallenges = new ExpiringMap(this.now);
    this.#certificates = new ExpiringMap(this.now);
    this.#tickets = new ExpiringMap(this.now);
    this.#franceConnect = new ExpiringMap(this.now);
    this.reset();
  }

  /** Back to the seed: fresh data, no session, the demo scenarios' initial state, empty outbox. */
  reset(): void {
    const now = this.now();
    this.db = createSeedDb(now);
    this.#defaultSlot = newSlot(now.getTime());
    this.#slot = this.#defaultSlot;
    this.#slots.clear();
    this.#challenges.clear();
    this.#phoneChallenges.clear();
    this.#certificates.clear();
    this.#tickets.clear();
    this.#franceConnect.clear();
    this.#links.clear();
    this.#delegationLinks.clear();
    this.#throttle.clear();
    this.#sent.clear();
    this.idempotency.clear();
    this.outbox.clear();
    // bloque@: locked for the longest delay, as if someone had kept guessing its password.
    this.#throttle.set(throttleKey('login', DEMO_ACCOUNTS.locked), { failures: 9, lockedUntil: new Date(now.getTime() + LIMITS.maxLock) });
    // nouveau@: its activation email is already waiting, so a person can follow it in the outbox.
    const fresh = this.db.accounts.find((a) => a.email === DEMO_ACCOUNTS.notActivated);
    if (fresh) this.sendLinkEmail(fresh, 'activation');
  }

  // ---- Session slots ------------------------------------------------------------------------------

  /**
   * Answers the next calls from the slot `id` (one per cookie of the HTTP mock), made empty when unknown;
   * without an id, from the default slot (the browser and Node-interception mocks). Not reentrant: the
   * caller answers one request at a time. Slots unused for `LIMITS.sessionSlotIdle` are forgotten, and
   * the least recently used beyond `LIMITS.sessionSlotsKept`.
   */
  useSlot(id?: string): void {
    if (id === undefined) {
      this.#slot = this.#defaultSlot;
      this.#slot.change = null;
      return;
    }
    const now = this.now().getTime();
    for (const [key, slot] of this.#slots) {
      if (now - slot.lastUsed < LIMITS.sessionSlotIdle && this.#slots.size < LIMITS.sessionSlotsKept) break;
      if (key !== id) this.#slots.delete(key);
    }
    const slot = this.#slots.get(id) ?? newSlot(now);
    // Re-inserted last: the map stays ordered from the least to the most recently used.
    this.#slots.delete(id);
    slot.lastUsed = now;
    slot.change = null;
    this.#slots.set(id, slot);
    this.#slot = slot;
  }

  /** Whether `id` names a live slot (an unknown or forgotten cookie gets a fresh one under a new id). */
  hasSlot(id: string): boolean {
    const slot = this.#slots.get(id);
    return slot !== undefined && this.now().getTime() - slot.lastUsed < LIMITS.sessionSlotIdle;
  }

  /** Whether a session started or ended on the current slot since `useSlot`. */
  slotChange(): SessionChange | null {
    return this.#slot.change;
  }

  /** The slot `from` goes on under the id `to` (a new cookie once a session starts: no session fixation). */
  moveSlot(from: string, to: string): void {
    const slot = this.#slots.get(from);
    this.#slots.delete(from);
    if (slot) this.#slots.set(to, slot);
  }

  dropSlot(id: string): void {
    const slot = this.#slots.get(id);
    this.#slots.delete(id);
    if (slot === this.#slot) this.#slot = this.#defaultSlot;
  }

  // The current slot's parts, under the names the rest of the class uses.
  get #csrf(): string[] {
    return this.#slot.csrf;
  }

  set #csrf(tokens: string[]) {
    this.#slot.csrf = tokens;
  }

  get #session(): SessionRecord | null {
    return this.#slot.session;
  }

  set #session(record: SessionRecord | null) {
    this.#slot.session = record;
  }

  get #pending(): PendingTiers | null {
    return this.#slot.pending;
  }

  set #pending(record: PendingTiers | null) {
    this.#slot.pending = record;
  }

  *#allSlots(): Iterable<SessionSlot> {
    yield this.#defaultSlot;
    yield* this.#slots.values();
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
    this.#slot.change = 'started';
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
      this.#slot.change = 'ended';
      throw new MockHttpError(401, { code: 'session-expired' });
    }
    record.expiresAt = new Date(this.now().getTime() + LIMITS.sessionTtl);
    return this.#sessionView();
  }

  /** The tiers of the running session (`null` before a choice), without extending the session. */
  sessionTiersId(): string | null {
    const record = this.#session;
    return record && record.expiresAt.getTime() > this.now().getTime() ? record.tiersId : null;
  }

  /** The account signed in now, if any, without extending the session. */
  sessionAccount(): MockAccount | undefined {
    const record = this.#session;
    if (!record || record.expiresAt.getTime() <= this.now().getTime()) return undefined;
    return this.account(record.accountId);
  }

  endSession(): void {
    this.#endSlot(this.#slot);
  }

  /** A slot's session and pending tiers choice end, and with them its CSRF tokens. */
  #endSlot(slot: SessionSlot): void {
    slot.session = null;
    slot.pending = null;
    slot.csrf = [];
    if (slot === this.#slot) slot.change = 'ended';
  }

  /** After a password reset: the account's sessions (every slot), pending tiers choices and code challenges end. */
  revokeAccount(accountId: string): void {
    for (const slot of this.#allSlots()) {
      if (slot.session?.accountId === accountId) this.#endSlot(slot);
      if (slot.pending?.accountId === accountId) slot.pending = null;
    }
    for (const [id, c] of this.#challenges) if (c.accountId === accountId) this.#challenges.delete(id);
  }

  /** Test hook: every session runs out now; the next authenticated call answers 401 session-expired. */
  expireSession(): void {
    const past = new Date(this.now().getTime() - 1);
    for (const slot of this.#allSlots()) {
      if (slot.session) slot.session.expiresAt = past;
      if (slot.pending) slot.pending.expiresAt = past;
    }
  }

  #sessionView(): Session | null {
    const record = this.#session;
    const account = record && this.account(record.accountId);
    if (!record || !account) return null;
    const siteIds = this.siteIdsOf(account);
    const tiers: Tiers | null = record.tiersId !== null && siteIds.includes(record.tiersId)
      ? (tiersView(this.db, record.tiersId) ?? null)
      : null;
    return {
      user: { email: account.email, firstName: account.firstName, lastName: account.lastName, kind: account.kind },
      tiers,
      tiersCount: siteIds.length,
      expiresAt: record.expiresAt.toISOString(),
    };
  }

  // ---- Delegations: what a login may act for ---------------------------------------------------------

  /** Today in the caisse's time zone (`YYYY-MM-DD`, Europe/Paris), on the backend's clock. */
  today(): string {
    return parisDate(this.now());
  }

  /**
   * *Inactif* when closed or once its date de fin has come (access ends that day); *En attente* while the
   * delegate's login is not activated, the firm has not completed its account or the administrator has not
   * confirmed it, or before the date d'effet; else *Actif*.
   */
  delegationStatus(d: MockDelegation, today: string = this.today()): DelegationStatus {
    if (d.closed || (d.endDate !== null && d.endDate <= today)) return 'inactive';
    const activated = d.external ? d.external.activated : d.accountId !== null && this.account(d.accountId)?.activated === true;
    if (!activated || !d.completed || !d.confirmed || d.effectiveDate > today) return 'pending';
    return 'active';
  }

  /** The active delegation that lets `account` act for `siteId`, if any. */
  activeDelegation(account: MockAccount, siteId: string, today: string = this.today()): MockDelegation | undefined {
    return this.db.delegations.ofAccount(account.id).find((d) => d.siteId === siteId && this.delegationStatus(d, today) === 'active');
  }

  /**
   * The tiers `account` may act for now: its own (seeded, signed up or associated), then those of its active
   * delegations. Computed at every request, so that a date de fin, a closing or a deletion removes access.
   */
  siteIdsOf(account: MockAccount): string[] {
    const delegated = this.db.delegations.ofAccount(account.id);
    if (delegated.length === 0) return account.siteIds;
    const today = this.today();
    const ids = [...account.siteIds];
    for (const d of delegated) {
      if (!ids.includes(d.siteId) && this.delegationStatus(d, today) === 'active') ids.push(d.siteId);
    }
    return ids;
  }

  /** What `account` holds on `siteId` now: its own rights, else its active delegation's, else nothing. */
  rightsOn(account: MockAccount, siteId: string): RightsGrant {
    if (account.siteIds.includes(siteId)) return rightsOf(account, siteId);
    const d = this.activeDelegation(account, siteId);
    return d ? effectiveGrant(d.rights) : { administrator: false, colleges: [], functions: {} };
  }

  /**
   * The tiers' administrators: its own (activated company logins holding everything) and the active
   * administrator delegates. They receive the firm's confirmation request.
   */
  administratorsOf(siteId: string): MockAccount[] {
    const today = this.today();
    const own = this.db.accounts.filter((a) => a.kind === 'entreprise' && a.activated && a.siteIds.includes(siteId) && rightsOf(a, siteId).administrator);
    const delegates = this.db.delegations.ofSite(siteId)
      .filter((d) => d.role === 'administrateur' && d.accountId !== null && this.delegationStatus(d, today) === 'active')
      .flatMap((d) => this.account(d.accountId ?? '') ?? []);
    return [...new Set([...own, ...delegates])];
  }

  /** A single-use link for the firm's flow (48 hours, as an activation link). */
  issueDelegationLink(d: MockDelegation, purpose: DelegationLinkPurpose): string {
    const token = randomToken();
    this.#delegationLinks.set(token, {
      siteId: d.siteId, delegationId: d.id, purpose, expiresAt: new Date(this.now().getTime() + LIMITS.activationLinkTtl), used: false,
    });
    return token;
  }

  /**
   * The delegation behind a firm's link: `404 link-invalid` when unknown, used, of another purpose, or when
   * its delegation is gone or inactive; `410 link-expired` once out of time. `consume` spends it.
   */
  delegationLink(token: string, purpose: DelegationLinkPurpose, consume: boolean): MockDelegation {
    const record = this.#delegationLinks.get(token);
    const d = record && this.db.delegations.find(record.siteId, record.delegationId);
    if (!record || !d || record.used || record.purpose !== purpose || this.delegationStatus(d) === 'inactive') {
      throw new MockHttpError(404, { code: 'link-invalid' });
    }
    if (record.expiresAt.getTime() <= this.now().getTime()) throw new MockHttpError(410, { code: 'link-expired' });
    if (consume) record.used = true;
    return d;
  }

  /** Spends every link of `d` (of `purpose`, or all): once confirmed from the list, the emailed links die. */
  voidDelegationLinks(d: MockDelegation, purpose?: DelegationLinkPurpose): void {
    for (const record of this.#delegationLinks.values()) {
      if (record.delegationId === d.id && record.siteId === d.siteId && (!purpose || record.purpose === purpose)) record.used = true;
    }
  }

  // ---- Tiers choice ---------------------------------------------------------------------------------

  /** Remembers an authenticated login that still has to pick its tiers (as a short-lived cookie would). */
  rememberPendingTiers(account: MockAccount): void {
    this.#pending = {
      accountId: account.id,
      expiresAt: new Date(this.now().getTime() + LIMITS.pendingTiersTtl),
    };
    // Past the password: as a session start, the cookie changes (no session fixation).
    this.#slot.change = 'started';
  }

  /** The login waiting for a tiers choice, or `undefined` when it never existed or ran out. */
  pendingTiers(): { account: MockAccount } | undefined {
    const pending = this.#pending;
    if (!pending) return undefined;
    if (pending.expiresAt.getTime() <= this.now().getTime()) {
      this.#pending = null;
      return undefined;
    }
    const account = this.account(pending.accountId);
    return account && { account };
  }

  // ---- Failure throttle (logins, identifications) ---------------------------------------------------

  /**
   * When the login `email` is locked, the end of the lock. Keyed by the typed email whether or not an
   * account exists, so that a lock does not reveal which emails are known.
   */
  lockedUntil(email: string): Date | null {
    return this.#lockedUntil(throttleKey('login', email));
  }

  /** Counts a failed password; returns the end of the lock when this failure locks the login. */
  recordLoginFailure(email: string): Date | null {
    return this.#recordFailure(throttleKey('login', email));
  }

  clearLoginFailures(email: string): void {
    this.#throttle.delete(throttleKey('login', email));
  }

  /**
   * The same rule for signup identifications, keyed by the identifiant CIBTP typed (`site` for the
   * company wizards, `worker` for the worker's): an unknown identifiant is counted and locked like a
   * known one, so the lock says nothing about whether it exists.
   */
  identificationLockedUntil(scope: IdentificationScope, identifiantCibtp: string): Date | null {
    return this.#lockedUntil(throttleKey(scope, identifiantCibtp));
  }

  recordIdentificationFailure(scope: IdentificationScope, identifiantCibtp: string): Date | null {
    return this.#recordFailure(throttleKey(scope, identifiantCibtp));
  }

  clearIdentificationFailures(scope: IdentificationScope, identifiantCibtp: string): void {
    this.#throttle.delete(throttleKey(scope, identifiantCibtp));
  }

  #lockedUntil(key: string): Date | null {
    const record = this.#throttle.get(key);
    if (!record?.lockedUntil) return null;
    return record.lockedUntil.getTime() > this.now().getTime() ? record.lockedUntil : null;
  }

  #recordFailure(key: string): Date | null {
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

  // ---- Outgoing messages -----------------------------------------------------------------------------

  /**
   * Whether one more message of `family` may go to `target` (3 per 10 minutes). Counting happens only
   * when a message is really sent, and the caller still answers 202: the limit reveals nothing.
   */
  maySend(family: string, target: string, perWindow: number = LIMITS.messagesPerWindow): boolean {
    return this.#sendSlot(family, target, perWindow) === null;
  }

  /**
   * Counts one message of `family` to `target` when the window allows it (`null`); otherwise answers when
   * the next one may go (the oldest message of the window leaves it then), counting nothing.
   */
  #sendSlot(family: string, target: string, perWindow: number): Date | null {
    const key = `${family}:${target.trim().toLowerCase()}`;
    const since = this.now().getTime() - LIMITS.messageWindow;
    const recent = (this.#sent.get(key) ?? []).filter((d) => d.getTime() > since);
    this.#sent.set(key, recent);
    const oldest = recent[0];
    if (recent.length >= perWindow && oldest) return new Date(oldest.getTime() + LIMITS.messageWindow);
    recent.push(this.now());
    return null;
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
  sendLinkEmail(account: MockAccount, requested: LinkPurpose, welcome?: { company: string }): void {
    // A login created by a delegation has no password: its activation link lets it choose one.
    const purpose: LinkPurpose = requested === 'activation' && account.password === '' ? 'welcome' : requested;
    for (const record of this.#links.values()) {
      if (record.accountId === account.id && record.purpose === purpose) record.used = true;
    }
    const token = randomToken();
    const ttl = purpose === 'reset' ? LIMITS.resetLinkTtl : LIMITS.activationLinkTtl;
    this.#links.set(token, { accountId: account.id, purpose, expiresAt: new Date(this.now().getTime() + ttl), used: false });
    const action = purpose === 'reset' || purpose === 'welcome' ? 'reset-password' : 'activate';
    const link = `${this.linkBase()}#action=${action}&token=${token}`;
    const named = `${account.firstName} ${account.lastName}`.trim();
    const hello = named ? `Bonjour ${named},` : 'Bonjour,';
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
      welcome: {
        subject: 'Activez votre espace sécurisé',
        text: `${welcome ? `L’entreprise ${welcome.company} vous a délégué des droits d’accès à son espace sécurisé. ` : ''}`
          + 'Pour activer votre compte utilisateur, choisissez votre mot de passe à l’aide de ce lien, '
          + 'valable 48 heures et utilisable une seule fois :',
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
    // A welcome link is followed on the reset-password page.
    const accepted = record !== undefined && (purposes.includes(record.purpose) || (record.purpose === 'welcome' && purposes.includes('reset')));
    if (!record || !account || record.used || !accepted) {
      throw new MockHttpError(404, { code: 'link-invalid' });
    }
    if (record.expiresAt.getTime() <= this.now().getTime()) throw new MockHttpError(410, { code: 'link-expired' });
    record.used = true;
    // Choosing its first password from the emailed link proves the mailbox, as activation does (a reset
    // link of a login that never had a password counts the same).
    if (record.purpose === 'welcome' || (record.purpose === 'reset' && account.password === '')) {
      account.activated = true;
      account.emailCertifiedUntil = new Date(this.now().getTime() + LIMITS.certificationValidity);
    }
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
    site.confidentialCode = randomDigits(8);
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
    if (!account.mobile?.certified) throw new Error('one-time codes go only to a certified mobile');
    // One live challenge per account: a new login attempt voids the previous one.
    for (const [id, c] of this.#challenges) if (c.accountId === account.id) this.#challenges.delete(id);
    const challenge: OtpChallengeRecord = { ...this.#newChallenge(LIMITS.otpTtl), accountId: account.id };
    this.#challenges.set(challenge.id, challenge);
    this.#textLoginCode(account, challenge);
    return challenge;
  }

  /** A live challenge, or 410 otp-expired when it is unknown, used up or out of time. */
  liveChallenge(id: string): OtpChallengeRecord {
    const challenge = this.#challenges.get(id);
    if (!challenge || !isLive(challenge, this.now())) {
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
    this.#renew(challenge, LIMITS.otpTtl);
    this.#textLoginCode(account, challenge);
  }

  otpView(challenge: OtpChallengeRecord): ChallengeView {
    return this.#challengeView(challenge, this.account(challenge.accountId)?.mobile?.number ?? '');
  }

  /**
   * Checks a typed code against a live challenge: a wrong one costs an attempt (`otp-invalid` with what is
   * left) and the last wrong one burns the challenge (`burn`), after which it answers `otp-expired`.
   * Right, the caller burns the challenge (a code works once).
   */
  checkCode(challenge: CodeChallenge, code: string, burn: () => void): void {
    if (sameSecret(challenge.code, code)) return;
    challenge.attemptsLeft -= 1;
    if (challenge.attemptsLeft <= 0) burn();
    throw new MockHttpError(401, { code: 'otp-invalid', attemptsLeft: Math.max(0, challenge.attemptsLeft) });
  }

  /** Refuses a resend that comes too early (`resendAvailableAt`) or beyond `LIMITS.otpMaxResends` (429). */
  checkResend(challenge: CodeChallenge): void {
    const now = this.now();
    // No more resends for this challenge: the user may retry once it has run out (then starts again).
    if (challenge.resends >= LIMITS.otpMaxResends) throw rateLimited(challenge.expiresAt, now);
    if (challenge.resendAvailableAt.getTime() > now.getTime()) throw rateLimited(challenge.resendAvailableAt, now);
  }

  #newChallenge(ttl: number): CodeChallenge {
    const now = this.now().getTime();
    return {
      id: randomToken(16),
      code: randomDigits(6),
      expiresAt: new Date(now + ttl),
      attemptsLeft: LIMITS.otpAttempts,
      resends: 0,
      resendAvailableAt: new Date(now + LIMITS.otpResendDelay),
    };
  }

  #renew(challenge: CodeChallenge, ttl: number): void {
    const now = this.now().getTime();
    challenge.code = randomDigits(6);
    challenge.resends += 1;
    challenge.attemptsLeft = LIMITS.otpAttempts;
    challenge.expiresAt = new Date(now + ttl);
    challenge.resendAvailableAt = new Date(now + LIMITS.otpResendDelay);
  }

  #challengeView(challenge: CodeChallenge, phone: string): ChallengeView {
    return {
      id: challenge.id,
      channel: 'sms',
      maskedPhone: maskPhone(phone),
      expiresAt: challenge.expiresAt.toISOString(),
      resendAvailableAt: challenge.resendAvailableAt.toISOString(),
    };
  }

  #textLoginCode(account: MockAccount, challenge: CodeChallenge): void {
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

  // ---- Mobile certification ----------------------------------------------------------------------------

  /**
   * Texts a certification code to `phone`. One live challenge per number (a new one voids the previous);
   * at most `LIMITS.phoneCodesPerWindow` SMS per number and window, sends and resends together, so that
   * the form cannot be used to flood someone's phone (429 with the time the next one may go).
   */
  startPhoneChallenge(phone: string): PhoneChallengeRecord {
    this.#takePhoneSlot(phone);
    this.#phoneChallenges.deleteWhere((c) => c.phone === phone);
    const challenge: PhoneChallengeRecord = { ...this.#newChallenge(LIMITS.phoneCodeTtl), phone };
    this.#phoneChallenges.set(challenge.id, challenge);
    this.#textPhoneCode(challenge);
    return challenge;
  }

  /** A live certification challenge, or 410 otp-expired. */
  livePhoneChallenge(id: string): PhoneChallengeRecord {
    const challenge = this.#phoneChallenges.get(id);
    if (!challenge || challenge === 'expired' || !isLive(challenge, this.now())) {
      this.#phoneChallenges.delete(id);
      throw new MockHttpError(410, { code: 'otp-expired' });
    }
    return challenge;
  }

  burnPhoneChallenge(id: string): void {
    this.#phoneChallenges.delete(id);
  }

  renewPhoneCode(challenge: PhoneChallengeRecord): void {
    this.checkResend(challenge);
    this.#takePhoneSlot(challenge.phone);
    this.#renew(challenge, LIMITS.phoneCodeTtl);
    this.#textPhoneCode(challenge);
  }

  phoneChallengeView(challenge: PhoneChallengeRecord): ChallengeView {
    return this.#challengeView(challenge, challenge.phone);
  }

  /** A single-use proof that `phone` received its code, for the registration that follows. */
  issuePhoneCertificate(phone: string): string {
    const certificate = randomToken();
    this.#certificates.set(certificate, { phone, expiresAt: new Date(this.now().getTime() + LIMITS.phoneCertificateTtl) });
    return certificate;
  }

  /** Whether `certificate` proves `phone` (live, for that very number); a valid one is used up. */
  consumePhoneCertificate(certificate: string, phone: string): boolean {
    const record = this.#certificates.get(certificate);
    if (!record || record === 'expired' || record.phone !== phone) return false;
    this.#certificates.delete(certificate);
    return true;
  }

  /** Whether `certificate` would prove `phone`, without using it (the registration may still be refused). */
  isPhoneCertificateValid(certificate: string, phone: string): boolean {
    const record = this.#certificates.get(certificate);
    return record !== undefined && record !== 'expired' && record.phone === phone;
  }

  #takePhoneSlot(phone: string): void {
    const next = this.#sendSlot('phone-code', phone, LIMITS.phoneCodesPerWindow);
    if (next) throw rateLimited(next, this.now());
  }

  #textPhoneCode(challenge: PhoneChallengeRecord): void {
    this.outbox.send({
      kind: 'sms',
      to: challenge.phone,
      subject: 'Code de certification',
      body: `CIBTP : votre code de certification est ${challenge.code}. Il est valable 10 minutes. `
        + 'Ne le communiquez à personne, même à un conseiller de votre caisse.',
      code: challenge.code,
    });
  }

  // ---- Signup tickets ------------------------------------------------------------------------------------

  /** A short-lived ticket for step 2; a new identification of the same record voids the previous one. */
  issueTicket(subject: TicketSubject, ttl: number = LIMITS.signupTicketTtl): string {
    if (subject.kind === 'company') {
      this.#tickets.deleteWhere((t) => t.subject.kind === 'company' && t.subject.siteId === subject.siteId && t.subject.purpose === subject.purpose);
    } else if (subject.kind === 'worker') {
      this.#tickets.deleteWhere((t) => t.subject.kind === 'worker' && t.subject.workerId === subject.workerId);
    }
    const ticket = randomToken();
    this.#tickets.set(ticket, { subject, expiresAt: new Date(this.now().getTime() + ttl) });
    return ticket;
  }

  /**
   * The subject of a live ticket of `kind`, not used up: the caller spends it once step 2 succeeds. Unknown,
   * used, expired or of another kind, it is `410 link-expired`: the wizard goes back to step 1.
   */
  ticket<K extends TicketSubject['kind']>(token: string, kind: K): Extract<TicketSubject, { kind: K }> {
    const record = this.#tickets.get(token);
    if (!record || record === 'expired' || record.subject.kind !== kind) throw new MockHttpError(410, { code: 'link-expired' });
    return record.subject as Extract<TicketSubject, { kind: K }>;
  }

  spendTicket(token: string): void {
    this.#tickets.delete(token);
  }

  /**
   * A signup or an association used this site's code: it stops working (a later identification with it
   * fails), and so do the other tickets it gave.
   */
  spendConfidentialCode(site: MockSite): void {
    site.confidentialCode = null;
    this.#tickets.deleteWhere((t) => t.subject.kind === 'company' && t.subject.siteId === site.id);
  }

  // ---- FranceConnect (simulated) ------------------------------------------------------------------------

  franceConnectPage(): string {
    if (this.#franceConnectPage !== undefined) return this.#franceConnectPage;
    const location = (globalThis as { location?: { origin: string } }).location;
    return `${location ? location.origin : 'http://localhost'}/franceconnect.html`;
  }

  /** A pending FranceConnect login: its `state`, and one code per demo identity the page offers. */
  startFranceConnect(): { state: string; codes: Record<'matched' | 'unmatched', string> } {
    const state = randomToken();
    const codes = { matched: randomToken(), unmatched: randomToken() };
    this.#franceConnect.set(state, { codes, expiresAt: new Date(this.now().getTime() + LIMITS.franceConnectTtl) });
    return { state, codes };
  }

  /**
   * Which identity FranceConnect sent back for `state`. Single use: the pending login is gone whatever
   * the code (`404 link-invalid` for an unknown state or code, `410 link-expired` once it ran out).
   */
  consumeFranceConnect(state: string, code: string): 'matched' | 'unmatched' {
    const pending = this.#franceConnect.get(state);
    if (pending === 'expired') throw new MockHttpError(410, { code: 'link-expired' });
    this.#franceConnect.delete(state);
    if (pending && sameSecret(pending.codes.matched, code)) return 'matched';
    if (pending && sameSecret(pending.codes.unmatched, code)) return 'unmatched';
    throw new MockHttpError(404, { code: 'link-invalid' });
  }
}

type IdentificationScope = 'site' | 'worker';

type ChallengeView = { id: string; channel: 'sms'; maskedPhone: string; expiresAt: string; resendAvailableAt: string };

/** Failures are counted per scope and typed value: a login's email, a site's or a worker's identifiant. */
function throttleKey(scope: 'login' | IdentificationScope, value: string): string {
  const typed = scope === 'login' ? normaliseEmail(value) : value.trim().toUpperCase();
  return `${scope}\u0000${typed}`;
}

function newSlot(now: number): SessionSlot {
  return { csrf: [], session: null, pending: null, lastUsed: now, change: null };
}

function isLive(challenge: CodeChallenge, now: Date): boolean {
  return challenge.expiresAt.getTime() > now.getTime() && challenge.attemptsLeft > 0;
}
