/**
 * `lock`: repeated wrong passwords lock a known login, and an unknown email gets the very same sequence
 * of answers (a lock that only known emails get tells an attacker which emails are known). Known and
 * unknown attempts alternate, each compared with `differences()`.
 */
import { differences, summary } from '../compare.js';
import { codeOf, isRecord, type Exchange } from '../http.js';
import { Findings, isError, missing, skipped, type Rule } from '../rule.js';
import { unknownTwinEmail } from './uniform-answers.js';

/**
 * The most wrong passwords the suite sends before it calls the lock missing. The mock locks at the 5th;
 * CNIL deliberation 2022-100 asks for a restriction "after a few" failures.
 */
export const MAX_FAILURES_BEFORE_LOCK = 10;

/** A lock's answer: `423 account-locked`, or a `429 rate-limited` that does the same job. */
function isLock(answer: Exchange): boolean {
  return (answer.status === 423 && isError(answer, 'account-locked')) || (answer.status === 429 && isError(answer, 'rate-limited'));
}

function saysWhen(answer: Exchange): boolean {
  return (isRecord(answer.json) && typeof answer.json.retryAt === 'string') || answer.headers.has('retry-after');
}

export const lock: Rule = {
  id: 'lock',
  title: 'Repeated wrong passwords lock a login, and lock an unknown email the same way',
  async run(ctx) {
    const reasons = missing(ctx, { accounts: ['lockable'] });
    if (reasons.length > 0) return skipped(...reasons);
    const account = ctx.accounts.lockable!;
    const findings = new Findings();
    const known = ctx.visitor('lock (known)');
    const unknown = ctx.visitor('lock (unknown)');
    // Its twin: on a backend not reset between runs, both carry the failures of the earlier runs.
    const stranger = unknownTwinEmail(account.email);
    const password = `Faux-${ctx.unique().slice(0, 8)}!`;

    const compare = async (step: string, knownPassword: string): Promise<Exchange> => {
      const a = await known.call('login', { email: account.email, password: knownPassword });
      const b = await unknown.call('login', { email: stranger, password });
      const diffs = differences(a, b);
      const seen = `${a.status}${codeOf(a) ? ` ${codeOf(a)}` : ''}`;
      if (diffs.length === 0) findings.note(`${step}: known and unknown both → ${seen}`);
      else findings.fail(`${step}: known → ${seen}, unknown → ${b.status} ${codeOf(b) ?? ''}; ${summary(diffs)}`);
      return a;
    };

    let lockedAt = 0;
    for (let attempt = 1; attempt <= MAX_FAILURES_BEFORE_LOCK && !lockedAt; attempt++) {
      const answer = await compare(`wrong password ${attempt}`, password);
      if (isLock(answer)) {
        lockedAt = attempt;
        findings.check(saysWhen(answer), 'the lock says when to try again', 'neither retryAt nor Retry-After');
      } else if (!(answer.status === 401 && isError(answer, 'invalid-credentials'))) {
        findings.fail(`wrong password ${attempt}: expected 401 invalid-credentials or a lock, got ${answer.status}`);
        break;
      }
    }
    if (!lockedAt) {
      if (!findings.failed) findings.fail(`no lock after ${MAX_FAILURES_BEFORE_LOCK} wrong passwords`);
      return findings.outcome();
    }
    // While locked, the password is not even looked at: the right one is refused like any other.
    const right = await compare('the right password while locked', account.password);
    findings.check(isLock(right), 'the right password is refused while locked', `got ${right.status} ${codeOf(right) ?? ''}`);
    return findings.outcome();
  },
};
