/**
 * `runConformance()`: runs the rules against a backend and returns the report. Against the package's
 * own mock (`GET <origin>/__mock/` says so) no accounts file is needed: its demo identities and its
 * outbox and clock hooks are used.
 */
import type { Accounts } from './accounts.js';
import { isRecord, UnreachableError, Visitor, type Exchange } from './http.js';
import type { ClockHook, OutboxHook, RuleContext, RuleStatus, SentMessage } from './rule.js';
import { RULES } from './rules/index.js';

export interface ConformanceOptions {
  /** The API base URL, as the widgets' `base-url` (e.g. `https://test.caisse.fr/api/`). */
  baseUrl: string | URL;
  /** The test identities and hooks; optional against the package's mock. */
  accounts?: Accounts;
  /** Rule ids to run (default: all). */
  only?: readonly string[];
}

export interface RuleResult {
  id: string;
  title: string;
  status: RuleStatus;
  evidence: string[];
  durationMs: number;
}

export interface Report {
  apiUrl: string;
  /** Whether the package's own mock was found at the base URL's origin. */
  mock: boolean;
  startedAt: string;
  durationMs: number;
  results: RuleResult[];
  passed: number;
  failed: number;
  skipped: number;
}

/** A mistake of the caller (bad URL, unknown rule, accounts needed): the CLI exits 2. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

export { UnreachableError };

export const RULE_IDS: readonly string[] = RULES.map((rule) => rule.id);

export async function runConformance(options: ConformanceOptions): Promise<Report> {
  const apiUrl = toApiUrl(options.baseUrl);
  const only = options.only ?? RULE_IDS;
  const unknown = only.filter((id) => !RULE_IDS.includes(id));
  if (unknown.length > 0) throw new UsageError(`unknown rule ${unknown.join(', ')} (rules: ${RULE_IDS.join(', ')})`);
  const started = Date.now();

  const discovered = await discoverMock(apiUrl);
  let accounts = options.accounts;
  if (!accounts) {
    if (!discovered) throw new UsageError(`${apiUrl} is not the package's mock: pass --accounts FILE with the test identities of this backend`);
    const { mockAccounts } = await import('./mock-accounts.js');
    accounts = mockAccounts(discovered);
  } else if (discovered) {
    accounts = { ...discovered, ...accounts };
  }

  const journal: Exchange[] = [];
  // Reachable, and an API: a first read whose answer the `schemas` rule checks with the rest.
  await new Visitor('probe', apiUrl, journal).call('csrf');

  const ctx: RuleContext = {
    apiUrl,
    accounts,
    journal,
    outbox: accounts.outbox ? outboxHook(accounts.outbox) : undefined,
    clock: accounts.clock ? clockHook(accounts.clock) : undefined,
    visitor: (name) => new Visitor(name, apiUrl, journal),
    unique: () => globalThis.crypto.randomUUID().replaceAll('-', ''),
    now: async () => (accounts.clock ? clockHook(accounts.clock).now() : new Date()),
  };

  const results: RuleResult[] = [];
  for (const rule of RULES.filter((r) => only.includes(r.id))) {
    const start = Date.now();
    let outcome;
    try {
      outcome = await rule.run(ctx);
    } catch (error) {
      // A rule that cannot finish (an answer it cannot read, a hook that fails) did not pass.
      outcome = { status: 'failed' as const, evidence: [`✗ the rule could not finish: ${(error as Error).message}`] };
    }
    results.push({ id: rule.id, title: rule.title, ...outcome, durationMs: Date.now() - start });
  }
  const count = (status: RuleStatus) => results.filter((r) => r.status === status).length;
  return {
    apiUrl, mock: discovered !== undefined, startedAt: new Date(started).toISOString(), durationMs: Date.now() - started,
    results, passed: count('passed'), failed: count('failed'), skipped: count('skipped'),
  };
}

function toApiUrl(baseUrl: string | URL): string {
  let url: URL;
  try {
    url = new URL(baseUrl);
  } catch {
    throw new UsageError(`--base-url must be an http(s) URL, got ${String(baseUrl)}`);
  }
  if (!/^https?:$/.test(url.protocol)) throw new UsageError(`--base-url must be an http(s) URL, got ${url.href}`);
  url.search = '';
  url.hash = '';
  return url.href.replace(/\/?$/, '/');
}

/** The mock's hooks, when `GET <origin>/__mock/` is the package's mock; anything else is a backend. */
async function discoverMock(apiUrl: string): Promise<{ outbox: string; clock: string } | undefined> {
  const url = new URL('/__mock/', apiUrl);
  let response: Response;
  try {
    response = await fetch(url, { headers: { Accept: 'application/json' }, redirect: 'manual' });
  } catch (error) {
    throw new UnreachableError(`${url.origin} cannot be reached: ${String((error as Error).cause ?? (error as Error).message)}`);
  }
  if (!response.ok) return undefined;
  const body: unknown = await response.json().catch(() => undefined);
  if (!isRecord(body) || body.name !== 'cibtp-mock-server' || typeof body.outbox !== 'string' || typeof body.clock !== 'string') return undefined;
  return { outbox: body.outbox, clock: body.clock };
}

async function hookJson(url: string, init?: RequestInit): Promise<unknown> {
  let response: Response;
  try {
    response = await fetch(url, { ...init, headers: { Accept: 'application/json', 'Content-Type': 'application/json' } });
  } catch (error) {
    throw new Error(`the test hook ${url} cannot be reached: ${String((error as Error).cause ?? (error as Error).message)}`);
  }
  if (!response.ok) throw new Error(`the test hook ${url} answered ${response.status}`);
  return response.json();
}

function outboxHook(url: string): OutboxHook {
  return {
    async list() {
      const body = await hookJson(url);
      if (!Array.isArray(body)) throw new Error(`the outbox ${url} did not answer a list of messages`);
      return body.filter((m): m is SentMessage => isRecord(m) && typeof m.id === 'string' && typeof m.to === 'string');
    },
  };
}

function clockHook(url: string): ClockHook {
  const read = (body: unknown): Date => {
    const now = isRecord(body) && typeof body.now === 'string' ? new Date(body.now) : new Date(Number.NaN);
    if (Number.isNaN(now.getTime())) throw new Error(`the clock ${url} did not answer { now }`);
    return now;
  };
  return {
    now: async () => read(await hookJson(url)),
    async advance(ms) {
      read(await hookJson(url, { method: 'POST', body: JSON.stringify({ advance: ms }) }));
    },
  };
}
