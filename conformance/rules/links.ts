/**
 * `links`: a reset link and an activation link work once and expire. For each: a first link is left
 * to expire (the clock hook moves just past its lifetime), then a second one is used, then used again.
 * Expiry comes first: once used, an activation is done and no new link would be sent.
 */
import { DEFAULT_LINK_TTL } from '../accounts.js';
import { describe } from '../http.js';
import type { OperationName } from '../../sdk/operations.js';
import { Findings, isError, isSuccess, linkToken, missing, outboxMark, skipped, type Rule, type RuleContext } from '../rule.js';

interface Flow {
  what: string;
  email: string;
  ttl: number;
  /** Asks for a link by email. */
  send: OperationName;
  /** Follows the link. */
  follow: (token: string) => { name: OperationName; input: unknown };
}

async function checkFlow(ctx: RuleContext, flow: Flow, findings: Findings): Promise<void> {
  const visitor = ctx.visitor(`links (${flow.what})`);
  const link = async (): Promise<string | undefined> => {
    const sent = await outboxMark(ctx.outbox!);
    const asked = await visitor.invoke(flow.send, { email: flow.email });
    if (!findings.check(isSuccess(asked), `${flow.what}: ask for a link: ${describe(asked)}`, 'expected a success')) return undefined;
    const messages = await sent();
    const token = linkToken((messages.filter((m) => m.to === flow.email && m.link).at(-1) ?? messages.filter((m) => m.link).at(-1))?.link);
    if (!token) findings.fail(`${flow.what}: no link with a token in the outbox for ${flow.email}`);
    return token;
  };
  const follow = (token: string) => {
    const { name, input } = flow.follow(token);
    return visitor.invoke(name, input);
  };

  const expiring = await link();
  if (!expiring) return;
  await ctx.clock!.advance(flow.ttl + 1_000);
  const late = await follow(expiring);
  findings.check(isError(late, 'link-expired', 'link-invalid'), `${flow.what}: the link ${Math.round(flow.ttl / 60_000)} min + 1 s later: ${describe(late)}`, 'expected link-expired');

  const token = await link();
  if (!token) return;
  const used = await follow(token);
  findings.check(isSuccess(used), `${flow.what}: a fresh link: ${describe(used)}`, 'expected a success');
  const again = await follow(token);
  findings.check(isError(again, 'link-invalid', 'link-expired'), `${flow.what}: the same link again: ${describe(again)}`, 'a link must work once');
}

export const links: Rule = {
  id: 'links',
  title: 'Reset and activation links are single-use and expire',
  async run(ctx) {
    const hooks = missing(ctx, { outbox: true, clock: true });
    if (hooks.length > 0) return skipped(...hooks);
    const { reset, activation, linkTtl } = ctx.accounts;
    if (!reset && !activation) return skipped(...missing(ctx, { accounts: ['reset', 'activation'] }));
    const findings = new Findings();
    if (reset) {
      await checkFlow(ctx, {
        what: 'reset', email: reset.email, ttl: linkTtl?.reset ?? DEFAULT_LINK_TTL.reset, send: 'forgotPassword',
        follow: (token) => ({ name: 'resetPassword', input: { token, password: reset.newPassword } }),
      }, findings);
    }
    if (activation) {
      await checkFlow(ctx, {
        what: 'activation', email: activation.email, ttl: linkTtl?.activation ?? DEFAULT_LINK_TTL.activation, send: 'resendActivation',
        follow: (token) => ({ name: 'activateAccount', input: { token } }),
      }, findings);
    }
    if (findings.failed) return findings.outcome();
    const absent = missing(ctx, { accounts: ['reset', 'activation'] });
    return absent.length > 0 ? skipped(...findings.evidence, ...absent) : findings.outcome();
  },
};
