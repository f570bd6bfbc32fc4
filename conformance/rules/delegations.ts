/** What the rules that create delegations share: a new delegate's input, and finding it in the list. */
import type { DelegationRights } from '../../sdk/schemas/rights.js';
import { describe, isRecord, type Visitor } from '../http.js';
import type { RuleContext } from '../rule.js';

/** Today in the caisse's time zone on the backend's clock: a date d'effet the backend cannot call past. */
export async function today(ctx: RuleContext): Promise<string> {
  const paris = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Paris', year: 'numeric', month: '2-digit', day: '2-digit' });
  return paris.format(await ctx.now());
}

/** A delegation to a new address (`example.com`: no real mailbox gets the welcome email). */
export async function newDelegation(ctx: RuleContext, rights: DelegationRights): Promise<{ email: string; effectiveDate: string; rights: DelegationRights }> {
  return { email: `conformance-delegate-${ctx.unique()}@example.com`, effectiveDate: await today(ctx), rights };
}

/** A small grant any administrator may give. */
export const SMALL_RIGHTS: DelegationRights = { administrator: false, colleges: ['ouvrier'], functions: { documents: 'read' } };

const PAGE_SIZE = 100;
const MAX_PAGES = 200;

/** How many delegations of the visitor's current tiers have `email` (every page of the list). */
export async function delegationsTo(visitor: Visitor, email: string): Promise<number> {
  let count = 0;
  for (let page = 1; page <= MAX_PAGES; page++) {
    const answer = await visitor.call('searchDelegations', { sort: 'email', direction: 'asc', page, pageSize: PAGE_SIZE });
    const body = answer.json;
    if (answer.status !== 200 || !isRecord(body) || !Array.isArray(body.items) || typeof body.total !== 'number') {
      throw new Error(`cannot list the delegations: ${describe(answer)}`);
    }
    count += body.items.filter((item) => isRecord(item) && item.email === email).length;
    if (page * PAGE_SIZE >= body.total) return count;
  }
  return count;
}
