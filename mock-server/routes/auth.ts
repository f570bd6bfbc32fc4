/** Login, one-time codes, tiers choice, session and CSRF (flow 4). */
import type { LoginResult } from '../../sdk/schemas/auth.js';
import { DEMO_PASSWORD, findAccount, type MockAccount } from '../db.js';
import { MockHttpError, rateLimited } from '../http-error.js';
import { route, type MockRoute } from '../route.js';
import { LIMITS, type BackendState } from '../state.js';

/**
 * Compares without stopping at the first difference, and compares something even for an unknown email,
 * so that the time taken says as little as possible about the account (ASVS 6.3.8 "similar timing").
 */
function sameSecret(expected: string, given: string): boolean {
  const a = new TextEncoder().encode(expected);
  const b = new TextEncoder().encode(given);
  let diff = a.length ^ b.length;
  for (let i = 0; i < Math.max(a.length, b.length); i++) diff |= (a[i] ?? 0) ^ (b[i] ?? 0);
  return diff === 0;
}

function locked(until: Date): MockHttpError {
  return new MockHttpError(423, { code: 'account-locked', retryAt: until.toISOString() });
}

/** Once the password is right and the account usable: one-time code, tiers picker or signed in. */
function afterPassword(state: BackendState, account: MockAccount): LoginResult {
  if (account.kind === 'salarie') {
    // Workers receive a code at every login, and only ever on a certified number (ASVS 6.6.1).
    if (!account.mobile?.certified) throw new MockHttpError(403, { code: 'forbidden' });
    return { status: 'otp-required', challenge: state.otpView(state.startOtpChallenge(account)) };
  }
  return completeLogin(state, account);
}

function completeLogin(state: BackendState, account: MockAccount): LoginResult {
  // Its own tiers and those of its active delegations, as of now.
  const siteIds = state.siteIdsOf(account);
  const count = siteIds.length;
  // A company or firm login that acts for no one — a firm not yet confirmed, a delegate whose delegation
  // is pending, closed or ended — has nothing to enter (said only after the right password).
  if (count === 0 && account.kind !== 'salarie') throw new MockHttpError(403, { code: 'forbidden' });
  if (count >= 2) {
    // Only the count: the picker searches and pages the tiers (`searchTiers`).
    state.rememberPendingTiers(account);
    return { status: 'choose-tiers', tiersCount: count };
  }
  return { status: 'signed-in', session: state.startSession(account, siteIds[0] ?? null) };
}

export const authRoutes: MockRoute[] = [
  route('csrf', ({ state }) => ({ token: state.issueCsrfToken() })),

  route('login', ({ body, state, now }) => {
    const { email, password } = body;
    // While locked, the password is not even looked at: the right one is refused too.
    const lockedUntil = state.lockedUntil(email);
    if (lockedUntil) throw locked(lockedUntil);
    const account = findAccount(state.db, email);
    const passwordOk = sameSecret(account?.password ?? DEMO_PASSWORD, password) && account !== undefined;
    if (!account || !passwordOk) {
      // Unknown emails are counted and locked exactly like known ones: the answers cannot tell them apart.
      const lock = state.recordLoginFailure(email);
      if (lock) throw locked(lock);
      throw new MockHttpError(401, { code: 'invalid-credentials' });
    }
    state.clearLoginFailures(email);
    // These two say something about the account, so only the holder of the right password hears them.
    if (!account.activated) throw new MockHttpError(403, { code: 'account-not-activated' });
    if (!account.emailCertifiedUntil || account.emailCertifiedUntil.getTime() <= now().getTime()) {
      throw new MockHttpError(403, { code: 'email-certification-expired' });
    }
    return afterPassword(state, account);
  }),

  route('verifyOtp', ({ body, state }) => {
    const challenge = state.liveChallenge(body.challengeId);
    const account = state.account(challenge.accountId);
    if (!account) throw new MockHttpError(410, { code: 'otp-expired' });
    if (!sameSecret(challenge.code, body.code)) {
      challenge.attemptsLeft -= 1;
      // The last wrong attempt burns the challenge: the next try answers 410 and a new login is needed.
      if (challenge.attemptsLeft <= 0) state.burnChallenge(challenge.id);
      throw new MockHttpError(401, { code: 'otp-invalid', attemptsLeft: Math.max(0, challenge.attemptsLeft) });
    }
    state.burnChallenge(challenge.id);
    return completeLogin(state, account);
  }),

  route('resendOtp', ({ body, state, now }) => {
    const challenge = state.liveChallenge(body.challengeId);
    const account = state.account(challenge.accountId);
    if (!account) throw new MockHttpError(410, { code: 'otp-expired' });
    // No more resends for this challenge: the user may retry once it has run out (then log in again).
    if (challenge.resends >= LIMITS.otpMaxResends) throw rateLimited(challenge.expiresAt, now());
    if (challenge.resendAvailableAt.getTime() > now().getTime()) throw rateLimited(challenge.resendAvailableAt, now());
    state.renewOtpCode(challenge, account);
    return state.otpView(challenge);
  }),

  route('selectTiers', ({ body, state }) => {
    const pending = state.pendingTiers();
    if (pending) {
      if (!state.siteIdsOf(pending.account).includes(body.tiersId)) throw new MockHttpError(403, { code: 'forbidden' });
      return { status: 'signed-in', session: state.startSession(pending.account, body.tiersId) };
    }
    // *Changer de tiers* from a running session.
    const account = state.sessionAccount();
    if (!account) throw new MockHttpError(401, { code: 'session-expired' });
    if (!state.siteIdsOf(account).includes(body.tiersId)) throw new MockHttpError(403, { code: 'forbidden' });
    return { status: 'signed-in', session: state.startSession(account, body.tiersId) };
  }),

  route('logout', ({ state }) => {
    state.endSession();
  }),

  route('currentSession', ({ state }) => ({ session: state.touchSession() })),
];
