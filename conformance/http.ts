/**
 * The suite's HTTP client. Each `Visitor` is one browser: its own cookie jar and CSRF token. Answers are
 * kept raw (status, headers, text) so that rules compare them exactly, and every one is recorded in the
 * run's journal, which the `schemas` rule checks at the end. Operations are sent as the SDK sends them
 * (`sdk/core.ts`): the path under the API base URL with its `{name}` parameters filled in, a GET's other
 * fields as the query string, a write's as a JSON body with `X-CSRF-Token` and `Idempotency-Key`.
 */
import { operations, type OperationInput, type OperationName } from '../sdk/operations.js';
import { prepare, toSearchParams } from '../sdk/core.js';
import { isPortalError } from '../sdk/errors.js';

/** One request and its answer, as the server gave it. */
export interface Exchange {
  /** The operation of `sdk/operations.ts`, when the request was one. */
  operation: OperationName | undefined;
  visitor: string;
  method: string;
  /** The path under the API base URL, with its query string. */
  path: string;
  status: number;
  headers: Headers;
  text: string;
  /** The body parsed as JSON; `undefined` when empty or not JSON. */
  json: unknown;
  /** When the request left, on this machine's clock (ms). */
  sentAt: number;
}

export interface CallOptions {
  /** Send `X-CSRF-Token` on a write (default true): `false` sends none, a string sends that value. */
  csrf?: boolean | string;
  /** The write's `Idempotency-Key` (default: a fresh one per call, as the SDK does). */
  idempotencyKey?: string;
}

/** A mistake of the suite's own input (an accounts file value the operation's schema refuses). */
export class InputError extends Error {
  override readonly name = 'InputError';
}

/** A network failure: the server could not be reached at all. */
export class UnreachableError extends Error {
  override readonly name = 'UnreachableError';
}

/** A short readable line for evidence: `POST auth/login → 401 invalid-credentials` (the rule says who sent it). */
export function describe(exchange: Exchange): string {
  const code = isRecord(exchange.json) && typeof exchange.json.code === 'string' ? ` ${exchange.json.code}` : '';
  return `${exchange.method} ${exchange.path} → ${exchange.status}${code}`;
}

export class Visitor {
  readonly name: string;
  readonly #apiUrl: string;
  readonly #journal: Exchange[];
  readonly #cookies = new Map<string, string>();
  /** Bumped whenever the jar changes: a new session gets a new CSRF token. */
  #jarVersion = 0;
  #csrf: { token: string; jarVersion: number } | null = null;

  constructor(name: string, apiUrl: string, journal: Exchange[]) {
    this.name = name;
    this.#apiUrl = apiUrl;
    this.#journal = journal;
  }

  /** The cookie header this visitor would send (for rules that look at the session cookie). */
  get cookieHeader(): string {
    return [...this.#cookies].map(([name, value]) => `${name}=${value}`).join('; ');
  }

  /** Sends one request under the API base URL, with this visitor's cookies. */
  async request(
    method: string, path: string,
    init: { body?: unknown; headers?: Record<string, string>; operation?: OperationName } = {},
  ): Promise<Exchange> {
    const headers: Record<string, string> = { Accept: 'application/json', ...init.headers };
    const cookie = this.cookieHeader;
    if (cookie) headers.Cookie = cookie;
    let body: string | undefined;
    if (init.body !== undefined) {
      headers['Content-Type'] = 'application/json';
      body = JSON.stringify(init.body);
    }
    const sentAt = Date.now();
    let response: Response;
    try {
      response = await fetch(new URL(path, this.#apiUrl), { method, headers, body, redirect: 'manual' });
    } catch (error) {
      throw new UnreachableError(`${method} ${new URL(path, this.#apiUrl).href}: ${(error as Error).cause ?? (error as Error).message}`);
    }
    this.#keepCookies(response.headers);
    const text = await response.text();
    const exchange: Exchange = {
      operation: init.operation, visitor: this.name, method, path, status: response.status,
      headers: response.headers, text, json: parseJson(text), sentAt,
    };
    this.#journal.push(exchange);
    return exchange;
  }

  /** A CSRF token for this visitor's current session, fetched again once the session changed. */
  async csrfToken(): Promise<string> {
    if (this.#csrf && this.#csrf.jarVersion === this.#jarVersion) return this.#csrf.token;
    const answer = await this.call('csrf');
    const token = isRecord(answer.json) ? answer.json.token : undefined;
    if (answer.status !== 200 || typeof token !== 'string') throw new Error(`no CSRF token: ${describe(answer)}`);
    this.#csrf = { token, jarVersion: this.#jarVersion };
    return token;
  }

  /**
   * Calls an operation as the SDK would. A write refused for its CSRF token (`403 csrf`) is sent once
   * more with a fresh token and the same key, as the SDK does; not when the call chose its own header.
   */
  call<N extends OperationName>(
    name: N, ...args: OperationInput<N> extends void ? [input?: undefined, options?: CallOptions] : [input: OperationInput<N>, options?: CallOptions]
  ): Promise<Exchange> {
    const [input, options] = args as [unknown, CallOptions | undefined];
    return this.invoke(name, input, options);
  }

  /** `call()` for an operation chosen at run time: the input is checked by the operation's schema only. */
  async invoke(name: OperationName, input: unknown, options: CallOptions = {}): Promise<Exchange> {
    const def = operations[name];
    let prepared: { path: string; fields: unknown };
    try {
      prepared = prepare(def, input);
    } catch (error) {
      if (!isPortalError(error, 'validation')) throw error;
      throw new InputError(`${name}: the input is refused by its schema (${Object.entries(error.fields).map(([f, c]) => `${f}: ${c}`).join(', ')})`);
    }
    const { path, fields } = prepared;
    if (def.method === 'GET') {
      const search = toSearchParams(fields).toString();
      return this.request('GET', search ? `${path}?${search}` : path, { operation: name });
    }
    const key = options.idempotencyKey ?? globalThis.crypto.randomUUID();
    const send = async (): Promise<Exchange> => {
      const headers: Record<string, string> = { 'Idempotency-Key': key };
      if (options.csrf === undefined || options.csrf === true) headers['X-CSRF-Token'] = await this.csrfToken();
      else if (typeof options.csrf === 'string') headers['X-CSRF-Token'] = options.csrf;
      return this.request(def.method, path, { operation: name, headers, body: fields });
    };
    const answer = await send();
    const ours = options.csrf === undefined || options.csrf === true;
    if (ours && answer.status === 403 && isRecord(answer.json) && answer.json.code === 'csrf') {
      this.#csrf = null;
      return send();
    }
    return answer;
  }

  #keepCookies(headers: Headers): void {
    for (const line of headers.getSetCookie()) {
      const [pair = '', ...attributes] = line.split(';');
      const at = pair.indexOf('=');
      if (at <= 0) continue;
      const name = pair.slice(0, at).trim();
      const value = pair.slice(at + 1).trim();
      const attribute = (wanted: string) => attributes.map((a) => a.trim().split('=')).find(([k]) => k?.toLowerCase() === wanted)?.[1];
      const maxAge = attribute('max-age');
      const expires = attribute('expires');
      const gone = value === '' || (maxAge !== undefined && Number(maxAge) <= 0) || (expires !== undefined && Date.parse(expires) <= Date.now());
      const before = this.#cookies.get(name);
      if (gone) this.#cookies.delete(name);
      else this.#cookies.set(name, value);
      if (before !== this.#cookies.get(name)) this.#jarVersion += 1;
    }
  }
}

function parseJson(text: string): unknown {
  if (text === '') return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** `code` of an error answer's body, if any. */
export function codeOf(exchange: Exchange): string | undefined {
  return isRecord(exchange.json) && typeof exchange.json.code === 'string' ? exchange.json.code : undefined;
}
