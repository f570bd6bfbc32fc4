/**
 * What a rule of the suite is, what it is given (`RuleContext`) and the helpers every rule shares:
 * the findings it collects as evidence, the test hooks (outbox, clock), signing in.
 */
import type { Accounts } from './accounts.js';
import { codeOf, describe, isRecord, type Exchange, type Visitor } from './http.js';

export type RuleStatus = 'passed' | 'failed' | 'skipped';

export interface RuleOutcome {
  status: RuleStatus;
  /** Short readable lines: a request and its status, the differing field… */
  evidence: string[];
}

export interface Rule {
  readonly id: string;
  readonly title: string;
  run(ctx: RuleContext): Promise<RuleOutcome>;
}

/** A message of the test environment's outbox, as the mock's `OutboxMessage` (only what the suite reads). */
export interface SentMessage {
  id: string;
  kind: string;
  to: string;
  link?: string;
  code?: string;
}

export interface OutboxHook {
  /** Every message so far, oldest first. */
  list(): Promise<SentMessage[]>;
}

export interface ClockHook {
  now(): Promise<Date>;
  advance(ms: number): Promise<void>;
}

export interface RuleContext {
  readonly apiUrl: string;
  readonly accounts: Accounts;
  /** Every exchange of the run so far (the `schemas` rule checks them all). */
  readonly journal: Exchange[];
  readonly outbox: OutboxHook | undefined;
  readonly clock: ClockHook | undefined;
  /** A new browser: its own cookie jar and CSRF token. */
  visitor(name: string): Visitor;
  /** A value no earlier run used (random), for unknown identities and new records. */
  unique(): string;
  /** The backend's time: its clock hook's, else this machine's. */
  now(): Promise<Date>;
}

export function skipped(...reasons: string[]): RuleOutcome {
  return { status: 'skipped', evidence: reasons };
}

/** What a rule saw, and whether anything was wrong. */
export class Findings {
  readonly evidence: string[] = [];
  #failed = false;

  /** A line of evidence that is not a failure by itself. */
  note(line: string): void {
    this.evidence.push(line);
  }

  fail(line: string): void {
    this.#failed = true;
    this.evidence.push(`✗ ${line}`);
  }

  /** Notes `line` when `ok`, else fails with it and `why`; returns `ok`. */
  check(ok: boolean, line: string, why?: string): boolean {
    if (ok) this.note(line);
    else this.fail(why ? `${line}: ${why}` : line);
    return ok;
  }

  get failed(): boolean {
    return this.#failed;
  }

  outcome(): RuleOutcome {
    return { status: this.#failed ? 'failed' : 'passed', evidence: this.evidence };
  }
}

/** Whether an answer is an error with `code` (any of `codes`). */
export function isError(exchange: Exchange, ...codes: string[]): boolean {
  const code = codeOf(exchange);
  return exchange.status >= 400 && code !== undefined && codes.includes(code);
}

export function isSuccess(exchange: Exchange): boolean {
  return exchange.status >= 200 && exchange.status < 300;
}

/** `status` of a login answer's body (`signed-in`, `choose-tiers`, `otp-required`). */
export function loginStatus(exchange: Exchange): string | undefined {
  return isSuccess(exchange) && isRecord(exchange.json) && typeof exchange.json.status === 'string' ? exchange.json.status : undefined;
}

/**
 * Signs `visitor` in, choosing `tiersId` when the backend asks for a tiers. Returns the failing
 * exchange's description when it could not.
 */
export async function signIn(visitor: Visitor, credentials: { email: string; password: string }, tiersId?: string): Promise<string | null> {
  const answer = await visitor.call('login', credentials);
  const status = loginStatus(answer);
  if (status === 'signed-in') return null;
  if (status === 'choose-tiers' && tiersId) {
    const chosen = await visitor.call('selectTiers', { tiersId });
    return loginStatus(chosen) === 'signed-in' ? null : `could not choose tiers ${tiersId}: ${describe(chosen)}`;
  }
  return `could not sign in ${credentials.email}: ${describe(answer)}${status ? ` (${status})` : ''}`;
}

/** What a rule needs of the accounts file and hooks; the reasons it must skip (empty: all there). */
export function missing(ctx: RuleContext, needs: { accounts?: (keyof Accounts)[]; outbox?: boolean; clock?: boolean }): string[] {
  const reasons = (needs.accounts ?? []).filter((key) => ctx.accounts[key] === undefined).map((key) => `the accounts file has no \`${key}\``);
  if (needs.outbox && !ctx.outbox) reasons.push('no outbox hook (`outbox` in the accounts file): the codes and links cannot be read');
  if (needs.clock && !ctx.clock) reasons.push('no clock hook (`clock` in the accounts file): expiry cannot be reached without waiting');
  return reasons;
}

/** Messages the outbox received after `mark()` was called. */
export async function outboxMark(outbox: OutboxHook): Promise<() => Promise<SentMessage[]>> {
  const before = new Set((await outbox.list()).map((m) => m.id));
  return async () => (await outbox.list()).filter((m) => !before.has(m.id));
}

/** The token of an emailed link (`…#action=…&token=…`, or `?token=…`). */
export function linkToken(link: string | undefined): string | undefined {
  return link ? /[?#&]token=([A-Za-z0-9_-]+)/.exec(link)?.[1] : undefined;
}
