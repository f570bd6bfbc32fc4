/**
 * `delegation-beyond-rights`: a delegator (an accounting firm, say) may delegate only what it holds on
 * the tiers. The suite reads what it holds (`tiersRights`) and the catalogue, asks for more (a function
 * in write mode it lacks, the administrator box), and expects `validation` with `rights: beyond-rights`
 * (the mock answers 422), and nothing created.
 */
import { rightsExcess } from '../../sdk/rules/delegation.js';
import { COLLEGES, type RightFunction } from '../../sdk/rules/rights.js';
import { RightsCatalogue, type DelegationRights } from '../../sdk/schemas/rights.js';
import { TiersRights } from '../../sdk/schemas/tiers.js';
import { describe, isRecord } from '../http.js';
import { Findings, isError, missing, signIn, skipped, type Rule } from '../rule.js';
import { delegationsTo, newDelegation } from './delegations.js';

export const delegationBeyondRights: Rule = {
  id: 'delegation-beyond-rights',
  title: 'A delegation beyond the delegator’s rights is refused',
  async run(ctx) {
    const reasons = missing(ctx, { accounts: ['delegator'] });
    if (reasons.length > 0) return skipped(...reasons);
    const { tiersId, ...credentials } = ctx.accounts.delegator!;
    const visitor = ctx.visitor('delegator');
    const failure = await signIn(visitor, credentials, tiersId);
    if (failure) return { status: 'failed', evidence: [failure] };
    const heldAnswer = await visitor.call('tiersRights');
    const held = TiersRights.safeParse(heldAnswer.json);
    const catalogue = RightsCatalogue.safeParse((await visitor.call('rightsCatalogue')).json);
    if (!held.success || !catalogue.success) return { status: 'failed', evidence: [`cannot read the delegator's rights or the catalogue: ${describe(heldAnswer)}`] };
    if (held.data.administrator) return skipped(`${credentials.email} administers ${tiersId}: nothing is beyond its rights (choose a delegator with limited rights)`);

    const colleges = held.data.colleges.length > 0 ? held.data.colleges : [COLLEGES[0]];
    const lacking = catalogue.data.groups.flatMap((g) => g.functions).find((fn: RightFunction) => held.data.functions[fn] !== 'write');
    const asks: [string, DelegationRights][] = [['the administrator box', { administrator: true, colleges, functions: {} }]];
    if (lacking) asks.push([`${lacking} in write mode`, { administrator: false, colleges, functions: { [lacking]: 'write' } }]);

    const findings = new Findings();
    for (const [what, rights] of asks) {
      if (rightsExcess(rights, held.data) === null) continue;
      const delegation = await newDelegation(ctx, rights);
      const answer = await visitor.call('createDelegation', delegation);
      const fields = isRecord(answer.json) && isRecord(answer.json.fields) ? answer.json.fields : {};
      findings.check((answer.status === 422 || answer.status === 400) && isError(answer, 'validation') && fields.rights === 'beyond-rights',
        `asking for ${what}: ${describe(answer)} ${JSON.stringify(fields)}`, 'expected validation with rights: beyond-rights');
      const count = await delegationsTo(visitor, delegation.email);
      findings.check(count === 0, `delegations to ${delegation.email} afterwards: ${count}`, 'the refused delegation was created');
    }
    return findings.outcome();
  },
};
