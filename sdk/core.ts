/**
 * The core transport: one ky instance, the CSRF token, `Idempotency-Key`, timeouts, retries, error
 * mapping and session tracking, and `invoke()`, which runs any operation definition. It imports no
 * operation's schema but the CSRF token's: the operations a page calls come with the functions it
 * imports (`sdk/<domain>/index.ts`), or all at once with `createPortalClient()` (`sdk/client.ts`).
 */
import ky, { HTTPError, NetworkError, TimeoutError, type KyInstance, type Options } from 'ky';
import { csrfDef } from './csrf.js';
import type { FileDownload, InputOf, OperationDef, OutputOf, SessionEffect } from './definition.js';
import { PortalError, isPortalErrorCode, toFieldErrorCode, type FieldErrorCode, type PortalErrorCode } from './errors.js';
import { ErrorBody, type Locale, type Session } from './schemas/common.js';
import { parseFields } from './validate.js';
import { xhrFetch } from './xhr-fetch.js';

export interface PortalClientOptions {
  /** Where the portal API lives, e.g. `https://espace.caisse.fr/api/` or `/api/`. */
  baseUrl: string | URL;
  /**
   * A fetch implementation (tests, Node); defaults to the global one, looked up at call time. When
   * given, it carries every call, so uploads then report no progress.
   */
  fetch?: typeof globalThis.fetch;
  /** Per-attempt timeout in ms (default 10 000). */
  timeout?: number;
  /** Ceiling for a whole call, retries included, in ms (default 30 000). */
  totalTimeout?: number;
  /** How many times an idempotent read is retried (default 2). */
  retryLimit?: number;
  /** Longest `Retry-After` honoured before a retry, in ms (default 5 000). */
  maxRetryAfter?: number;
  locale?: Locale;
  /** Called once when the server says the session has expired (see also `onSessionExpired`). */
  onSessionExpired?: () => void;
}

export interface UploadProgress {
  /** Bytes sent so far. */
  loaded: number;
  /** Bytes to send in all (`0` when unknown). */
  total: number;
}

export interface CallOptions {
  signal?: AbortSignal;
  /**
   * Reuse the key of a failed attempt when the user retries the same action, so that the server
   * applies it once. A fresh key is made when none is given.
   */
  idempotencyKey?: string;
  /**
   * Upload progress of a request with a body (multipart uploads). Reported in browsers (the call then
   * goes through `XMLHttpRequest`, as `fetch` reports no upload progress); never called in Node or
   * when the client was given its own `fetch`.
   */
  onUploadProgress?: (progress: UploadProgress) => void;
}

/**
 * The transport every operation goes through: what the widgets hold, and what the operation functions
 * (`login(client, …)`) take. Any object of this shape works, including one made by another copy of
 * the kit: the functions only call `invoke()`.
 */
export interface PortalCore {
  readonly baseUrl: string;
  /** Sent as `Accept-Language`; may be changed at any time. */
  locale: Locale;
  /** The session this client last saw, or `null`. Held in memory only. */
  readonly session: Session | null;
  /** Subscribes to the single "session expired" announcement; returns an unsubscribe function. */
  onSessionExpired(listener: () => void): () => void;
  /** Subscribes to session changes (sign-in, tiers choice, logout, expiry). */
  onSessionChange(listener: (session: Session | null) => void): () => void;
  /**
   * Runs one operation: checks the input with its request schema (a `validation` PortalError, nothing
   * sent, when it fails), sends it, parses the answer, applies the definition's session effect.
   * Every failure is a `PortalError`.
   */
  invoke<D extends OperationDef>(def: D, input: InputOf<D>, options?: CallOptions): Promise<OutputOf<D>>;
}

const STATUS_CODES: Record<number, PortalErrorCode> = {
  400: 'validation',
  401: 'session-expired',
  403: 'forbidden',
  404: 'not-found',
  409: 'conflict',
  410: 'link-expired',
  422: 'validation',
  423: 'account-locked',
  429: 'rate-limited',
};

export function newIdempotencyKey(): string {
  return globalThis.crypto.randomUUID();
}

/**
 * Creates the transport of the portal API, without any operation: pass it to the operation functions.
 *
 * @example
 * ```ts
 * import { createPortalCore, login, verifyOtp } from '@cibtp/espace-widgets/sdk';
 *
 * const client = createPortalCore({ baseUrl: '/api/' });
 * const result = await login(client, { email, password });
 * if (result.status === 'otp-required') await verifyOtp(client, { challengeId: result.challenge.id, code });
 * ```
 */
export function createPortalCore(options: PortalClientOptions): PortalCore {
  const baseUrl = String(options.baseUrl).replace(/\/?$/, '/');
  /** The CSRF token, in memory only; a promise, so that concurrent first calls fetch it once. */
  let csrfToken: Promise<string> | null = null;
  let session: Session | null = null;
  let expiryAnnounced = false;
  const expiredListeners = new Set<() => void>();
  const sessionListeners = new Set<(s: Session | null) => void>();
  if (options.onSessionExpired) expiredListeners.add(options.onSessionExpired);

  const http: KyInstance = ky.create({
    baseUrl,
    credentials: 'include',
    // Looked up at call time so that a mock installed after the client was made still sees the calls.
    fetch: (input, init) => (options.fetch ?? globalThis.fetch)(input, init),
    timeout: options.timeout ?? 10_000,
    totalTimeout: options.totalTimeout ?? 30_000,
    retry: {
      limit: options.retryLimit ?? 2,
      methods: ['get'],
      statusCodes: [408, 429, 500, 502, 503, 504],
      afterStatusCodes: [429, 503],
      maxRetryAfter: options.maxRetryAfter ?? 5_000,
      backoffLimit: 3_000,
      jitter: true,
    },
  });

  function setSession(next: Session | null): void {
    session = next;
    if (next) expiryAnnounced = false;
    for (const listener of sessionListeners) listener(next);
  }

  function announceExpiry(): void {
    if (session) setSession(null);
    if (expiryAnnounced) return;
    expiryAnnounced = true;
    for (const listener of expiredListeners) listener();
  }

  function applySessionEffect(effect: SessionEffect | undefined, result: unknown): void {
    if (effect === 'end') {
      csrfToken = null;
      setSession(null);
    } else if (effect === 'current' && isRecord(result)) {
      setSession((result.session as Session | null | undefined) ?? null);
    } else if (effect === 'result' && isRecord(result) && result.status === 'signed-in') {
      // A new session gets a new CSRF token on the server.
      csrfToken = null;
      setSession(result.session as Session);
    }
  }

  function csrf(): Promise<string> {
    if (!csrfToken) {
      // Not tied to one caller's AbortSignal: other calls may be waiting for the same token.
      const pending = core.invoke(csrfDef, undefined).then((result) => result.token);
      csrfToken = pending;
      pending.catch(() => {
        if (csrfToken === pending) csrfToken = null;
      });
    }
    return csrfToken;
  }

  async function send(def: OperationDef, request: Prepared, call: CallOptions, idempotencyKey: string): Promise<unknown> {
    const headers: Record<string, string> = {
      Accept: def.response === 'blob' ? '*/*' : 'application/json',
      'Accept-Language': core.locale,
    };
    if (def.method !== 'GET') {
      headers['Idempotency-Key'] = idempotencyKey;
      headers['X-CSRF-Token'] = await csrf();
    }
    const init: Options = { method: def.method, headers, signal: call.signal, ...(def.retry ? {} : { retry: 0 }) };
    if (request.fields !== undefined) {
      if (def.method === 'GET') init.searchParams = toSearchParams(request.fields);
      else if (def.body === 'multipart') init.body = toFormData(request.fields);
      else init.json = request.fields;
    }
    if (call.onUploadProgress && def.method !== 'GET' && !options.fetch && typeof XMLHttpRequest === 'function') {
      init.fetch = xhrFetch(call.onUploadProgress);
    }
    const response = await http(request.path, init);
    if (def.response === 'blob') {
      return { blob: await response.blob(), fileName: fileNameOf(response.headers.get('Content-Disposition')) } satisfies FileDownload;
    }
    if (!def.response) return undefined;
    let body: unknown;
    try {
      body = JSON.parse(await response.text());
    } catch (cause) {
      throw new PortalError('malformed-response', { status: response.status, cause });
    }
    const parsed = def.response.safeParse(body);
    if (!parsed.success) throw new PortalError('malformed-response', { status: response.status, cause: parsed.error });
    return parsed.data;
  }

  async function invoke(def: OperationDef, input: unknown, call: CallOptions = {}): Promise<unknown> {
    const request = prepare(def, input);
    const key = call.idempotencyKey ?? newIdempotencyKey();
    let result: unknown;
    try {
      result = await send(def, request, call, key);
    } catch (error) {
      const portalError = toPortalError(error, call.signal);
      // Only a write carries the token: the server refused it before doing anything, so fetch a fresh
      // one and try once more, with the same key.
      if (portalError.code !== 'csrf' || def.method === 'GET') throw portalError;
      csrfToken = null;
      try {
        result = await send(def, request, call, key);
      } catch (retryError) {
        throw toPortalError(retryError, call.signal);
      }
    }
    applySessionEffect(def.session, result);
    return result;
  }

  function toPortalError(error: unknown, signal: AbortSignal | undefined): PortalError {
    const portalError = mapError(error, signal);
    if (portalError.code === 'session-expired') announceExpiry();
    return portalError;
  }

  const core: PortalCore = {
    baseUrl,
    locale: options.locale ?? 'fr',
    get session() {
      return session;
    },
    onSessionExpired(listener) {
      expiredListeners.add(listener);
      return () => expiredListeners.delete(listener);
    },
    onSessionChange(listener) {
      sessionListeners.add(listener);
      return () => sessionListeners.delete(listener);
    },
    // The generic signature is the interface's; the body works on any definition.
    invoke: invoke as PortalCore['invoke'],
  };
  return core;
}

interface Prepared {
  /** The path with its parameters filled in. */
  path: string;
  /** What goes in the query string or the body: the parsed input less the path parameters. */
  fields: unknown;
}

/** Checks the input and fills the path; throws a `validation` PortalError naming the refused fields. */
function prepare(def: OperationDef, input: unknown): Prepared {
  let data: unknown = undefined;
  if (def.request) {
    const checked = parseFields(def.request, input);
    if (!checked.success) throw new PortalError('validation', { fields: checked.fields });
    data = checked.data;
  }
  const rest: Record<string, unknown> = isRecord(data) ? { ...data } : {};
  const refused: Record<string, FieldErrorCode> = {};
  const path = def.path.replace(/\{(\w+)\}/g, (_, name: string) => {
    const value = rest[name];
    delete rest[name];
    if (value === undefined || value === null || value === '') refused[name] = 'required';
    // '.' and '..' would be resolved as path segments and reach another endpoint.
    else if ((typeof value !== 'string' && typeof value !== 'number') || value === '.' || value === '..') refused[name] = 'invalid';
    else return encodeURIComponent(value);
    return '';
  });
  if (Object.keys(refused).length > 0) throw new PortalError('validation', { fields: refused });
  return { path, fields: isRecord(data) ? rest : data };
}

/** Field values as sent in a query string or a form: arrays repeat their key, `undefined` and `null` are left out. */
function entries(fields: unknown): [string, unknown][] {
  if (!isRecord(fields)) return [];
  return Object.entries(fields).flatMap(([name, value]) =>
    (Array.isArray(value) ? value : [value]).filter((v) => v !== undefined && v !== null).map((v): [string, unknown] => [name, v]),
  );
}

function toText(value: unknown): string {
  if (value instanceof Date) return value.toISOString();
  return typeof value === 'object' ? JSON.stringify(value) : String(value);
}

function toSearchParams(fields: unknown): URLSearchParams {
  return new URLSearchParams(entries(fields).map(([name, value]) => [name, toText(value)]));
}

function toFormData(fields: unknown): FormData {
  const form = new FormData();
  for (const [name, value] of entries(fields)) {
    if (value instanceof Blob) form.append(name, value);
    else form.append(name, toText(value));
  }
  return form;
}

/** The file name of a `Content-Disposition` header: the UTF-8 `filename*` form first, then `filename`. */
function fileNameOf(header: string | null): string | undefined {
  if (!header) return undefined;
  let name: string | undefined;
  const extended = /filename\*\s*=\s*utf-8'[^']*'([^;\s]+)/i.exec(header);
  if (extended?.[1]) {
    try {
      name = decodeURIComponent(extended[1]);
    } catch {
      // Not valid UTF-8 percent-encoding: fall back to the plain form.
    }
  }
  if (name === undefined) {
    const plain = /(?:^|;)\s*filename\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^;]*))/i.exec(header);
    name = plain?.[1]?.replace(/\\(.)/g, '$1') ?? plain?.[2]?.trim();
  }
  // A server's name is a suggestion for the user's downloads folder, never a path.
  const base = name?.split(/[\\/]/).pop();
  return base ? base : undefined;
}

function mapError(error: unknown, signal: AbortSignal | undefined): PortalError {
  if (error instanceof PortalError) return error;
  if (signal?.aborted || (error instanceof Error && error.name === 'AbortError')) {
    return new PortalError('aborted', { cause: error });
  }
  if (error instanceof TimeoutError) return new PortalError('timeout', { cause: error });
  if (error instanceof NetworkError) return new PortalError('network', { cause: error });
  if (error instanceof HTTPError) {
    const status = error.response.status;
    const parsed = ErrorBody.safeParse(error.data);
    const body = parsed.success ? parsed.data : undefined;
    const code: PortalErrorCode = body && isPortalErrorCode(body.code) ? body.code : (STATUS_CODES[status] ?? 'server');
    const fields = body?.fields
      ? Object.fromEntries(Object.entries(body.fields).map(([k, v]) => [k, toFieldErrorCode(v)]))
      : undefined;
    const retryAt = body?.retryAt ? new Date(body.retryAt) : retryAfter(error.response.headers.get('Retry-After'));
    return new PortalError(code, { status, fields, retryAt, attemptsLeft: body?.attemptsLeft, cause: error });
  }
  if (error instanceof TypeError) return new PortalError('network', { cause: error });
  return new PortalError('server', { cause: error });
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Blob);
}

function retryAfter(header: string | null): Date | undefined {
  if (!header) return undefined;
  const seconds = Number(header);
  if (Number.isFinite(seconds)) return new Date(Date.now() + seconds * 1000);
  const date = new Date(header);
  return Number.isNaN(date.getTime()) ? undefined : date;
}
