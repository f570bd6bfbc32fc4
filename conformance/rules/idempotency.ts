/**
 * `idempotency`: the same write sent twice with one `Idempotency-Key` (a retry after a lost answer)
 * answers the first answer again, same status and body, and has one effect: one delegation in the list.
 */
import { differences, summary } from '../compare.js';
import { describe } from '../http.js';
import { Findings, isSuccess, missing, signIn, skipped, type Rule } from '../rule.js';
import { delegationsTo, newDelegation, SMALL_RIGHTS } from './delegations.js';

export const idempotency: Rule = {
  id: 'idempotency',
  title: 'An Idempotency-Key replays the first answer, with one effect',
  async run(ctx) {
    const reasons = missing(ctx, { accounts: ['login'] });
    if (reasons.length > 0) return skipped(...reasons);
    const findings = new Findings();
    const visitor = ctx.visitor('idempotency');
    const failure = await signIn(visitor, ctx.accounts.login!);
    if (failure) return { status: 'failed', evidence: [failure] };
    const delegation = await newDelegation(ctx, SMALL_RIGHTS);
    const idempotencyKey = globalThis.crypto.randomUUID();
    const first = await visitor.call('createDelegation', delegation, { idempotencyKey });
    if (!findings.check(isSuccess(first), `first createDelegation: ${describe(first)}`, 'expected a success')) return findings.outcome();
    const again = await visitor.call('createDelegation', delegation, { idempotencyKey });
    const diffs = differences(first, again).filter((line) => !line.startsWith('header'));
    findings.check(diffs.length === 0 && again.text === first.text, `the same request and key again: ${describe(again)}`,
      `not the first answer (${summary(diffs) || 'body differs'})`);
    const count = await delegationsTo(visitor, delegation.email);
    findings.check(count === 1, `delegations to ${delegation.email}: ${count}`, 'expected exactly 1');
    return findings.outcome();
  },
};
