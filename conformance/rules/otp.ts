/**
 * `otp`: a login's one-time code works once, allows few wrong attempts, expires, and cannot be resent
 * without limit. Each check starts from a new login (a new challenge); the code is read from the outbox
 * and the expiry reached with the clock hook.
 */
import { describe, isRecord, type Visitor } from '../http.js';
import { Findings, isError, isSuccess, loginStatus, missing, outboxMark, skipped, type Rule, type RuleContext } from '../rule.js';

/** "Few": the most wrong codes a challenge may take before it is spent. The mock allows 3. */
export const MAX_OTP_ATTEMPTS = 5;
/** The most resends (each after its wait) a challenge may get before they are refused. The mock allows 3. */
export const MAX_OTP_RESENDS = 5;
/** The longest a code may live (docs/SECURITY.md: "valid at most 10 minutes"). */
export const MAX_OTP_TTL = 10 * 60_000;

interface Challenge {
  id: string;
  code: string;
  expiresAt: number;
  resendAvailableAt: number;
}

/** Signs in with the password and reads the code sent for the challenge; a string says why it could not. */
async function challenge(ctx: RuleContext, visitor: Visitor): Promise<Challenge | string> {
  const sent = await outboxMark(ctx.outbox!);
  const answer = await visitor.call('login', ctx.accounts.otp!);
  const body = answer.json;
  const challengeOf = isRecord(body) && isRecord(body.challenge) ? body.challenge : undefined;
  if (loginStatus(answer) !== 'otp-required' || typeof challengeOf?.id !== 'string') return `expected otp-required: ${describe(answer)}`;
  const code = (await sent()).filter((m) => m.code).at(-1)?.code;
  if (!code) return 'no code in the outbox after the login';
  return {
    id: challengeOf.id, code,
    expiresAt: Date.parse(String(challengeOf.expiresAt)),
    resendAvailableAt: Date.parse(String(challengeOf.resendAvailableAt)),
  };
}

/** A code of the same length that is not `code`. */
function wrong(code: string): string {
  return code.replace(/\d$/, (d) => String((Number(d) + 1) % 10));
}

export const otp: Rule = {
  id: 'otp',
  title: 'One-time codes expire, allow few attempts, are single-use and are limited in resends',
  async run(ctx) {
    const reasons = missing(ctx, { accounts: ['otp'], outbox: true, clock: true });
    if (reasons.length > 0) return skipped(...reasons);
    const findings = new Findings();
    const visitor = ctx.visitor('otp');
    const next = async (): Promise<Challenge | undefined> => {
      const c = await challenge(ctx, visitor);
      if (typeof c === 'string') findings.fail(c);
      return typeof c === 'string' ? undefined : c;
    };

    // Single use.
    let c = await next();
    if (!c) return findings.outcome();
    const first = await visitor.call('verifyOtp', { challengeId: c.id, code: c.code });
    findings.check(isSuccess(first), `the right code: ${describe(first)}`, 'expected a success');
    const reused = await visitor.call('verifyOtp', { challengeId: c.id, code: c.code });
    findings.check(isError(reused, 'otp-expired', 'otp-invalid'), `the same code again: ${describe(reused)}`, 'a code must work once');

    // Few attempts: after MAX_OTP_ATTEMPTS wrong codes, even the right one is refused.
    c = await next();
    if (!c) return findings.outcome();
    const answers: string[] = [];
    for (let i = 0; i < MAX_OTP_ATTEMPTS; i++) {
      const answer = await visitor.call('verifyOtp', { challengeId: c.id, code: wrong(c.code) });
      const left = isRecord(answer.json) && typeof answer.json.attemptsLeft === 'number' ? ` (${answer.json.attemptsLeft} left)` : '';
      answers.push(`${answer.status}${left}`);
      if (isSuccess(answer)) findings.fail(`a wrong code was accepted: ${describe(answer)}`);
    }
    findings.note(`${MAX_OTP_ATTEMPTS} wrong codes: ${answers.join(', ')}`);
    const after = await visitor.call('verifyOtp', { challengeId: c.id, code: c.code });
    findings.check(isError(after, 'otp-expired', 'otp-invalid'), `then the right code: ${describe(after)}`,
      `more than ${MAX_OTP_ATTEMPTS} attempts are allowed`);

    // Expiry: just past the challenge's own expiresAt, on the backend's clock.
    c = await next();
    if (!c) return findings.outcome();
    const now = (await ctx.clock!.now()).getTime();
    const ttl = Number.isNaN(c.expiresAt) ? MAX_OTP_TTL : c.expiresAt - now;
    findings.check(ttl <= MAX_OTP_TTL, `the code lives ${Math.round(ttl / 1000)} s`, `more than ${MAX_OTP_TTL / 60_000} minutes`);
    await ctx.clock!.advance(Math.min(ttl, MAX_OTP_TTL) + 1_000);
    const late = await visitor.call('verifyOtp', { challengeId: c.id, code: c.code });
    findings.check(isError(late, 'otp-expired'), `the right code ${Math.round(Math.min(ttl, MAX_OTP_TTL) / 1000) + 1} s later: ${describe(late)}`, 'expected otp-expired');

    // Resends: each after the wait it announces; refused (429) before MAX_OTP_RESENDS + 1.
    c = await next();
    if (!c) return findings.outcome();
    let availableAt = c.resendAvailableAt;
    let limited = false;
    const resends: string[] = [];
    for (let i = 0; i <= MAX_OTP_RESENDS && !limited; i++) {
      const wait = (Number.isNaN(availableAt) ? 60_000 : availableAt - (await ctx.clock!.now()).getTime()) + 1_000;
      if (wait > 0) await ctx.clock!.advance(wait);
      const answer = await visitor.call('resendOtp', { challengeId: c.id });
      resends.push(String(answer.status));
      limited = answer.status === 429 && isError(answer, 'rate-limited');
      if (!limited && !isSuccess(answer)) {
        findings.fail(`resend ${i + 1}: ${describe(answer)}`);
        break;
      }
      availableAt = isRecord(answer.json) ? Date.parse(String(answer.json.resendAvailableAt)) : Number.NaN;
    }
    findings.check(limited, `resends, each after its wait: ${resends.join(', ')}`, `still accepted after ${MAX_OTP_RESENDS} resends`);
    return findings.outcome();
  },
};
