/**
 * `csrf`: a sample of state changes — signing in, asking for a reset link, creating a delegation,
 * signing out — is refused without the `X-CSRF-Token` header, and with a token the server never issued
 * (`403 csrf`), with no effect; each is accepted with the visitor's own token.
 */
import { describe, type Exchange } from '../http.js';
import { Findings, isError, isSuccess, missing, signIn, skipped, type Rule } from '../rule.js';
import { delegationsTo, newDelegation, SMALL_RIGHTS } from './delegations.js';
import { unknownEmail } from './uniform-answers.js';

export const csrf: Rule = {
  id: 'csrf',
  title: 'State changes are refused without the CSRF header',
  async run(ctx) {
    const reasons = missing(ctx, { accounts: ['login'] });
    if (reasons.length > 0) return skipped(...reasons);
    const findings = new Findings();
    const refused = (what: string, answer: Exchange) =>
      findings.check(answer.status === 403 && isError(answer, 'csrf'), `${what}: ${describe(answer)}`, 'expected 403 csrf');
    const accepted = (what: string, answer: Exchange) =>
      findings.check(isSuccess(answer), `${what}: ${describe(answer)}`, 'expected a success');
    const forged = 'A'.repeat(43);

    const visitor = ctx.visitor('csrf');
    const login = ctx.accounts.login!;
    refused('login without the header', await visitor.call('login', login, { csrf: false }));
    refused('login with a forged token', await visitor.call('login', login, { csrf: forged }));
    const email = unknownEmail(ctx);
    refused('forgotPassword without the header', await visitor.call('forgotPassword', { email }, { csrf: false }));
    accepted('forgotPassword with it', await visitor.call('forgotPassword', { email }));

    const failure = await signIn(visitor, login);
    if (failure) {
      findings.fail(`login with the header: ${failure}`);
      return findings.outcome();
    }
    findings.note('login with the header: signed in');
    const delegation = await newDelegation(ctx, SMALL_RIGHTS);
    refused('createDelegation without the header', await visitor.call('createDelegation', delegation, { csrf: false }));
    findings.check(await delegationsTo(visitor, delegation.email) === 0, 'the refused delegation was not created', 'it is in the list');
    accepted('createDelegation with it', await visitor.call('createDelegation', delegation));

    refused('logout without the header', await visitor.call('logout', undefined, { csrf: false }));
    const still = await visitor.call('currentSession');
    findings.check(isSuccess(still) && (still.json as { session?: unknown }).session != null, 'the session survived the refused logout', describe(still));
    accepted('logout with it', await visitor.call('logout'));
    return findings.outcome();
  },
};
