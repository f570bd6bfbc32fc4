/**
 * `schemas`: every answer of the run — those of the other rules, and a sweep of the reads that need no
 * input or a simple one, signed out and signed in — matches the contract: a success the SDK's response
 * schema of its operation (an empty body where it expects none), an error the error body
 * (`ServerErrorBody`: a code of the closed list, field codes, `retryAt`, `attemptsLeft`). Runs last.
 */
import { operations, type OperationDef } from '../../sdk/operations.js';
import { ServerErrorBody } from '../../sdk/schemas/error.js';
import { isRecord, type Exchange, type Visitor } from '../http.js';
import { Findings, signIn, type Rule, type RuleContext } from '../rule.js';

/** What is wrong with one answer, as short lines (empty: it matches). */
export function mismatches(exchange: Exchange): string[] {
  const name = exchange.operation;
  if (!name) return [];
  // Widened: no operation downloads a file yet, but the rule must know one when it comes.
  const def: OperationDef = operations[name];
  const where = `${name} ${exchange.status}`;
  if (exchange.status >= 200 && exchange.status < 300) {
    if (def.response === 'blob') return [];
    if (def.response === undefined) return exchange.text === '' ? [] : [`${where}: a body where none is expected`];
    if (exchange.json === undefined) return [`${where}: the body is not JSON`];
    const parsed = def.response.safeParse(exchange.json);
    return parsed.success ? [] : parsed.error.issues.map((issue) => `${where}: ${issue.path.map(String).join('.') || '(root)'}: ${issue.message}`);
  }
  if (exchange.status >= 400) {
    if (exchange.json === undefined) return [`${where}: the error body is not JSON`];
    const parsed = ServerErrorBody.safeParse(exchange.json);
    return parsed.success ? [] : parsed.error.issues.map((issue) => `${where} (error body): ${issue.path.map(String).join('.') || '(root)'}: ${issue.message}`);
  }
  return [`${where}: neither a success nor an error`];
}

const PAGE = { page: 1, pageSize: 10 } as const;

/** The reads worth a look, signed out (most then answer an error, whose shape is checked too) or in. */
async function sweep(visitor: Visitor): Promise<void> {
  await visitor.call('csrf');
  await visitor.call('currentSession');
  await visitor.call('passwordPolicy');
  await visitor.call('secretQuestions');
  await visitor.call('rightsCatalogue');
  await visitor.call('searchCommunes', { departement: '69', q: 'Lyon' });
  await visitor.call('searchTiers', { sort: 'raisonSociale', direction: 'asc', ...PAGE });
  await visitor.call('tiersRights');
  await visitor.call('homeTiles');
  await visitor.call('delegationsOverview');
  const list = await visitor.call('searchDelegations', { sort: 'name', direction: 'asc', ...PAGE });
  const first = isRecord(list.json) && Array.isArray(list.json.items) ? list.json.items[0] : undefined;
  if (isRecord(first) && typeof first.id === 'string') await visitor.call('getDelegation', { id: first.id });
}

export const schemas: Rule = {
  id: 'schemas',
  title: 'Responses match the schemas',
  async run(ctx: RuleContext) {
    const findings = new Findings();
    await sweep(ctx.visitor('schemas (signed out)'));
    if (ctx.accounts.login) {
      const visitor = ctx.visitor('schemas (signed in)');
      const failure = await signIn(visitor, ctx.accounts.login);
      if (failure) findings.note(`signed-in sweep not done: ${failure}`);
      else {
        await sweep(visitor);
        await visitor.call('logout');
      }
    }
    const checked = ctx.journal.filter((e) => e.operation !== undefined);
    const seen = new Set<string>();
    for (const exchange of checked) {
      for (const line of mismatches(exchange)) {
        // One line per operation, status and path: a repeated mismatch says nothing new.
        if (!seen.has(line)) findings.fail(line);
        seen.add(line);
      }
    }
    const operationsSeen = new Set(checked.map((e) => e.operation)).size;
    findings.note(`${checked.length} answers of ${operationsSeen} operations checked`);
    return findings.outcome();
  },
};
